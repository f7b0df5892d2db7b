// Pure changes of the applicant draft for ID-card pre-filling: fill from a reading, confirm, and forget a retyped field.
import type { ApplicantDraft, AutoFillField } from '../../../electron/common/applicant';
import { autoFillFields } from '../../../electron/common/applicant';
import type { CallOutput } from '../../../electron/common/contract';

export type IdCardReading = CallOutput<'idcard.read'>;

export function isAutoFillField(field: string): field is AutoFillField {
  return (autoFillFields as readonly string[]).includes(field);
}

/** Fills what the card gave (the card wins over what was typed), each field unconfirmed, with its warning if any. */
export function applyReading(a: ApplicantDraft, r: IdCardReading): ApplicantDraft {
  const read = autoFillFields.filter((f) => r.fields[f] !== undefined);
  if (read.length === 0) return a;
  const sources = { ...a.fieldSources };
  const warnings = { ...a.fieldWarnings };
  const next: ApplicantDraft = { ...a };
  for (const f of read) {
    next[f] = r.fields[f];
    sources[f] = r.perField[f] ?? 'ocr';
    const warning = r.fieldWarnings[f];
    if (warning === undefined) delete warnings[f];
    else warnings[f] = warning;
  }
  return {
    ...next,
    fieldSources: sources,
    fieldWarnings: warnings,
    confirmedFields: (a.confirmedFields ?? []).filter((f) => !read.includes(f)),
  };
}

export function confirmFields(a: ApplicantDraft, fields: readonly AutoFillField[]): ApplicantDraft {
  const confirmed = new Set(a.confirmedFields ?? []);
  for (const f of fields) if (a.fieldSources?.[f] !== undefined) confirmed.add(f);
  return { ...a, confirmedFields: autoFillFields.filter((f) => confirmed.has(f)) };
}

/** The agent typed over a pre-filled value: it is theirs now, no source to show and nothing to confirm. */
export function forgetSource(a: ApplicantDraft, field: string): ApplicantDraft {
  if (!isAutoFillField(field) || a.fieldSources?.[field] === undefined) return a;
  const sources = { ...a.fieldSources };
  delete sources[field];
  const warnings = { ...a.fieldWarnings };
  delete warnings[field];
  return {
    ...a,
    fieldSources: sources,
    fieldWarnings: warnings,
    confirmedFields: (a.confirmedFields ?? []).filter((f) => f !== field),
  };
}
