// Pure prefill steps of the form renderer: CCCD / applicant / document readings into a stored form, confirm, forget.
import type { ApplicantDraft } from '../../../electron/common/applicant';
import type { IdCardReadingOutput } from '../../../electron/common/digitize-contract';
import type { AdminUnits } from '../../../electron/common/forms/admin-units';
import { leafFields, type FormDefinition } from '../../../electron/common/forms/form-definition';
import { getAt } from '../../../electron/common/forms/form-data';
import type { RepeatDef } from '../../../electron/common/forms/form-schema';
import { normalizeValue } from '../../../electron/common/forms/field-values';
import { applyPrefill, prefillFromApplicant, prefillFromIdCard, type IdCardReading, type PrefillValue, type StoredForm } from '../../../electron/common/forms/prefill';
import { patternOf } from './form-model';

export type FormMeta = Pick<StoredForm, 'sources' | 'confirmed'>;

/** How much a source is trusted: a card's chip QR over its MRZ, the applicant's data, then OCR of a photo or scan. */
const rank: Record<PrefillValue['source'], number> = { typed: 9, qr: 4, mrz: 3, applicant: 2, ocr: 1 };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Readings in the form's stored shape (a written address -> province/commune codes, "Nữ" -> female...). */
export function normalizeReadings(def: FormDefinition, values: Record<string, PrefillValue>, units: AdminUnits): Record<string, PrefillValue> {
  const fields = new Map(leafFields(def).map((f) => [f.path, f.field]));
  const out: Record<string, PrefillValue> = {};
  for (const [path, v] of Object.entries(values)) {
    const field = fields.get(patternOf(path));
    const value = field ? normalizeValue(field, v.value, units) : v.value;
    if (value !== undefined) out[path] = { ...v, value };
  }
  return out;
}

/**
 * Puts readings into the stored form (applyPrefill: never over a typed or confirmed value). A reading does not replace
 * an unconfirmed one from a more trusted source (a Giấy chứng sinh's OCR after the mother's CCCD QR): the value stays
 * and the field says what the other paper reads, for the agent to compare.
 */
export function mergeReadings(stored: StoredForm, values: Record<string, PrefillValue>): { stored: StoredForm; applied: string[] } {
  const confirmed = new Set(stored.confirmed);
  const take: Record<string, PrefillValue> = {};
  const notes: Record<string, string> = {};
  for (const [path, v] of Object.entries(values)) {
    const current = getAt(stored.data, path);
    const source = stored.sources[path]?.source;
    const own = current !== undefined && source === undefined;
    if (own || confirmed.has(path)) {
      if (!same(current, v.value) && v.source === 'ocr') notes[path] = `Giấy tờ đọc được: "${shown(v.value)}". Hãy đối chiếu.`;
      continue;
    }
    if (source !== undefined && rank[source] > rank[v.source]) {
      if (!same(current, v.value)) notes[path] = `Giấy chứng sinh ghi "${shown(v.value)}", khác với thẻ căn cước. Hãy đối chiếu.`;
      continue;
    }
    take[path] = v;
  }
  const next = applyPrefill(stored, take);
  for (const [path, note] of Object.entries(notes)) {
    const info = next.sources[path];
    if (info) next.sources[path] = { ...info, warning: note };
  }
  const applied = Object.keys(take).filter((p) => !same(getAt(stored.data, p), getAt(next.data, p)) || stored.sources[p]?.source !== next.sources[p]?.source);
  return { stored: next, applied };
}

/** A CCCD read of one person of the form: each field with the source it was read from (QR or MRZ) and its warning. */
export function idCardPrefill(def: FormDefinition, personKey: string, reading: IdCardReadingOutput): Record<string, PrefillValue> {
  const out: Record<string, PrefillValue> = {};
  for (const source of ['qr', 'mrz', 'ocr'] as const) {
    const fields: IdCardReading = {};
    for (const [key, value] of Object.entries(reading.fields) as [keyof IdCardReading, string][]) {
      if (reading.perField[key] === source) fields[key] = value;
    }
    Object.assign(out, prefillFromIdCard(def, personKey, fields, source));
  }
  // the card's warnings (QR and MRZ differ, a name without diacritics) go with the field they are about
  const cardKey = new Map(leafFields(def).map((f) => [f.path, f.field.prefill?.idCard]));
  for (const [path, v] of Object.entries(out)) {
    const key = cardKey.get(path);
    const warning = key ? reading.fieldWarnings[key] : undefined;
    if (warning) out[path] = { ...v, warning };
  }
  return out;
}

/**
 * The applicant (người nộp) as a person of the form: the fields marked for the applicant, and where a person has none
 * (the mother, when she files), the ID-card fields, which the applicant holds under the same names.
 */
export function applicantPrefill(def: FormDefinition, personKey: string, applicant: ApplicantDraft): Record<string, PrefillValue> {
  const given = applicant as Partial<Record<string, unknown>>;
  const marked = prefillFromApplicant(def, personKey, given);
  const reading: IdCardReading = {};
  for (const key of ['fullName', 'idNumber', 'dateOfBirth', 'sex', 'address'] as const) {
    const v = applicant[key];
    if (typeof v === 'string' && v.trim() !== '') reading[key] = v;
  }
  const viaCard = prefillFromIdCard(def, personKey, reading, 'qr');
  const out: Record<string, PrefillValue> = { ...marked };
  for (const [path, v] of Object.entries(viaCard)) out[path] ??= { ...v, source: 'applicant' };
  return out;
}

export function confirmPaths(meta: FormMeta, paths: readonly string[]): FormMeta {
  const confirmed = new Set(meta.confirmed);
  for (const p of paths) if (meta.sources[p] !== undefined) confirmed.add(p);
  return { sources: meta.sources, confirmed: [...confirmed] };
}

/** The agent typed over a read value: it is theirs, nothing to confirm. */
export function forgetPath(meta: FormMeta, path: string): FormMeta {
  if (meta.sources[path] === undefined && !meta.confirmed.includes(path)) return meta;
  const sources = { ...meta.sources };
  delete sources[path];
  return { sources, confirmed: meta.confirmed.filter((p) => p !== path) };
}

/** A repeat row was removed: its readings go, and later rows' paths move up by one. */
export function shiftRows(meta: FormMeta, repeatKey: string, removed: number): FormMeta {
  const move = (path: string): string | null => {
    const m = new RegExp(`^${repeatKey}\\[(\\d+)\\](.*)$`).exec(path);
    if (!m) return path;
    const row = Number(m[1]);
    if (row === removed) return null;
    return row > removed ? `${repeatKey}[${String(row - 1)}]${m[2] ?? ''}` : path;
  };
  const sources: FormMeta['sources'] = {};
  for (const [p, v] of Object.entries(meta.sources)) {
    const to = move(p);
    if (to) sources[to] = v;
  }
  const confirmed = meta.confirmed.map(move).filter((p): p is string => p !== null);
  return { sources, confirmed };
}

/** Readings of one person (or a row, "members[1]") still waiting for "Xác nhận". */
export function pendingUnder(meta: FormMeta, prefix: string): string[] {
  const confirmed = new Set(meta.confirmed);
  return Object.keys(meta.sources).filter((p) => (p.startsWith(`${prefix}.`) || p === prefix) && !confirmed.has(p));
}

/**
 * The house/street part of a written address (an old card's "Số 170 Lê Lợi, Phường 3, Long An"): what precedes the
 * first administrative unit, kept as the detail when the agent picks today's province and commune.
 */
export function detailOfOldAddress(text: string): string {
  const unit = /^(phường|xã|thị trấn|quận|huyện|thị xã|thành phố|tỉnh|tp\.?|đặc khu)(\s|$)/iu;
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const first = parts.findIndex((p) => unit.test(p));
  return (first >= 0 ? parts.slice(0, first) : parts.slice(0, -1)).join(', ');
}

/** A CCCD read into one row of a repeat whose rows are persons ("members[1]"): its fields marked for the card. */
export function rowIdCardPrefill(repeat: RepeatDef, rowPath: string, reading: IdCardReadingOutput): Record<string, PrefillValue> {
  const out: Record<string, PrefillValue> = {};
  for (const field of repeat.fields) {
    const key = field.prefill?.idCard;
    const value = key ? reading.fields[key] : undefined;
    const source = key ? reading.perField[key] : undefined;
    if (!key || value === undefined || source === undefined) continue;
    const warning = reading.fieldWarnings[key];
    out[`${rowPath}.${field.key}`] = { value, source, confirmed: false, ...(warning ? { warning } : {}) };
  }
  return out;
}
