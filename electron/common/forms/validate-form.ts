// The one form validator (app, printer, portal simulator): field path -> Vietnamese message, cross-field rules included.
import { validateIdNumber } from '../applicant';
import type { AdminUnits } from './admin-units';
import type { FormDefinition, FormRule } from './form-definition';
import { conditionHolds, expandPath, getAt, isFilled, normalizeFormData, type FormData } from './form-data';
import type { FieldDef, FormNode } from './form-schema';
import { checkValue, type CheckContext } from './field-values';

export type FormProblems = Record<string, string>;
export type ValidateOptions = { today: string; units: AdminUnits };

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const CHOOSE: readonly FieldDef['type'][] = ['sex', 'ethnicity', 'choice', 'multiChoice', 'checkbox', 'address', 'relationship'];

function requiredMessage(field: FieldDef): string {
  if (field.requiredMessage) return field.requiredMessage;
  return `${CHOOSE.includes(field.type) ? 'Hãy chọn' : 'Hãy nhập'} ${lowerFirst(field.label)}.`;
}

type Walker = { data: FormData; ctx: CheckContext; problems: FormProblems };

function add(w: Walker, path: string, message: string) {
  w.problems[path] ??= message;
}

/** A group's ID number against its own date of birth and sex (Circular 07/2016/TT-BCA structure). */
function checkIdAgainstPerson(w: Walker, prefix: string, fields: FormNode[]) {
  const has = (key: string) => fields.some((f) => f.kind === 'field' && f.key === key);
  if (!has('idNumber') || (!has('dateOfBirth') && !has('sex'))) return;
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const id = getAt(w.data, at('idNumber'));
  if (typeof id !== 'string' || !/^\d{12}$/.test(id) || w.problems[at('idNumber')]) return;
  const dob = getAt(w.data, at('dateOfBirth'));
  const sex = getAt(w.data, at('sex'));
  const result = validateIdNumber(
    id,
    // a bare birth year ("Năm sinh") still checks the ID's century and year digits
    typeof dob === 'string' && /^\d{4}(-\d{2}-\d{2})?$/.test(dob) ? (dob.length === 4 ? `${dob}-01-01` : dob) : undefined,
    sex === 'male' || sex === 'female' ? sex : undefined,
    { currentYear: Number(w.ctx.today.slice(0, 4)) },
  );
  if (!result.ok) add(w, at('idNumber'), result.reason);
}

function walkNodes(w: Walker, nodes: FormNode[], prefix: string) {
  for (const node of nodes) {
    const path = prefix ? `${prefix}.${node.key}` : node.key;
    const showWhen = node.kind === 'repeat' ? undefined : node.showWhen;
    if (showWhen && !conditionHolds(w.data, showWhen)) continue;
    if (node.kind === 'group') {
      walkNodes(w, node.fields, path);
      checkIdAgainstPerson(w, path, node.fields);
    } else if (node.kind === 'repeat') {
      const rows = getAt(w.data, path);
      const count = Array.isArray(rows) ? rows.length : 0;
      if (count < node.min) add(w, path, `Cần ít nhất ${node.min} ${node.itemLabel} (đang có ${count}).`);
      if (count > node.max) add(w, path, `Tối đa ${node.max} ${node.itemLabel} (đang có ${count}).`);
      for (let i = 0; i < Math.min(count, node.max); i++) {
        walkNodes(w, node.fields, `${path}[${i}]`);
        checkIdAgainstPerson(w, `${path}[${i}]`, node.fields);
      }
    } else if (!node.computed) {
      const value = getAt(w.data, path);
      if (!isFilled(value)) {
        if (node.required) add(w, path, requiredMessage(node));
        continue;
      }
      const problem = checkValue(node, value, w.ctx);
      if (problem) add(w, path, problem);
    }
  }
}

const ageOn = (birth: string, at: string) => {
  const years = Number(at.slice(0, 4)) - Number(birth.slice(0, 4));
  return at.slice(5) >= birth.slice(5) ? years : years - 1;
};
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
/** Two dates (or two months, yyyy-MM) of the same precision, so that string order is time order. */
const comparable = (x: unknown, y: unknown): x is string => typeof x === 'string' && typeof y === 'string' && x.length === y.length && /^\d{4}-\d{2}(-\d{2})?$/.test(x) && /^\d{4}-\d{2}(-\d{2})?$/.test(y);

/** Pairs of concrete paths for a rule over two paths (row by row when both have `[]`). */
function pairs(data: FormData, a: string, b: string): [string, string][] {
  if (b === '$today') return expandPath(data, a).map((p) => [p, b]);
  const left = expandPath(data, a);
  const right = expandPath(data, b);
  if (a.includes('[]') && b.includes('[]')) return left.map((p, i) => [p, right[i] ?? '']);
  return left.flatMap((p) => right.map((q): [string, string] => [p, q]));
}

/** Where a rule's message goes: its `path`, made concrete for the same row as the value that failed. */
function reportPath(path: string | undefined, pattern: string, concrete: string): string {
  if (path === undefined) return concrete;
  const row = /^(.*?)\[(\d+)\]/.exec(concrete);
  const head = pattern.split('[]')[0];
  return row && head !== undefined && path.startsWith(`${head}[]`) ? path.replace('[]', `[${row[2] ?? '0'}]`) : path;
}

function checkRule(w: Walker, rule: FormRule) {
  const valueOf = (p: string) => (p === '$today' ? w.ctx.today : getAt(w.data, p));
  const blocked = (p: string) => w.problems[p] !== undefined;
  switch (rule.kind) {
    case 'dateOrder':
      for (const [a, b] of pairs(w.data, rule.first, rule.then)) {
        const [x, y] = [valueOf(a), valueOf(b)];
        if (!comparable(x, y) || typeof y !== 'string' || blocked(a) || blocked(b)) continue;
        if (x > y || (!rule.allowEqual && x === y)) add(w, reportPath(rule.path, rule.first, a), rule.message);
      }
      return;
    case 'minAge':
      for (const [a, b] of pairs(w.data, rule.birth, rule.at)) {
        const [birth, at] = [valueOf(a), valueOf(b)];
        if (!isDate(birth) || !isDate(at) || blocked(a)) continue;
        if (ageOn(birth, at) < rule.years) add(w, rule.path ?? a, rule.message);
      }
      return;
    case 'different': {
      const [a, b] = rule.paths;
      if (a === undefined || b === undefined) return;
      const [x, y] = [getAt(w.data, a), getAt(w.data, b)];
      if (typeof x === 'string' && x !== '' && x === y) add(w, rule.path ?? b, rule.message);
      return;
    }
    case 'idSex':
      for (const p of expandPath(w.data, rule.idNumber)) {
        const id = getAt(w.data, p);
        if (typeof id !== 'string' || !/^\d{12}$/.test(id) || blocked(p)) continue;
        const female = Number(id[3]) % 2 === 1;
        if (female !== (rule.sex === 'female')) add(w, p, rule.message);
      }
      return;
    case 'requiredIf':
      for (const p of expandPath(w.data, rule.path)) {
        if (conditionHolds(w.data, rule.when) && !isFilled(getAt(w.data, p))) add(w, p, rule.message);
      }
      return;
  }
}

/**
 * Every problem of (normalised) form data, as data path -> Vietnamese message. Empty = complete and valid. Paths are the
 * data's own ("child.dateOfBirth", "members[0].idNumber"); the portal answers them under "formData.data.".
 */
export function validateFormData(def: FormDefinition, data: FormData, opts: ValidateOptions): FormProblems {
  const w: Walker = { data, ctx: { today: opts.today, units: opts.units }, problems: {} };
  walkNodes(w, def.sections.flatMap((s) => s.nodes), '');
  for (const rule of def.rules) checkRule(w, rule);
  return w.problems;
}

/** Raw data as it arrives (a file, a submission): normalised first; unknown keys are problems too. */
export function checkRawFormData(def: FormDefinition, raw: unknown, opts: ValidateOptions): { data: FormData; problems: FormProblems } {
  const { data, unknown } = normalizeFormData(def, raw, opts.units);
  const problems = validateFormData(def, data, opts);
  for (const path of unknown) problems[path] ??= 'Mẫu tờ khai không có mục này. Hãy bỏ hoặc đổi đúng tên mục.';
  return { data, problems };
}
