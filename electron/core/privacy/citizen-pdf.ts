// The PDF summary handed to a citizen who asked what the office holds about them (fonts embedded, no images).
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { formatDateTime } from '../../common/format';
import { PageCursor } from '../pdf/page-cursor';
import { drawLine, drawWrapped, wrapText } from '../pdf/pdf-text';

export type CitizenPdfData = {
  office: { name: string; address: string };
  idNumber: string;
  fullName: string;
  generatedAt: number;
  generatedBy: string;
  dossiers: {
    localCode: string;
    procedureName: string;
    status: string;
    createdAt: number;
    fields: [string, string][];
    pages: string;
    consents: string;
    retention: [string, string][];
  }[];
  mentions: string[];
  access: { at: number; actorName: string | null; action: string; localCode: string | null }[];
  kept: string[];
};

function paragraph(c: PageCursor, text: string, style: 'body' | 'bodyBold' | 'small' | 'heading' = 'body'): void {
  const lh = c.lineHeight(style);
  const lines = wrapText(text, c.style(style), c.width);
  c.ensure(lines.length * lh + c.s(4));
  c.down(lh);
  drawWrapped(c.page, text, c.left, c.y, c.width, c.style(style), lh);
  c.down((lines.length - 1) * lh + c.s(2));
}

function pairs(c: PageCursor, rows: [string, string][]): void {
  const labelWidth = c.s(150);
  const lh = c.lineHeight('body');
  for (const [label, value] of rows) {
    const lines = wrapText(value || '—', c.style('body'), c.width - labelWidth);
    c.ensure(lines.length * lh + c.s(2));
    c.down(lh);
    drawLine(c.page, `${label}:`, c.left, c.y, labelWidth, c.style('label'));
    drawWrapped(c.page, value || '—', c.left + labelWidth, c.y, c.width - labelWidth, c.style('body'), lh);
    c.down((lines.length - 1) * lh);
  }
  c.down(c.s(4));
}

export async function renderCitizenPdf(data: CitizenPdfData, fonts: { regular: Uint8Array; bold: Uint8Array }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  doc.setTitle('Dữ liệu cá nhân đang lưu', { showInWindowTitleBar: true });
  doc.setCreator('Đại lý DVC');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(new Date(data.generatedAt));
  const c = new PageCursor(doc, { regular, bold }, 'A4');
  drawLine(c.page, data.office.name.toLocaleUpperCase('vi'), c.left, c.y - c.s(10), c.width, c.style('bodyBold'), 'center');
  c.down(c.s(14));
  paragraph(c, data.office.address, 'small');
  c.down(c.s(10));
  drawLine(c.page, 'DỮ LIỆU CÁ NHÂN ĐẠI LÝ ĐANG LƯU', c.left, c.y - c.s(14), c.width, c.style('title'), 'center');
  c.down(c.s(24));
  pairs(c, [
    ['Họ và tên', data.fullName],
    ['Số định danh cá nhân', data.idNumber],
    ['Lập lúc', formatDateTime(data.generatedAt)],
    ['Người lập', data.generatedBy],
    ['Số hồ sơ', String(data.dossiers.length)],
  ]);
  for (const d of data.dossiers) {
    paragraph(c, `Hồ sơ ${d.localCode}: ${d.procedureName}`, 'heading');
    pairs(c, [
      ['Trạng thái', d.status],
      ['Ngày tiếp nhận', formatDateTime(d.createdAt)],
      ...d.fields,
      ['Giấy tờ đã quét', d.pages],
      ['Sự đồng ý', d.consents],
      ...d.retention.map(([k, v]): [string, string] => [`Xoá ${k.toLocaleLowerCase('vi')}`, v]),
    ]);
  }
  if (data.mentions.length > 0) {
    paragraph(c, 'Hồ sơ của người khác có ghi số định danh này', 'heading');
    paragraph(c, data.mentions.join('; '));
  }
  paragraph(c, `Những lần dữ liệu được xem (${data.access.length})`, 'heading');
  for (const a of data.access.slice(-40)) {
    paragraph(c, `${formatDateTime(a.at)} - ${a.actorName ?? 'hệ thống'}: ${a.action}${a.localCode ? ` (${a.localCode})` : ''}`, 'small');
  }
  paragraph(c, 'Dữ liệu được giữ lại theo quy định', 'heading');
  for (const k of data.kept) paragraph(c, `- ${k}`, 'small');
  return doc.save();
}
