// The receipt's consent block: the clause and purposes the citizen agreed to, and their signature line when they sign here.
import type { PageCursor } from './page-cursor';
import { drawLine, drawWrapped, wrapText } from './pdf-text';
import type { ReceiptData } from './receipt-data';

/** Kept compact (small type, no section rule) so a full dossier's receipt still fits one A4 sheet. */
export function drawConsent(c: PageCursor, data: ReceiptData): void {
  const consent = data.consent;
  if (!consent) return;
  const small = c.style('small');
  const lh = c.lineHeight('small');
  const how =
    consent.method === 'signed_receipt'
      ? 'Người nộp ký xác nhận đồng ý tại dòng dưới đây.'
      : 'Nhân viên tiếp nhận đã đọc thông báo cho người nộp nghe và người nộp đồng ý bằng lời.';
  const text = `Đồng ý xử lý dữ liệu cá nhân: ${consent.clause} ${how}`;
  const lines = wrapText(text, small, c.width);
  const signature = consent.method === 'signed_receipt' ? lh * 2.2 : 0;
  c.ensure(lines.length * lh + signature + c.s(6));
  c.down(lh);
  drawWrapped(c.page, text, c.left, c.y, c.width, small, lh);
  c.down((lines.length - 1) * lh);
  if (consent.method === 'signed_receipt') {
    c.down(lh * 1.8);
    drawLine(c.page, 'Chữ ký người nộp (đồng ý xử lý dữ liệu cá nhân): ..............................................', c.left, c.y, c.width, c.style('body'));
  }
  c.down(c.s(4));
}
