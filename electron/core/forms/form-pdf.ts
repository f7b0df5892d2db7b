// Prints an official form filled with a dossier's data: A4, vector text, embedded Noto Sans, dotted blanks, signature block.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import type { AdminUnits } from '../../common/forms/admin-units';
import type { FormDefinition, SectionDef } from '../../common/forms/form-definition';
import { conditionHolds, getAt, isFilled, type FormData } from '../../common/forms/form-data';
import type { FieldDef, FormNode } from '../../common/forms/form-schema';
import { formatValue } from '../../common/forms/format-value';
import { cleanText, textWidth, wrapText } from '../pdf/pdf-text';
import { FormCursor, MM, type FieldAnchor } from './form-pdf-kit';
import { drawRepeatTable, drawSideBySide, drawSignature } from './form-pdf-blocks';

export type FormPrintContext = { units: AdminUnits; fonts: { regular: Uint8Array; bold: Uint8Array } };
export type PrintedForm = { bytes: Uint8Array; anchors: Record<string, FieldAnchor>; pages: number };

type Cell = { path: string; field: FieldDef };

/** Printed unless hidden, or shown only for an answer the data does not give (a blank form prints every line). */
export function printable(field: FieldDef | FormNode, data: FormData): boolean {
  if (field.kind === 'field' && field.paper.hidden) return false;
  const when = field.kind === 'repeat' ? undefined : field.showWhen;
  return !when || conditionHolds(data, when) || !isFilled(getAt(data, when.path));
}

export function printedLabel(field: FieldDef): string {
  const label = field.paper.label ?? field.label;
  return `${field.number ? `${field.number}. ` : ''}${label}${field.footnote ? ` ${field.footnote}` : ''}: `;
}

function valueText(field: FieldDef, value: unknown, data: FormData, units: AdminUnits): string {
  const text = formatValue(field, value, units, data);
  return text && field.paper.prefix && !field.computed ? `${field.paper.prefix}${text}` : text;
}

/** Tick boxes for a choice or checkbox printed as on paper: "Có ☒  Không ☐". */
function drawBoxes(c: FormCursor, field: FieldDef, value: unknown, x: number): void {
  const options = field.type === 'checkbox' ? [{ label: 'Có', on: value === true }, { label: 'Không', on: value === false }] : (field.choices ?? []).map((ch) => ({ label: ch.label, on: value === ch.value || (Array.isArray(value) && value.includes(ch.value)) }));
  let at = x;
  for (const o of options) {
    at += c.text(o.label, at, c.y, c.style()) + 4;
    at += c.box(at, c.y, o.on) + 14;
  }
}

/** One label + value on a line from x0 to x1 (dots after the value); a long value wraps onto full-width lines. */
function drawCell(c: FormCursor, cell: Cell, data: FormData, units: AdminUnits, x0: number, x1: number): void {
  const style = c.style();
  const label = printedLabel(cell.field);
  // the label's trailing space is trimmed when drawn: keep a gap before the value, dots or boxes
  const labelEnd = x0 + c.text(label, x0, c.y, style) + 3;
  const value = getAt(data, cell.path);
  if (cell.field.paper.boxes && (cell.field.type === 'checkbox' || cell.field.type === 'choice' || cell.field.type === 'multiChoice')) {
    c.anchor(cell.path, labelEnd, c.y, x1 - labelEnd);
    drawBoxes(c, cell.field, value, labelEnd);
    return;
  }
  const text = cleanText(valueText(cell.field, value, data, units));
  c.anchor(cell.path, labelEnd, c.y, x1 - labelEnd);
  if (!text) {
    c.dots(labelEnd, x1, c.y);
    for (let i = 1; i < (cell.field.paper.lines ?? 1); i++) {
      c.down(c.lineHeight);
      c.dots(c.left, c.right, c.y);
    }
    return;
  }
  const firstWidth = x1 - labelEnd - 2;
  const words = wrapText(text, style, firstWidth);
  const first = words[0] ?? '';
  const fitsFirst = textWidth(first, style) <= firstWidth;
  c.dots(labelEnd, x1, c.y);
  if (fitsFirst) c.text(first, labelEnd + 2, c.y, style);
  const rest = fitsFirst ? text.slice(first.length).trim() : text;
  if (!rest) return;
  for (const line of wrapText(rest, style, c.width)) {
    c.ensure(c.lineHeight);
    c.down(c.lineHeight);
    c.dots(c.left, c.right, c.y);
    c.text(line, c.left, c.y, style);
  }
}

/** Cells sharing a row id print on one line, split by their widths; if any cell would not fit, each gets its own line. */
function drawRow(c: FormCursor, cells: Cell[], data: FormData, units: AdminUnits): void {
  const style = c.style();
  const given = cells.map((cell) => cell.field.paper.width);
  const free = 1 - given.reduce<number>((s, w) => s + (w ?? 0), 0);
  const unset = given.filter((w) => w === undefined).length;
  const widths = given.map((w) => (w ?? Math.max(free, 0.1) / Math.max(unset, 1)) * c.width);
  // the last cell may wrap onto the next lines, as handwriting would; the others must fit their share
  const fits = cells.slice(0, -1).every((cell, i) => {
    const need = textWidth(printedLabel(cell.field), style) + textWidth(cleanText(valueText(cell.field, getAt(data, cell.path), data, units)), style) + 10;
    return need <= (widths[i] ?? 0);
  });
  if (!fits && cells.length > 1) {
    for (const cell of cells) drawRow(c, [cell], data, units);
    return;
  }
  c.ensure(c.lineHeight);
  c.down(c.lineHeight);
  let x = c.left;
  cells.forEach((cell, i) => {
    const w = cells.length === 1 ? c.width : (widths[i] ?? 0);
    drawCell(c, cell, data, units, x, x + w - (i < cells.length - 1 ? 6 : 0));
    x += w;
  });
}

function drawNodes(c: FormCursor, nodes: FormNode[], prefix: string, data: FormData, units: AdminUnits): void {
  let pending: Cell[] = [];
  const flush = () => {
    if (pending.length > 0) drawRow(c, pending, data, units);
    pending = [];
  };
  for (const node of nodes) {
    const path = prefix ? `${prefix}.${node.key}` : node.key;
    if (!printable(node, data)) continue;
    if (node.kind === 'group') {
      flush();
      drawNodes(c, node.fields, path, data, units);
    } else if (node.kind === 'repeat') {
      flush();
      drawRepeatTable(c, node, path, data, units);
    } else {
      const row = node.paper.row;
      const last = pending[pending.length - 1];
      if (last && (row === undefined || last.field.paper.row !== row)) flush();
      pending.push({ path, field: node });
      if (row === undefined) flush();
    }
  }
  flush();
}

function drawSection(c: FormCursor, section: SectionDef, data: FormData, units: AdminUnits): void {
  if (section.paper.showTitle) {
    c.ensure(c.lineHeight * 3);
    c.down(c.lineHeight * 1.2);
    c.text(`${section.number ? `${section.number}. ` : ''}${section.title.toUpperCase()}`, c.left, c.y, c.style('bold'));
  }
  if (section.intro) {
    c.ensure(c.lineHeight * 2);
    c.down(c.lineHeight);
    c.text(section.intro, c.left, c.y, c.style());
  }
  if (section.paper.layout === 'sideBySide') drawSideBySide(c, section, data, units);
  else drawNodes(c, section.nodes, '', data, units);
}

function drawHeader(c: FormCursor, def: FormDefinition): void {
  if (def.formNumber || def.formNumberNote) {
    const boxWidth = 70 * MM;
    const x = c.right - boxWidth;
    let y = c.y - 8;
    if (def.formNumber) {
      c.centered(def.formNumber, y, c.style('smallBold'), x, boxWidth);
      y -= 10;
    }
    for (const line of wrapText(def.formNumberNote ?? '', c.style('small'), boxWidth)) {
      if (!line) continue;
      c.centered(line, y, c.style('small'), x, boxWidth);
      y -= 10;
    }
    c.y = Math.min(c.y - 12, y);
  }
  c.down(c.lineHeight);
  c.centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', c.y, c.style('bold'));
  c.down(c.size * 1.4);
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  c.centered(motto, c.y, c.style('bold'));
  const w = textWidth(motto, c.style('bold'));
  c.page.drawLine({ start: { x: c.left + (c.width - w) / 2, y: c.y - 4 }, end: { x: c.left + (c.width + w) / 2, y: c.y - 4 }, thickness: 0.6 });
  c.down(c.lineHeight * 1.8);
  for (const line of wrapText(def.title, c.style('title'), c.width)) {
    c.centered(line, c.y, c.style('title'));
    c.down(c.size * 1.6);
  }
  if (def.subtitle) {
    c.centered(def.subtitle, c.y + 4, c.style());
    c.down(c.size * 1.2);
  }
  c.down(c.size * 0.4);
}

function drawFootnotes(c: FormCursor, def: FormDefinition): void {
  if (def.footnotes.length === 0) return;
  c.ensure(40);
  c.down(c.lineHeight);
  c.text('Chú thích:', c.left, c.y, c.style('smallBold'));
  for (const note of def.footnotes) c.paragraph(note, c.style('small'), 0, 11);
}

/** The filled official form. Values print as stored (validation is the caller's); empty fields print as dotted blanks. */
export async function renderFormPdf(def: FormDefinition, data: FormData, ctx: FormPrintContext): Promise<PrintedForm> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(ctx.fonts.regular, { subset: true });
  const bold = await doc.embedFont(ctx.fonts.bold, { subset: true });
  doc.setTitle(cleanText(def.title), { showInWindowTitleBar: true });
  doc.setSubject(cleanText(`${def.id} v${def.version} — ${def.legal.issuedBy}`));
  doc.setCreator('Đại lý DVC');
  doc.setProducer('Đại lý DVC (pdf-lib)');
  doc.setLanguage('vi-VN');
  const c = new FormCursor(doc, regular, bold);
  drawHeader(c, def);
  for (const section of def.sections.filter((s) => !s.paper.afterSignature)) drawSection(c, section, data, ctx.units);
  if (def.declaration) {
    c.down(c.size * 0.5);
    c.paragraph(def.declaration, c.style(), 0, c.lineHeight);
  }
  drawSignature(c, def, data);
  for (const section of def.sections.filter((s) => s.paper.afterSignature)) drawSection(c, section, data, ctx.units);
  drawFootnotes(c, def);
  return { bytes: await doc.save(), anchors: c.anchors, pages: c.pages.length };
}
