// The dossier receipt (phiếu tiếp nhận hồ sơ) as a PDF: A4 or A5, Vietnamese font embedded, QR of the local code.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { formatDate, formatFee, formatVnd, weekdayName } from '../../common/format';
import { drawTable } from './pdf-table';
import { cleanText, drawLine, drawWrapped, textWidth, wrapText } from './pdf-text';
import { PageCursor, type PaperSize } from './page-cursor';
import type { ReceiptData } from './receipt-data';
import { drawConsent } from './receipt-consent';
import { drawFooters, drawHeader, drawTitle } from './receipt-frame';

export type { ReceiptData } from './receipt-data';

export type ReceiptFonts = { regular: Uint8Array; bold: Uint8Array };
export type ReceiptOptions = { pageSize: PaperSize };

const MODE_LABELS: Record<ReceiptData['mode'], string> = {
  online: 'Trực tuyến (qua đại lý dịch vụ công)',
  postal: 'Qua dịch vụ bưu chính công ích',
  direct: 'Trực tiếp tại cơ quan giải quyết',
};
const KIND_LABELS: Record<ReceiptData['components'][number]['kind'], string> = {
  submit: 'Nộp',
  show: 'Xuất trình',
};
const RULE = rgb(0.55, 0.55, 0.55);

export async function renderReceiptPdf(
  data: ReceiptData,
  fonts: ReceiptFonts,
  opts: ReceiptOptions,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  // subset: only the glyphs used are embedded (~30 KB instead of ~500 KB per face)
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  setMetadata(doc, data);

  const cursor = new PageCursor(doc, { regular, bold }, opts.pageSize);
  drawHeader(cursor, data);
  drawTitle(cursor, data);
  drawApplicant(cursor, data);
  drawProcedure(cursor, data);
  drawComponents(cursor, data);
  drawResult(cursor, data);
  drawConsent(cursor, data);
  drawSignatures(cursor, data);
  drawFooters(cursor, data);
  return doc.save();
}

function setMetadata(doc: PDFDocument, data: ReceiptData): void {
  const created = new Date(data.createdAt);
  doc.setTitle(cleanText(`Phiếu tiếp nhận hồ sơ ${data.localCode}`), { showInWindowTitleBar: true });
  doc.setAuthor(cleanText(data.office.name));
  doc.setSubject(cleanText(`${data.procedure.code} ${data.procedure.name}`));
  doc.setCreator('Đại lý DVC');
  doc.setProducer('Đại lý DVC (pdf-lib)');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(created);
  doc.setModificationDate(created);
}

function section(c: PageCursor, title: string): void {
  c.ensure(c.lineHeight('heading') * 3);
  c.down(c.style('heading').size * 1.1);
  drawLine(c.page, title, c.left, c.y, c.width, c.style('heading'));
  c.page.drawLine({
    start: { x: c.left, y: c.y - c.s(4) },
    end: { x: c.right, y: c.y - c.s(4) },
    thickness: 0.5,
    color: RULE,
  });
  c.down(c.s(8));
}

type Field = { label: string; value: string; strong?: boolean };

/** Label-value rows: the label in grey in a fixed column, the value wrapped in the rest of the line. */
function fields(c: PageCursor, rows: Field[]): void {
  const labelWidth = c.s(135);
  const lh = c.lineHeight('body');
  for (const row of rows) {
    const style = c.style(row.strong ? 'bodyBold' : 'body');
    const lines = wrapText(row.value || '—', style, c.width - labelWidth);
    c.ensure(lines.length * lh + c.s(2));
    c.down(lh);
    drawLine(c.page, `${row.label}:`, c.left, c.y, labelWidth, c.style('label'));
    drawWrapped(c.page, row.value || '—', c.left + labelWidth, c.y, c.width - labelWidth, style, lh);
    c.down((lines.length - 1) * lh);
  }
  c.down(c.s(6));
}

function drawApplicant(c: PageCursor, data: ReceiptData): void {
  const a = data.applicant;
  section(c, '1. Người nộp hồ sơ');
  fields(c, [
    { label: 'Họ và tên', value: a.fullName, strong: true },
    { label: 'Số định danh cá nhân', value: a.idNumber },
    { label: 'Ngày sinh', value: formatDate(a.dateOfBirth) },
    { label: 'Số điện thoại', value: a.phone },
    { label: 'Địa chỉ', value: a.address },
  ]);
}

function drawProcedure(c: PageCursor, data: ReceiptData): void {
  section(c, '2. Thủ tục hành chính');
  fields(c, [
    { label: 'Tên thủ tục', value: data.procedure.name, strong: true },
    { label: 'Mã thủ tục', value: data.procedure.code },
    ...(data.caseName ? [{ label: 'Trường hợp', value: data.caseName }] : []),
    // the person the dossier is about, when it is not the applicant (khai sinh: the child)
    ...(data.subject ? [{ label: data.subject.label, value: data.subject.name, strong: true }] : []),
    // the receiving agent signs and is named in the signature block below
    { label: 'Hình thức nộp', value: MODE_LABELS[data.mode] },
  ]);
}

function drawComponents(c: PageCursor, data: ReceiptData): void {
  section(c, '3. Thành phần hồ sơ đã nhận');
  c.down(c.s(4));
  const count = (n: number | null) => (n === null ? '—' : String(n));
  const rows = data.components.map((item, i) => [
    String(i + 1),
    item.via === 'form_data' ? `${item.name} (điền trong ứng dụng, gửi dạng dữ liệu)` : item.via === 'form_print' ? `${item.name} (bản in từ ứng dụng)` : item.name,
    KIND_LABELS[item.kind],
    count(item.originals),
    count(item.copies),
    // an original shown at the counter and handed back: seen, not scanned; an e-form: data, no page
    item.via === 'form_data' ? 'Dữ liệu' : item.kind === 'show' && item.pageCount === 0 ? 'Đã xem' : String(item.pageCount),
  ]);
  const totalPages = data.components.reduce((sum, item) => sum + item.pageCount, 0);
  drawTable(
    c,
    [
      { title: 'STT', width: 30, align: 'center' },
      { title: 'Tên giấy tờ', width: 'fill', align: 'left' },
      { title: 'Loại', width: 58, align: 'center' },
      { title: 'Bản chính', width: 50, align: 'center' },
      { title: 'Bản sao', width: 50, align: 'center' },
      { title: 'Số trang', width: 50, align: 'center' },
    ],
    rows.length > 0 ? rows : [['', 'Không có giấy tờ nào', '', '', '', '']],
  );
  c.down(c.lineHeight('body'));
  drawLine(
    c.page,
    `Tổng cộng: ${data.components.length} giấy tờ, ${totalPages} trang`,
    c.left,
    c.y,
    c.width,
    c.style('body'),
    'right',
  );
  c.down(c.s(6));
}

/** The fee as the law sets it, with its arithmetic ("3 trang × 1 bản = 5.000 đồng") when it was counted. */
function statutoryText(fee: ReceiptData['fee']): string {
  const amount = fee.statutoryVnd === null ? 'Danh mục chưa ghi rõ mức thu' : formatFee(fee.statutoryVnd);
  const counted = fee.statutoryVnd !== null && fee.detail.includes('=');
  return counted ? `${amount} (${fee.detail})` : amount;
}

function feeRows(fee: ReceiptData['fee']): Field[] {
  const rows: Field[] = [{ label: 'Phí, lệ phí', value: statutoryText(fee) }];
  if (fee.variantLabel) rows.push({ label: 'Mức thu áp dụng', value: fee.variantLabel });
  if (fee.overrideVnd !== null && fee.overrideVnd !== undefined) {
    rows.push({ label: 'Phí, lệ phí đã thu', value: `${formatFee(fee.overrideVnd)}. Lý do: ${fee.overrideReason ?? ''}` });
  }
  // one line for the total and what it holds besides the fee, so a full dossier still fits one A4 sheet
  const total = fee.totalVnd === null ? 'Chưa xác định' : formatVnd(fee.totalVnd);
  rows.push({ label: 'Tổng số tiền', value: `${total} (gồm phí dịch vụ đại lý ${formatVnd(fee.serviceChargeVnd)})`, strong: true });
  return rows;
}

function drawResult(c: PageCursor, data: ReceiptData): void {
  section(c, '4. Phí, lệ phí và trả kết quả');
  const delivery =
    data.delivery.method === 'post'
      ? `Qua dịch vụ bưu chính công ích, gửi đến: ${data.delivery.address ?? '—'}`
      : 'Nhận tại quầy của đại lý';
  const rows: Field[] = [...feeRows(data.fee), { label: 'Hình thức nhận kết quả', value: delivery }];
  if (data.overrideReason) {
    rows.push({
      label: 'Ghi chú',
      value: `Hồ sơ được tiếp nhận khi còn thiếu giấy tờ. Lý do: ${data.overrideReason}`,
    });
  }
  fields(c, rows);
  drawAppointment(c, data.dueDate);
}

function drawAppointment(c: PageCursor, dueDate: string | null): void {
  const height = c.s(32);
  c.ensure(height + c.s(8));
  c.down(c.s(2));
  c.page.drawRectangle({
    x: c.left,
    y: c.y - height,
    width: c.width,
    height,
    borderColor: rgb(0, 0, 0),
    borderWidth: 1,
    color: rgb(0.95, 0.95, 0.95),
  });
  const baseline = c.y - height / 2 - c.style('big').size * 0.35;
  const label = 'Ngày hẹn trả kết quả:';
  const value = dueDate
    ? `${weekdayName(dueDate)}, ${formatDate(dueDate)}`
    : 'Theo thông báo của cơ quan giải quyết';
  const labelStyle = c.style('heading');
  const valueStyle = c.style(dueDate ? 'big' : 'bodyBold');
  const gap = c.s(10);
  const total = textWidth(label, labelStyle) + gap + textWidth(value, valueStyle);
  const x = c.left + (c.width - total) / 2;
  drawLine(c.page, label, x, baseline, c.width, labelStyle);
  drawLine(c.page, value, x + textWidth(label, labelStyle) + gap, baseline, c.width, valueStyle);
  c.down(height + c.s(4));
}

function drawSignatures(c: PageCursor, data: ReceiptData): void {
  const note =
    'Lưu ý: Mang theo phiếu này và giấy tờ tuỳ thân khi nhận kết quả; tra cứu hồ sơ bằng mã hồ sơ hoặc mã QR.';
  const noteLines = wrapText(note, c.style('small'), c.width);
  c.ensure(noteLines.length * c.lineHeight('small') + c.s(90));
  c.down(c.lineHeight('small') * 0.9);
  drawWrapped(c.page, note, c.left, c.y, c.width, c.style('small'), c.lineHeight('small'));
  c.down(noteLines.length * c.lineHeight('small') + c.s(10));

  const half = c.width / 2;
  const blocks: [string, string][] = [
    ['NGƯỜI NỘP HỒ SƠ', data.applicant.fullName],
    ['NGƯỜI TIẾP NHẬN', data.agentName],
  ];
  blocks.forEach(([title, name], i) => {
    const x = c.left + i * half;
    drawLine(c.page, title, x, c.y, half, c.style('bodyBold'), 'center');
    drawLine(c.page, '(Ký, ghi rõ họ tên)', x, c.y - c.lineHeight('body'), half, c.style('small'), 'center');
    drawLine(c.page, name, x, c.y - c.s(60), half, c.style('bodyBold'), 'center');
  });
  c.down(c.s(64));
}
