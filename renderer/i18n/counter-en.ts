// English messages of the counter-at-speed fixes (same keys as counter-vi.ts).
import type { counterVi } from './counter-vi';

export const counterEn: Record<keyof typeof counterVi, string> = {
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
};
