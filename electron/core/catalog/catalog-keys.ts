// Stable identities in a catalog: document and case keys from their names, and fingerprints the corrections compare.
import { createHash } from 'node:crypto';
import type { CatalogDocument, FeeRule } from '../../common/catalog';
import { foldVietnamese } from '../../common/text';

const hash = (text: string, length: number): string =>
  createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);

/** "Giấy chứng sinh; trường hợp ..." -> "giay-chung-sinh-truong-hop" (folded words, at most `words` and `max` chars) */
export function slugOf(text: string, words: number, max: number, folded = foldVietnamese(text)): string {
  const slug = folded
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .slice(0, words)
    .join('-');
  return slug.slice(0, max).replace(/-+$/, '');
}

/**
 * A document's key: a short slug for people reading a corrections file, and a hash of its kind, case and whole folded
 * name so that two documents with the same first words stay apart. The same record always gives the same keys, which is
 * what lets the office's corrections follow a document across catalog updates.
 */
export function documentKey(
  kind: CatalogDocument['kind'],
  name: string,
  caseKey: string | null,
  folded = foldVietnamese(name),
): string {
  const slug = slugOf(name, 6, 40, folded) || 'giay-to';
  return `${slug}-${hash(`${kind}|${caseKey ?? ''}|${folded}`, 6)}`;
}

/** The key a case gets from its name; `taken` holds the keys already used in the procedure (a repeat gets "-2", "-3"). */
export function caseKey(name: string, taken: ReadonlySet<string>): string {
  const base = slugOf(name, 12, 60) || 'truong-hop';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/** Makes `key` unique among `taken` by adding "-2", "-3" (a record listing the same document twice in one group). */
export function uniqueKey(key: string, taken: ReadonlySet<string>): string {
  let unique = key;
  for (let n = 2; taken.has(unique); n++) unique = `${key}-${n}`;
  return unique;
}

/** JSON with sorted keys, so that the same value always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a correction's `base` records: the document as the layers below gave it (every field the editor can change). */
export function documentFingerprint(doc: CatalogDocument): string {
  const { name, kind, label, requirement, condition, onlyModes, requirementByMode, originals, copies } = doc;
  return hash(canonical({ name, kind, label, requirement, condition, onlyModes, requirementByMode, originals, copies }), 12);
}

/** A mode correction's `base`: the fee rule the layers below gave. */
export function feeFingerprint(rule: FeeRule): string {
  return hash(canonical(rule), 12);
}
