// Form data by path: reading and writing "child.dateOfBirth" / "members[1].fullName", normalising a whole data object.
import type { AdminUnits } from './admin-units';
import type { FormDefinition } from './form-definition';
import type { Condition, FormNode } from './form-schema';
import { normalizeValue } from './field-values';

export type FormData = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "members[1].fullName" -> ['members', 1, 'fullName']. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([A-Za-z0-9]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    out.push(m[1] ?? part);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export function getAt(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const seg of splitPath(path)) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isRecord(cur) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Expands a rule path with `[]` into the concrete row paths present in the data ("members[]" -> members[0], ...). */
export function expandPath(data: unknown, pattern: string): string[] {
  const at = pattern.indexOf('[]');
  if (at < 0) return [pattern];
  const head = pattern.slice(0, at);
  const tail = pattern.slice(at + 2);
  const rows = getAt(data, head);
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((_, i) => expandPath(data, `${head}[${i}]${tail}`));
}

export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.values(value).some(isFilled);
  return true;
}

export function conditionHolds(data: unknown, c: Condition): boolean {
  const value = getAt(data, c.path);
  if (c.filled !== undefined) return isFilled(value) === c.filled;
  if (c.in !== undefined) return typeof value === 'string' && c.in.includes(value);
  return value === c.equals;
}

type Walk = { data: FormData; unknown: string[] };

function normalizeNodes(nodes: FormNode[], raw: unknown, prefix: string, units: AdminUnits | undefined, walk: Walk): FormData {
  const source = isRecord(raw) ? raw : {};
  const out: FormData = {};
  const known = new Set(nodes.map((n) => n.key));
  for (const key of Object.keys(source)) if (!known.has(key)) walk.unknown.push(prefix ? `${prefix}.${key}` : key);
  for (const node of nodes) {
    const path = prefix ? `${prefix}.${node.key}` : node.key;
    const value = source[node.key];
    if (node.kind === 'group') {
      if (value !== undefined && !isRecord(value)) walk.unknown.push(path);
      const inner = normalizeNodes(node.fields, value, path, units, walk);
      if (Object.keys(inner).length > 0) out[node.key] = inner;
    } else if (node.kind === 'repeat') {
      if (!Array.isArray(value)) {
        if (value !== undefined) walk.unknown.push(path);
        continue;
      }
      const rows = value.map((row, i) => normalizeNodes(node.fields, row, `${path}[${i}]`, units, walk));
      const kept = rows.filter((r) => Object.keys(r).length > 0);
      if (kept.length > 0) out[node.key] = kept;
    } else if (!node.computed) {
      const v = normalizeValue(node, value, units);
      if (v !== undefined) out[node.key] = v;
    }
  }
  return out;
}

/**
 * The stored form of raw data (typed, read, or a data file): values normalised by type, blanks and blank rows dropped,
 * computed fields left out. Keys the form does not have are dropped and listed in `unknown` (by path).
 */
export function normalizeFormData(def: FormDefinition, raw: unknown, units?: AdminUnits): { data: FormData; unknown: string[] } {
  const walk: Walk = { data: {}, unknown: [] };
  const nodes = def.sections.flatMap((s) => s.nodes);
  walk.data = normalizeNodes(nodes, raw, '', units, walk);
  return walk;
}

/** Fields with a default ("Việt Nam", today's date) that are still empty get it; used when a form is opened. */
export function withDefaults(def: FormDefinition, data: FormData, today: string): FormData {
  const out: FormData = structuredClone(data);
  const apply = (nodes: FormNode[], target: FormData) => {
    for (const node of nodes) {
      if (node.kind === 'group') {
        const inner = isRecord(target[node.key]) ? (target[node.key] as FormData) : {};
        apply(node.fields, inner);
        if (Object.keys(inner).length > 0) target[node.key] = inner;
      } else if (node.kind === 'field' && node.default !== undefined && !isFilled(target[node.key])) {
        target[node.key] = node.default === 'today' && node.type === 'date' ? today : node.default;
      }
    }
  };
  apply(def.sections.flatMap((s) => s.nodes), out);
  return out;
}
