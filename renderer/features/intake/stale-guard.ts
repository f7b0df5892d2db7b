// Two windows on one dossier: does the server's copy still hold what this window's edits started from?
import type { ApplicantDraft } from '../../../electron/common/applicant';
import type { Delivery, FilingMode } from '../../../electron/common/contract';
import { tidyText } from '../../../electron/common/text';

/** subjectName: the person the dossier is about (khai sinh: the child), '' when the procedure has none */
export type IntakeDraft = { applicant: ApplicantDraft; delivery: Delivery; mode: FilingMode; subjectName: string };

/** The dossier as the server last sent it to this window. */
export type ServerDraft = { version: number; draft: IntakeDraft; subjectFromForm: boolean };

/** Strings tidied the way core stores them, empty values dropped, keys sorted: two spellings of one value compare equal. */
function canonical(value: unknown): unknown {
  if (typeof value === 'string') return tidyText(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, canonical(v)] as const)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * True when `server` holds the same applicant, delivery, mode and subject as `base` (what this window loaded or last
 * saved): a newer version then came from something else (a page, the fee, the form) and this window may save over it.
 * False when another window changed what this one edits: saving would overwrite it silently (issue 13, two tabs).
 */
export function sameIntakeFields(base: IntakeDraft, server: IntakeDraft, subjectFromForm: boolean): boolean {
  const pick = (d: IntakeDraft) =>
    canonical({
      applicant: d.applicant,
      delivery: d.delivery,
      mode: d.mode,
      // once the declaration form names the subject, core ignores the field (and the form changes it)
      subjectName: subjectFromForm ? '' : d.subjectName,
    });
  return JSON.stringify(pick(base)) === JSON.stringify(pick(server));
}
