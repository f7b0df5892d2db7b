// Pure helpers of the form renderer: paths between the schema, the data and react-hook-form, ids, rule dependencies.
import { createAdminUnits, type AdminUnits, type AdminUnitsFile } from '../../../electron/common/forms/admin-units';
import { leafFields, type FormDefinition } from '../../../electron/common/forms/form-definition';
import { normalizeFormData, type FormData } from '../../../electron/common/forms/form-data';
import type { FieldDef, FormNode } from '../../../electron/common/forms/form-schema';
import { validateFormData } from '../../../electron/common/forms/validate-form';

/** "members[0].fullName" (data path, as stored and sent) -> "members.0.fullName" (react-hook-form name). */
export function rhfName(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

/** "members.0.fullName" -> "members[0].fullName". */
export function dataPathOf(name: string): string {
  return name.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** The DOM id of a field's control: "form-child-dateOfBirth", "form-members-0-fullName". */
export function fieldId(path: string): string {
  return `form-${path.replace(/[.[\]]+/g, '-').replace(/-$/, '')}`;
}

/** The schema pattern of a concrete path: "members[2].idNumber" -> "members[].idNumber". */
export function patternOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** The printed label of a field: "4. Số định danh cá nhân (3)", as the paper numbers it. */
export function numberedLabel(field: Pick<FieldDef, 'label' | 'number' | 'footnote'>): string {
  return `${field.number ? `${field.number}. ` : ''}${field.label}${field.footnote ? ` ${field.footnote}` : ''}`;
}

/** The shipped admin units from what forms.get sends (provinces with their communes). */
export function adminUnitsOf(provinces: AdminUnitsFile['provinces']): AdminUnits {
  return createAdminUnits({ format: 'dai-ly-dvc-admin-units', version: 1, effectiveFrom: '', source: {}, provinces });
}

/** The stored form of what the controls hold: values normalised by type, blanks dropped (as forms.save stores them). */
export function dataOf(def: FormDefinition, values: unknown, units: AdminUnits): FormData {
  return normalizeFormData(def, values, units).data;
}

/** The shared validator over what the controls hold: data path -> Vietnamese message. */
export function problemsOf(def: FormDefinition, values: unknown, units: AdminUnits, today: string): Record<string, string> {
  return validateFormData(def, dataOf(def, values, units), { today, units });
}

/**
 * For each field pattern, the other fields whose message can change when it changes: the paths of the cross-field
 * rules it is in, and the ID number of its own group (checked against the date of birth and the sex). Row patterns
 * ("members[].dateOfBirth") stay patterns; the caller makes them concrete for its row.
 */
export function ruleDependencies(def: FormDefinition): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b || a === '$today' || b === '$today') return;
    if (!out.has(a)) out.set(a, new Set());
    out.get(a)?.add(b);
  };
  for (const rule of def.rules) {
    const paths =
      rule.kind === 'dateOrder' ? [rule.first, rule.then, rule.path] :
      rule.kind === 'minAge' ? [rule.birth, rule.at, rule.path] :
      rule.kind === 'different' ? [...rule.paths, rule.path] :
      rule.kind === 'idSex' ? [rule.idNumber] :
      [rule.path, rule.when.path];
    const present = paths.filter((p): p is string => p !== undefined);
    for (const a of present) for (const b of present) link(a, b);
  }
  const walk = (nodes: FormNode[], prefix: string) => {
    const keys = new Set(nodes.filter((n) => n.kind === 'field').map((n) => n.key));
    const at = (k: string) => (prefix ? `${prefix}.${k}` : k);
    if (keys.has('idNumber')) for (const k of ['dateOfBirth', 'sex']) if (keys.has(k)) link(at(k), at('idNumber'));
    for (const n of nodes) {
      if (n.kind === 'group') walk(n.fields, at(n.key));
      if (n.kind === 'repeat') walk(n.fields, `${at(n.key)}[]`);
    }
  };
  walk(def.sections.flatMap((s) => s.nodes), '');
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

/** The concrete react-hook-form names a field's change must re-check, for the row the field is in. */
export function dependentNames(deps: Map<string, string[]>, path: string): string[] {
  const row = /\[(\d+)\]/.exec(path)?.[1];
  return (deps.get(patternOf(path)) ?? []).map((p) => rhfName(row === undefined ? p : p.replace('[]', `[${row}]`)));
}

/** Paper order rank of a concrete path, for "the first field to fix". */
export function paperRank(def: FormDefinition): (path: string) => number {
  const leaves = leafFields(def);
  const order = new Map(leaves.map((f, i) => [f.path, i]));
  const firstOf = (repeat: string) => leaves.findIndex((f) => f.path.startsWith(`${repeat}[]`));
  // rows are read row by row: a repeat's fields rank by its start, then the row, then the column
  return (path) => {
    const pattern = patternOf(path);
    const row = /^([^[]+)\[(\d+)\]/.exec(path);
    if (row) {
      const start = firstOf(row[1] ?? '');
      const column = (order.get(pattern) ?? start) - start;
      return start * 10_000 + 1 + Number(row[2]) * 100 + column;
    }
    // a repeat's own message ("Cần ít nhất 1 thành viên") comes just before its first row
    const at = order.get(pattern) ?? firstOf(pattern);
    return (at < 0 ? leaves.length : at) * 10_000;
  };
}

/** Whether the form takes fields from an OCR'd document of this kind ("giay-chung-sinh"). */
export function takesDocument(def: FormDefinition, kind: string): boolean {
  return leafFields(def).some((f) => f.field.prefill?.ocr?.startsWith(`${kind}.`) === true);
}
