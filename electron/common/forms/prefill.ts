// Form data as the dossier stores it, and prefill: values read from ID cards, the applicant or OCR, each confirmed by the agent.
import { z } from 'zod';
import type { FormDefinition } from './form-definition';
import { getAt, splitPath, type FormData } from './form-data';
import type { FieldDef, FormNode } from './form-schema';
import { leafFields } from './form-definition';

/*
 * The applicant's pattern (applicant.ts: fieldSources + confirmedFields), per form field path: a value filled from a
 * reading carries its source (and, for OCR, a confidence the agent sees) until the agent confirms it. Typing over a
 * prefilled value makes it the agent's own: its source entry leaves the map. Nothing read is accepted unconfirmed.
 */
export const formFieldSources = ['typed', 'qr', 'mrz', 'ocr', 'applicant'] as const;
export type FormFieldSource = (typeof formFieldSources)[number];

/** One proposed value: what the ID card reader, the applicant or the Giấy chứng sinh extractor hands the form. */
export const prefillValueSchema = z.object({
  value: z.unknown(),
  source: z.enum(formFieldSources),
  /** 0–1, OCR only: how sure the extractor is; shown beside the field */
  confidence: z.number().min(0).max(1).optional(),
  /** true only for typed values; readings start unconfirmed */
  confirmed: z.boolean().default(false),
  /** what the agent must look at ("QR và MRZ khác nhau") */
  warning: z.string().max(500).optional(),
});
export type PrefillValue = z.input<typeof prefillValueSchema>;

export const fieldSourceInfoSchema = z.object({
  source: z.enum(['qr', 'mrz', 'ocr', 'applicant']),
  confidence: z.number().min(0).max(1).optional(),
  warning: z.string().max(500).optional(),
});
export type FieldSourceInfo = z.infer<typeof fieldSourceInfoSchema>;

/** dossiers.form_data: the form it is, the schema version it was filled against, values, and prefill bookkeeping. */
export const storedFormSchema = z.object({
  formId: z.string().min(1),
  version: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()),
  /** path -> where a prefilled value came from; absent = typed by the agent */
  sources: z.record(z.string(), fieldSourceInfoSchema).default({}),
  /** prefilled paths the agent has checked against the document */
  confirmed: z.array(z.string()).default([]),
});
export type StoredForm = z.output<typeof storedFormSchema>;

/** An empty stored form for a schema. */
export function emptyStoredForm(def: Pick<FormDefinition, 'id' | 'version'>): StoredForm {
  return { formId: def.id, version: def.version, data: {}, sources: {}, confirmed: [] };
}

function setAt(data: FormData, path: string, value: unknown): void {
  const segs = splitPath(path);
  let cur: Record<string, unknown> | unknown[] = data;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    const nextIsIndex = typeof segs[i + 1] === 'number';
    if (Array.isArray(cur) && typeof seg === 'number') {
      if (last) cur[seg] = value;
      else cur = (cur[seg] ??= nextIsIndex ? [] : {}) as Record<string, unknown> | unknown[];
    } else if (!Array.isArray(cur) && typeof seg === 'string') {
      if (last) cur[seg] = value;
      else cur = (cur[seg] ??= nextIsIndex ? [] : {}) as Record<string, unknown> | unknown[];
    }
  });
}

/**
 * Puts readings into the form. A reading never overwrites a value the agent typed or confirmed; it replaces an earlier
 * unconfirmed reading (a second, better scan). Typed values count as confirmed and carry no source.
 */
export function applyPrefill(stored: StoredForm, values: Record<string, PrefillValue>): StoredForm {
  const next: StoredForm = structuredClone(stored);
  const confirmed = new Set(next.confirmed);
  for (const [path, raw] of Object.entries(values)) {
    const v = prefillValueSchema.parse(raw);
    const current = getAt(next.data, path);
    const ownValue = current !== undefined && next.sources[path] === undefined;
    if ((ownValue || confirmed.has(path)) && v.source !== 'typed') continue;
    setAt(next.data, path, v.value);
    if (v.source === 'typed') {
      delete next.sources[path];
      confirmed.delete(path);
      continue;
    }
    next.sources[path] = {
      source: v.source,
      ...(v.confidence !== undefined ? { confidence: v.confidence } : {}),
      ...(v.warning !== undefined ? { warning: v.warning } : {}),
    };
    if (v.confirmed) confirmed.add(path);
    else confirmed.delete(path);
  }
  next.confirmed = [...confirmed];
  return next;
}

/** Prefilled paths the agent has not confirmed yet, in paper order. */
export function unconfirmedPaths(def: FormDefinition, stored: StoredForm): string[] {
  const confirmed = new Set(stored.confirmed);
  const pending = Object.keys(stored.sources).filter((p) => !confirmed.has(p));
  const order = new Map(leafFields(def).map((f, i) => [f.path, i]));
  const rank = (p: string) => order.get(p.replace(/\[\d+\]/g, '[]')) ?? Number.MAX_SAFE_INTEGER;
  return pending.sort((a, b) => rank(a) - rank(b));
}

/** The fields of a person group that a CCCD fills, by path: { 'mother.fullName': 'fullName', ... }. */
export function idCardTargets(def: FormDefinition, personKey: string): Record<string, NonNullable<FieldDef['prefill']>['idCard']> {
  const out: Record<string, NonNullable<FieldDef['prefill']>['idCard']> = {};
  const walk = (nodes: FormNode[], prefix: string, inPerson: boolean) => {
    for (const node of nodes) {
      const path = prefix ? `${prefix}.${node.key}` : node.key;
      if (node.kind === 'group') walk(node.fields, path, inPerson || node.person === personKey);
      else if (node.kind === 'field' && inPerson && node.prefill?.idCard) out[path] = node.prefill.idCard;
    }
  };
  walk(def.sections.flatMap((s) => s.nodes), '', false);
  return out;
}

export type IdCardReading = Partial<Record<'fullName' | 'idNumber' | 'dateOfBirth' | 'sex' | 'address', string>>;

/** A CCCD reading (QR or MRZ fields, as electron/core/idcard gives them) as prefill values for one person of the form. */
export function prefillFromIdCard(def: FormDefinition, personKey: string, reading: IdCardReading, source: 'qr' | 'mrz' | 'ocr', confidence?: number): Record<string, PrefillValue> {
  const out: Record<string, PrefillValue> = {};
  for (const [path, key] of Object.entries(idCardTargets(def, personKey))) {
    const value = key ? reading[key] : undefined;
    if (value === undefined || value === '') continue;
    out[path] = { value, source, confirmed: false, ...(confidence !== undefined ? { confidence } : {}) };
  }
  return out;
}

/** The applicant's fields as prefill values for the form's person the applicant is (mayBeApplicant persons). */
export function prefillFromApplicant(def: FormDefinition, personKey: string, applicant: Partial<Record<string, unknown>>): Record<string, PrefillValue> {
  const out: Record<string, PrefillValue> = {};
  const walk = (nodes: FormNode[], prefix: string, inPerson: boolean) => {
    for (const node of nodes) {
      const path = prefix ? `${prefix}.${node.key}` : node.key;
      if (node.kind === 'group') walk(node.fields, path, inPerson || node.person === personKey);
      else if (node.kind === 'field' && inPerson && node.prefill?.applicant) {
        const value = applicant[node.prefill.applicant];
        if (value !== undefined && value !== null && value !== '') out[path] = { value, source: 'applicant', confirmed: false };
      }
    }
  };
  walk(def.sections.flatMap((s) => s.nodes), '', false);
  return out;
}

/** OCR of a known document ("giay-chung-sinh") as prefill values: extractor fields -> the form fields that name them. */
export function prefillFromDocument(def: FormDefinition, documentKind: string, fields: Record<string, { value: unknown; confidence?: number }>): Record<string, PrefillValue> {
  const out: Record<string, PrefillValue> = {};
  for (const { path, field } of leafFields(def)) {
    const ref = field.prefill?.ocr;
    if (!ref || path.includes('[]')) continue;
    const [kind, key] = ref.split('.');
    const got = kind === documentKind && key ? fields[key] : undefined;
    if (got === undefined || got.value === undefined || got.value === '') continue;
    out[path] = { value: got.value, source: 'ocr', confirmed: false, ...(got.confidence !== undefined ? { confidence: got.confidence } : {}) };
  }
  return out;
}
