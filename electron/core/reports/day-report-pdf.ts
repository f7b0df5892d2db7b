// The day report (báo cáo ngày) as a printable A4 PDF: office header, counts per agent and procedure, cash, signatures.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { formatDate, formatDateLong, formatDateTime, formatVnd, weekdayName } from '../../common/format';
import type { DayReport, DayReportRow } from '../../common/report-contract';
import { statusGroupLabels, statusGroupOrder } from '../../common/report-labels';
import { PageCursor } from '../pdf/page-cursor';
import { drawTable, type TableColumn } from '../pdf/pdf-table';
import { cleanText, drawLine, drawWrapped, textWidth, wrapText } from '../pdf/pdf-text';
import { vndInWords } from './vnd-words';

export type ReportFonts = { regular: Uint8Array; bold: Uint8Array };

const RULE = rgb(0.55, 0.55, 0.55);

export async function renderDayReportPdf(
  report: DayReport,
  fonts: ReportFonts,
  preparedBy: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const when = new Date(report.closedAt ?? report.generatedAt);
  doc.setTitle(cleanText(`Báo cáo ngày ${formatDate(report.date)} - ${report.office.name}`), {
    showInWindowTitleBar: true,
  });
  doc.setAuthor(cleanText(report.office.name));
  doc.setCreator('Đại lý DVC');
  doc.setProducer('Đại lý DVC (pdf-lib)');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(when);
  doc.setModificationDate(when);

  const c = new PageCursor(doc, { regular, bold }, 'A4');
  drawHeader(c, report);
  drawTitle(c, report);
  drawSummary(c, report);
  section(c, '2. Theo nhân viên tiếp nhận');
  drawCounts(c, 'Nhân viên', report.byAgent, report.totals, (r) => r.name);
  drawMoney(c, 'Nhân viên', report.byAgent, report.totals, (r) => r.name);
  section(c, '3. Theo thủ tục');
  drawCounts(c, 'Thủ tục', report.byProcedure, report.totals, (r) => `${r.key} - ${r.name}`);
  drawMoney(c, 'Thủ tục', report.byProcedure, report.totals, (r) => `${r.key} - ${r.name}`);
  drawLines(c, report);
  drawCorrections(c, report);
  drawSignatures(c, preparedBy);
  drawFooters(c, report);
  return doc.save();
}

function section(c: PageCursor, title: string): void {
  c.ensure(c.lineHeight('heading') * 4);
  c.down(c.style('heading').size * 2.2);
  drawLine(c.page, title, c.left, c.y, c.width, c.style('heading'));
  c.page.drawLine({
    start: { x: c.left, y: c.y - c.s(4) },
    end: { x: c.right, y: c.y - c.s(4) },
    thickness: 0.5,
    color: RULE,
  });
  c.down(c.s(10));
}

function drawHeader(c: PageCursor, r: DayReport): void {
  const half = c.width * 0.46;
  const rightX = c.left + half;
  const rightWidth = c.width - half;
  const lh = c.lineHeight('bodyBold');
  const top = c.y - c.style('bodyBold').size;
  drawLine(c.page, 'ĐẠI LÝ DỊCH VỤ CÔNG TRỰC TUYẾN', c.left, top, half, c.style('body'), 'center');
  const office = wrapText(r.office.name.toLocaleUpperCase('vi'), c.style('bodyBold'), half - c.s(8));
  office.forEach((line, i) =>
    drawLine(c.page, line, c.left, top - lh * (i + 1), half, c.style('bodyBold'), 'center'),
  );
  let y = top - lh * (office.length + 1);
  drawLine(c.page, `Mã đại lý: ${r.office.code}`, c.left, y, half, c.style('body'), 'center');
  drawLine(
    c.page,
    'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    rightX,
    top,
    rightWidth,
    c.style('bodyBold'),
    'center',
  );
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  drawLine(c.page, motto, rightX, top - lh * 1.05, rightWidth, c.style('heading'), 'center');
  const mottoWidth = textWidth(motto, c.style('heading'));
  const mid = rightX + rightWidth / 2;
  c.page.drawLine({
    start: { x: mid - mottoWidth / 2, y: top - lh * 1.05 - c.s(4) },
    end: { x: mid + mottoWidth / 2, y: top - lh * 1.05 - c.s(4) },
    thickness: 0.7,
  });
  const dateLine = formatDateLong(r.closedAt ?? r.generatedAt);
  drawLine(
    c.page,
    dateLine.charAt(0).toUpperCase() + dateLine.slice(1),
    rightX,
    top - lh * 2.5,
    rightWidth,
    c.style('body'),
    'center',
  );
  y = Math.min(y, top - lh * 2.5);
  c.y = y - c.s(14);
}

function drawTitle(c: PageCursor, r: DayReport): void {
  c.down(c.style('title').size);
  drawLine(c.page, 'BÁO CÁO TIẾP NHẬN HỒ SƠ VÀ THU TIỀN', c.left, c.y, c.width, c.style('title'), 'center');
  c.down(c.lineHeight('big'));
  drawLine(
    c.page,
    `Ngày ${formatDate(r.date)} (${weekdayName(r.date)})`,
    c.left,
    c.y,
    c.width,
    c.style('big'),
    'center',
  );
  c.down(c.lineHeight('body') * 1.2);
  const state =
    r.state === 'closed' && r.closedAt !== null
      ? `Đã chốt sổ lúc ${formatDateTime(r.closedAt)} bởi ${r.closedBy ?? ''}${r.hash ? ` - mã kiểm tra ${r.hash.slice(0, 16)}` : ''}`
      : `BẢN XEM TRƯỚC - CHƯA CHỐT SỔ (lập lúc ${formatDateTime(r.generatedAt)})`;
  drawLine(
    c.page,
    state,
    c.left,
    c.y,
    c.width,
    c.style(r.state === 'closed' ? 'small' : 'bodyBold'),
    'center',
  );
  c.down(c.s(6));
}

function fields(c: PageCursor, rows: [string, string, boolean?][]): void {
  const labelWidth = c.s(190);
  const lh = c.lineHeight('body');
  for (const [label, value, strong] of rows) {
    const style = c.style(strong ? 'bodyBold' : 'body');
    const lines = wrapText(value, style, c.width - labelWidth);
    c.ensure(lines.length * lh + c.s(2));
    c.down(lh);
    drawLine(c.page, `${label}:`, c.left, c.y, labelWidth, c.style('label'));
    drawWrapped(c.page, value, c.left + labelWidth, c.y, c.width - labelWidth, style, lh);
    c.down((lines.length - 1) * lh);
  }
}

function drawSummary(c: PageCursor, r: DayReport): void {
  section(c, '1. Tổng hợp');
  const t = r.totals;
  const unknown = t.feesUnknown > 0 ? ` (${t.feesUnknown} hồ sơ chưa xác định lệ phí, tính 0 ₫)` : '';
  fields(c, [
    ['Số hồ sơ tiếp nhận', `${t.taken} hồ sơ`, true],
    ['Đã cấp phiếu, thu tiền', `${t.billable} hồ sơ (không tính hồ sơ đang nhập và đã rút)`],
    ['Phí, lệ phí', `${formatVnd(t.feesVnd)}${unknown}`],
    ['Phí dịch vụ của đại lý', serviceChargeText(r)],
    ['Tiền thu trong ngày', formatVnd(t.cashVnd)],
    ['Điều chỉnh các ngày đã chốt', `${r.corrections.length} hồ sơ, ${formatVnd(r.correctionsCashVnd)}`],
    ['Tổng tiền mặt bàn giao', formatVnd(r.cashToHandOverVnd), true],
    ['Bằng chữ', vndInWords(r.cashToHandOverVnd)],
  ]);
}

/**
 * "3 × 20.000 ₫ = 60.000 ₫" when every dossier took the same charge; the total with "theo từng hồ sơ" when the charge
 * changed during the day (each dossier keeps the charge it was taken with, listed in part 4).
 */
function serviceChargeText(r: DayReport): string {
  const t = r.totals;
  const charges = new Set(r.lines.map((l) => l.serviceChargeVnd));
  // reports closed before per-dossier lines were kept: the one charge they were computed with
  const [only] = r.lines.length === 0 ? [r.serviceChargeVnd] : [...charges];
  if (charges.size <= 1 && only !== undefined) return `${t.billable} × ${formatVnd(only)} = ${formatVnd(t.serviceVnd)}`;
  return `${formatVnd(t.serviceVnd)} (theo từng hồ sơ)`;
}

/** Part 4: each dossier the day took money for, with its fee and service charge apart, as its receipt stated them. */
function drawLines(c: PageCursor, r: DayReport): void {
  section(c, '4. Thu tiền theo hồ sơ');
  if (r.lines.length === 0) {
    c.down(c.lineHeight('body'));
    drawLine(c.page, 'Không có hồ sơ nào đã cấp phiếu trong ngày.', c.left, c.y, c.width, c.style('body'));
    return;
  }
  c.down(c.s(4));
  const fee = (v: number | null) => (v === null ? 'Chưa xác định' : formatVnd(v));
  drawTable(
    c,
    [
      { title: 'Mã hồ sơ', width: 112, align: 'left' },
      { title: 'Thủ tục', width: 62, align: 'left' },
      { title: 'Nhân viên', width: 'fill', align: 'left' },
      { title: 'Phí, lệ phí', width: 76, align: 'right' },
      { title: 'Phí dịch vụ', width: 72, align: 'right' },
      { title: 'Thành tiền', width: 78, align: 'right' },
    ],
    r.lines.map((l) => [l.localCode, l.procedureCode, l.agentName, fee(l.feeVnd), formatVnd(l.serviceChargeVnd), formatVnd(l.cashVnd)]),
  );
}

function drawCounts(
  c: PageCursor,
  title: string,
  rows: DayReportRow[],
  totals: DayReportRow,
  name: (r: DayReportRow) => string,
): void {
  c.down(c.s(6));
  const columns: TableColumn[] = [
    { title, width: 'fill', align: 'left' },
    { title: 'Tiếp nhận', width: 46, align: 'right' },
    ...statusGroupOrder.map((g): TableColumn => ({ title: statusGroupLabels[g], width: 41, align: 'right' })),
  ];
  const line = (r: DayReportRow, label: string) => [
    label,
    String(r.taken),
    ...statusGroupOrder.map((g) => String(r.statuses[g])),
  ];
  drawTable(c, columns, [...rows.map((r) => line(r, name(r))), line(totals, 'Tổng cộng')]);
}

function drawMoney(
  c: PageCursor,
  title: string,
  rows: DayReportRow[],
  totals: DayReportRow,
  name: (r: DayReportRow) => string,
): void {
  c.down(c.s(8));
  const columns: TableColumn[] = [
    { title, width: 'fill', align: 'left' },
    { title: 'Đã thu (hồ sơ)', width: 52, align: 'right' },
    { title: 'Phí, lệ phí', width: 82, align: 'right' },
    { title: 'Phí dịch vụ', width: 78, align: 'right' },
    { title: 'Thành tiền', width: 86, align: 'right' },
  ];
  const line = (r: DayReportRow, label: string) => [
    label,
    String(r.billable),
    formatVnd(r.feesVnd),
    formatVnd(r.serviceVnd),
    formatVnd(r.cashVnd),
  ];
  drawTable(c, columns, [...rows.map((r) => line(r, name(r))), line(totals, 'Tổng cộng')]);
}

function drawCorrections(c: PageCursor, r: DayReport): void {
  section(c, '5. Điều chỉnh số liệu các ngày đã chốt sổ');
  if (r.corrections.length === 0) {
    c.down(c.lineHeight('body'));
    drawLine(c.page, 'Không có thay đổi nào sau khi chốt sổ.', c.left, c.y, c.width, c.style('body'));
    return;
  }
  c.down(c.s(4));
  drawTable(
    c,
    [
      { title: 'Ngày', width: 62, align: 'center' },
      { title: 'Mã hồ sơ', width: 100, align: 'left' },
      { title: 'Nhân viên', width: 82, align: 'left' },
      { title: 'Nội dung', width: 'fill', align: 'left' },
      { title: 'Chênh lệch', width: 76, align: 'right' },
    ],
    r.corrections.map((x) => [
      formatDate(x.day),
      x.localCode,
      x.agentName,
      x.description,
      formatVnd(x.cashDeltaVnd),
    ]),
  );
  c.down(c.lineHeight('body'));
  drawLine(
    c.page,
    `Cộng điều chỉnh: ${formatVnd(r.correctionsCashVnd)}`,
    c.left,
    c.y,
    c.width,
    c.style('bodyBold'),
    'right',
  );
}

function drawSignatures(c: PageCursor, preparedBy: string): void {
  c.ensure(c.s(110));
  c.down(c.s(28));
  const blocks: [string, string][] = [
    ['NGƯỜI LẬP BÁO CÁO', preparedBy],
    ['NGƯỜI GIAO TIỀN', ''],
    ['NGƯỜI NHẬN TIỀN', ''],
  ];
  const third = c.width / 3;
  blocks.forEach(([title, name], i) => {
    const x = c.left + i * third;
    drawLine(c.page, title, x, c.y, third, c.style('bodyBold'), 'center');
    drawLine(c.page, '(Ký, ghi rõ họ tên)', x, c.y - c.lineHeight('body'), third, c.style('small'), 'center');
    if (name) drawLine(c.page, name, x, c.y - c.s(66), third, c.style('bodyBold'), 'center');
  });
  c.down(c.s(72));
}

function drawFooters(c: PageCursor, r: DayReport): void {
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
    const right = `Báo cáo ngày ${formatDate(r.date)} - Trang ${i + 1}/${total}`;
    const leftWidth = c.width - textWidth(right, style) - c.s(12);
    const office = wrapText([r.office.name, r.office.address].join(' · '), style, leftWidth)[0] ?? '';
    drawLine(page, office, c.left, y, leftWidth, style);
    drawLine(page, right, c.left, y, c.width, style, 'right');
  });
}
