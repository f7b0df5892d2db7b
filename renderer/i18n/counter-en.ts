// English messages of the counter-at-speed fixes (same keys as counter-vi.ts).
import type { counterVi } from './counter-vi';

type CounterKey = keyof typeof counterVi;
/** every key in English, and the singular (`key_one`) where a text counts */
export const counterEn: Record<CounterKey, string> & Partial<Record<`${CounterKey}_one`, string>> = {
  'slot.pagesTarget': 'adds pages to this document',
  'page.moveTo': 'Move page {n} to another document',
  'page.moveTitle': 'Move page {n} to which document?',
  'page.moveBody': 'Page {n} is in "{component}". Choose where it belongs; its OCR text and warnings go with it.',
  'page.moveNoTarget': 'This dossier has no other document to move the page to.',
  'intake.reloadLatest': 'Load the latest version',
  'draft.cancel': 'Cancel draft',
  'draft.cancelTitle': 'Cancel draft {code}?',
  'draft.cancelBody': 'This unfiled dossier will be deleted with its {count} scanned pages and everything typed. It cannot be undone.',
  'draft.cancelBodyEmpty': 'This unfiled dossier has no pages yet; what was typed will be deleted.',
  'draft.cancelConfirm': 'Delete the draft',
  'draft.cancelled': 'Draft {code} cancelled.',
  'procedure.change': 'Change procedure',
  'procedure.changeTitle': 'Change the procedure of dossier {code}',
  'procedure.changeSearch': 'Find the new procedure',
  'procedure.changeSearchHint': 'Type the procedure name, with or without accents; arrow down to choose.',
  'procedure.changeNoResults': 'No other procedure matches "{query}".',
  'procedure.changeConfirmTitle': 'Change to "{name}"?',
  'procedure.changeFrom': 'Dossier {code} is now "{name}".',
  'procedure.changeKeeps': 'Kept: the applicant details, how the result is delivered and the {count} scanned pages.',
  'procedure.changeKeeps_one': 'Kept: the applicant details, how the result is delivered and the 1 scanned page.',
  'procedure.changePages': 'Each scanned page goes to the same document in the new procedure\'s checklist; a page the new procedure has no document for goes to "Giấy tờ khác" (other documents) for you to file again.',
  'procedure.changeAnswers': 'Dropped and asked again for the new procedure: the chosen case, the marks on each document ("Applies", "Original seen"), the fee level and any amount typed.',
  'procedure.changeForm': 'A declaration form already filled in is kept only if the new procedure uses the same form; otherwise it is dropped.',
  'procedure.changeBack': 'Choose another procedure',
  'procedure.changeConfirm': 'Change procedure',
  'procedure.changed': 'The dossier now has the procedure "{name}".',
  'procedure.movedOther': '{count} pages of "{from}" went to "Giấy tờ khác": the new procedure has no such document.',
  'procedure.movedOther_one': '1 page of "{from}" went to "Giấy tờ khác": the new procedure has no such document.',
};
