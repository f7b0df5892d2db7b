// English messages of the counter-at-speed fixes (same keys as counter-vi.ts).
import type { counterVi } from './counter-vi';

export const counterEn: Record<keyof typeof counterVi, string> = {
  'slot.pagesTarget': 'adds pages to this document',
  'page.moveTo': 'Move page {n} to another document',
  'page.moveTitle': 'Move page {n} to which document?',
  'page.moveBody': 'Page {n} is in "{component}". Choose where it belongs; its OCR text and warnings go with it.',
  'page.moveNoTarget': 'This dossier has no other document to move the page to.',
  'intake.reloadLatest': 'Load the latest version',
};
