// Loads a form schema: zod shape first, then the cross-references zod cannot see; every problem names its JSON path.
import type { z } from 'zod';
import { formDefinitionSchema, leafFields, type FormDefinition } from './form-definition';
import type { FieldDef, FieldType, FormNode } from './form-schema';

export type SchemaProblem = { path: string; message: string };
export type SchemaLoad = { ok: true; def: FormDefinition } | { ok: false; problems: SchemaProblem[] };

/** "sections[2].nodes[0].type" from zod's path array. */
export function jsonPath(parts: readonly PropertyKey[]): string {
  return parts
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('') || '(gốc)';
}

function zodProblems(error: z.ZodError): SchemaProblem[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}

type Located = { path: string; field: FieldDef; where: string };

/** Leaf fields with their data path and their JSON location in the file. */
function locatedFields(def: FormDefinition): Located[] {
  const out: Located[] = [];
  const walk = (nodes: FormNode[], prefix: string, where: string) => {
    nodes.forEach((node, i) => {
      const path = prefix ? `${prefix}.${node.key}` : node.key;
      const at = `${where}[${i}]`;
      if (node.kind === 'group') walk(node.fields, path, `${at}.fields`);
      else if (node.kind === 'repeat') walk(node.fields, `${path}[]`, `${at}.fields`);
      else out.push({ path, field: node, where: at });
    });
  };
  def.sections.forEach((s, i) => walk(s.nodes, '', `sections[${i}].nodes`));
  return out;
}

function groupPersons(def: FormDefinition): { person: string; where: string }[] {
  const out: { person: string; where: string }[] = [];
  const walk = (nodes: FormNode[], where: string) =>
    nodes.forEach((node, i) => {
      if (node.kind !== 'group') return;
      if (node.person !== undefined) out.push({ person: node.person, where: `${where}[${i}].person` });
      walk(node.fields, `${where}[${i}].fields`);
    });
  def.sections.forEach((s, i) => walk(s.nodes, `sections[${i}].nodes`));
  return out;
}

/** Cross-references: unique paths, persons, rule and signature paths with the right field types, overlay anchors. */
export function checkReferences(def: FormDefinition): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const fields = locatedFields(def);
  const byPath = new Map<string, Located>();
  for (const f of fields) {
    if (byPath.has(f.path)) problems.push({ path: f.where, message: `đường dẫn dữ liệu "${f.path}" bị trùng` });
    byPath.set(f.path, f);
  }
  const need = (where: string, path: string | undefined, types?: readonly FieldType[]) => {
    if (path === undefined || path === '$today') return;
    const target = byPath.get(path);
    if (!target) problems.push({ path: where, message: `không có trường "${path}" trong mẫu` });
    else if (types && !types.includes(target.field.type)) {
      problems.push({ path: where, message: `trường "${path}" có kiểu ${target.field.type}, cần ${types.join(' hoặc ')}` });
    }
  };
  const personKeys = new Set(def.persons.map((p) => p.key));
  for (const g of groupPersons(def)) {
    if (!personKeys.has(g.person)) problems.push({ path: g.where, message: `không có người "${g.person}" trong persons` });
  }
  def.rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    if (rule.kind === 'dateOrder') {
      need(`${at}.first`, rule.first, ['date', 'monthYear']);
      need(`${at}.then`, rule.then, ['date', 'monthYear']);
    } else if (rule.kind === 'minAge') {
      need(`${at}.birth`, rule.birth, ['date']);
      need(`${at}.at`, rule.at, ['date']);
    } else if (rule.kind === 'different') {
      rule.paths.forEach((p, j) => need(`${at}.paths[${j}]`, p));
    } else if (rule.kind === 'idSex') {
      need(`${at}.idNumber`, rule.idNumber, ['idNumber']);
    } else {
      need(`${at}.path`, rule.path);
      need(`${at}.when.path`, rule.when.path);
    }
    if ('path' in rule && rule.kind !== 'requiredIf') need(`${at}.path`, rule.path);
  });
  need('signature.place', def.signature.place, ['text', 'address']);
  need('signature.date', def.signature.date, ['date']);
  def.signature.blocks.forEach((b, i) => need(`signature.blocks[${i}].namePath`, b.namePath, ['text']));
  for (const f of fields) {
    if (f.field.computed) need(`${f.where}.computed.from`, f.field.computed.from, ['date']);
    if (f.field.showWhen) need(`${f.where}.showWhen.path`, f.field.showWhen.path);
    if (f.field.default === 'today' && f.field.type !== 'date') {
      problems.push({ path: `${f.where}.default`, message: '"today" chỉ dùng cho trường ngày' });
    }
    if (def.paper.mode === 'overlay' && !f.field.paper.hidden && !f.field.paper.anchor) {
      problems.push({ path: `${f.where}.paper.anchor`, message: 'mẫu in chồng (overlay) cần vị trí anchor cho mọi trường được in' });
    }
  }
  def.sections.forEach((s, i) => {
    if (s.paper.layout !== 'sideBySide') return;
    const groups = s.nodes.filter((n) => n.kind === 'group');
    if (groups.length !== 2 || groups.length !== s.nodes.length) {
      problems.push({ path: `sections[${i}].nodes`, message: 'bố cục sideBySide cần đúng hai nhóm (group) cùng danh sách trường' });
    }
  });
  return problems;
}

/** Parses and checks a schema file's JSON; `ok: false` lists every problem by JSON path. */
export function loadFormDefinition(json: unknown): SchemaLoad {
  const parsed = formDefinitionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const problems = checkReferences(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, def: parsed.data };
}

/** Leaf data paths in paper order, for lists and tests. */
export function fieldPaths(def: FormDefinition): string[] {
  return leafFields(def).map((f) => f.path);
}
