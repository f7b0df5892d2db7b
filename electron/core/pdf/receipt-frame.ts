// The receipt's frame: office and national-motto header, title band with the QR code, footers on every page.
import { rgb } from 'pdf-lib';
import { formatDateLong, formatDateTime } from '../../common/format';
import type { PageCursor } from './page-cursor';
import { cleanText, drawLine, textWidth, wrapText } from './pdf-text';
import { drawQrCode } from './qr-vector';
import type { ReceiptData } from './receipt-data';

const RULE = rgb(0.55, 0.55, 0.55);

export function drawHeader(c: PageCursor, data: ReceiptData): void {
  const leftWidth = c.width * 0.44;
  const rightX = c.left + leftWidth;
  const rightWidth = c.width - leftWidth;
  const lh = c.lineHeight('bodyBold');
  const top = c.y - c.style('bodyBold').size;

  // left: the agent office, as an issuing body is written on official papers
  let y = top;
  drawLine(c.page, 'ĐẠI LÝ DỊCH VỤ CÔNG TRỰC TUYẾN', c.left, y, leftWidth, c.style('body'), 'center');
  y -= lh;
  const officeLines = wrapText(
    data.office.name.toLocaleUpperCase('vi'),
    c.style('bodyBold'),
    leftWidth - c.s(8),
  );
  officeLines.forEach((line, i) =>
    drawLine(c.page, line, c.left, y - i * lh, leftWidth, c.style('bodyBold'), 'center'),
  );
  y -= officeLines.length * lh - c.s(5);
  underline(c, c.left + leftWidth / 2, y + c.s(2), c.s(70));
  y -= lh;
  drawLine(c.page, `Mã đại lý: ${data.office.code}`, c.left, y, leftWidth, c.style('body'), 'center');

  // right: the national motto
  let ry = top;
  drawLine(
    c.page,
    'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    rightX,
    ry,
    rightWidth,
    c.style('bodyBold'),
    'center',
  );
  ry -= lh * 1.05;
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  drawLine(c.page, motto, rightX, ry, rightWidth, c.style('heading'), 'center');
  underline(c, rightX + rightWidth / 2, ry - c.s(4), textWidth(motto, c.style('heading')));
  ry -= lh * 1.45;
  const dateLine = formatDateLong(data.createdAt);
  drawLine(
    c.page,
    dateLine.charAt(0).toUpperCase() + dateLine.slice(1),
    rightX,
    ry,
    rightWidth,
    c.style('body'),
    'center',
  );

  c.y = Math.min(y, ry) - c.s(12);
}

function underline(c: PageCursor, centerX: number, y: number, width: number): void {
  c.page.drawLine({
    start: { x: centerX - width / 2, y },
    end: { x: centerX + width / 2, y },
    thickness: 0.7,
  });
}

export function drawTitle(c: PageCursor, data: ReceiptData): void {
  const qrSize = c.s(68);
  const top = c.y;
  drawQrCode(c.page, data.localCode, c.right - qrSize, top - qrSize, qrSize);
  drawLine(c.page, 'Mã hồ sơ', c.right - qrSize, top - qrSize - c.s(4), qrSize, c.style('small'), 'center');

  // the title block is centred on the page; the QR sits in the right margin of that band
  const titleStyle = c.style('title');
  let y = top - c.s(20);
  drawLine(c.page, 'PHIẾU TIẾP NHẬN HỒ SƠ', c.left, y, c.width, titleStyle, 'center');
  y -= c.lineHeight('title') * 1.05;
  const label = 'Mã hồ sơ: ';
  const code = cleanText(data.localCode);
  const total = textWidth(label, c.style('body')) + textWidth(code, c.style('big'));
  const x = c.left + (c.width - total) / 2;
  drawLine(c.page, label, x, y, c.width, c.style('body'));
  drawLine(c.page, code, x + textWidth(label, c.style('body')), y, c.width, c.style('big'));
  y -= c.lineHeight('body') * 1.2;
  drawLine(
    c.page,
    `Thời điểm tiếp nhận: ${formatDateTime(data.createdAt)}`,
    c.left,
    y,
    c.width,
    c.style('body'),
    'center',
  );
  if (data.portalCode) {
    // a reprint after the portal accepted the dossier: the code the citizen looks the dossier up with there
    y -= c.lineHeight('body') * 1.2;
    const clear = qrSize + c.s(6); // centred between equal margins, clear of the QR code
    drawLine(c.page, `Mã hồ sơ trên Cổng Dịch vụ công: ${cleanText(data.portalCode)}`, c.left + clear, y, c.width - 2 * clear, c.style('bodyBold'), 'center');
  }
  c.y = Math.min(y, top - qrSize - c.s(8)) - c.s(4);
}

/** Office line and page numbers on every page; pages after the first also say which receipt they continue. */
export function drawFooters(c: PageCursor, data: ReceiptData): void {
  const style = c.style('small');
  const y = c.bottom - c.s(20);
  const total = c.pages.length;
  c.pages.forEach((page, i) => {
    page.drawLine({
      start: { x: c.left, y: y + c.s(12) },
      end: { x: c.right, y: y + c.s(12) },
      thickness: 0.5,
      color: RULE,
    });
    const pageLabel = total > 1 ? `Trang ${i + 1}/${total}` : '';
    const officeWidth = c.width - (pageLabel ? textWidth(pageLabel, style) + c.s(12) : 0);
    drawLine(page, officeLine(data.office, officeWidth, c), c.left, y, officeWidth, style);
    if (pageLabel) drawLine(page, pageLabel, c.left, y, c.width, style, 'right');
    if (i > 0) {
      const top = c.top + c.s(14);
      drawLine(
        page,
        `Phiếu tiếp nhận hồ sơ ${data.localCode} (tiếp theo)`,
        c.left,
        top,
        c.width,
        style,
        'right',
      );
    }
  });
}

/** "name · address · ĐT: phone", dropping the address, then cutting the name, when the line is too long. */
function officeLine(office: ReceiptData['office'], width: number, c: PageCursor): string {
  const style = c.style('small');
  const phone = office.phone ? `ĐT: ${office.phone}` : '';
  const full = [office.name, office.address, phone].filter(Boolean).join(' · ');
  if (textWidth(cleanText(full), style) <= width) return full;
  const short = [office.name, phone].filter(Boolean).join(' · ');
  return wrapText(short, style, width)[0] ?? '';
}
