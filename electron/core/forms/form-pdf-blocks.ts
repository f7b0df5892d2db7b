// Printed form blocks beyond single lines: repeating-group tables, two-party tables (kết hôn), the signature block.
import type { AdminUnits } from '../../common/forms/admin-units';
import type { FormDefinition, SectionDef } from '../../common/forms/form-definition';
import { getAt, type FormData } from '../../common/forms/form-data';
import type { FieldDef, GroupDef, RepeatDef } from '../../common/forms/form-schema';
import { formatValue } from '../../common/forms/format-value';
import { textWidth, wrapText, type TextStyle } from '../pdf/pdf-text';
import { BLACK, FormCursor, MM } from './form-pdf-kit';

const COLUMN_WEIGHT: Partial<Record<FieldDef['type'], number>> = { text: 3, date: 1.6, sex: 1, idNumber: 2, relationship: 1.8, monthYear: 1.4, address: 3 };

type Column = { title: string; width: number; cell: (row: number) => string; path?: (row: number) => string };

/** A bordered table; rows grow to their wrapped text; the header repeats after a page break. */
function drawTable(c: FormCursor, columns: Column[], rows: number): void {
  const style: TextStyle = c.style('cell');
  const head: TextStyle = c.style('smallBold');
  const pad = 3;
  const line = style.size * 1.3;
  const heightOf = (texts: string[], st: TextStyle) => Math.max(...texts.map((t, i) => wrapText(t, st, (columns[i]?.width ?? 20) - 2 * pad).length)) * line + 2 * pad;
  const drawRow = (texts: string[], st: TextStyle, paths: (string | undefined)[]) => {
    // empty rows leave room to write by hand
    const blank = texts.every((t) => t === '') || (st !== head && texts.slice(1).every((t) => t === ''));
    const h = Math.max(heightOf(texts, st), line * (blank ? 2.2 : 1.6));
    if (c.y - h < 15 * MM) {
      c.ensure(c.y);
      if (st !== head) drawRow(columns.map((col) => col.title), head, []);
    }
    let x = c.left;
    columns.forEach((col, i) => {
      c.page.drawRectangle({ x, y: c.y - h, width: col.width, height: h, borderColor: BLACK, borderWidth: 0.6 });
      wrapText(texts[i] ?? '', st, col.width - 2 * pad).forEach((t, j) => c.text(t, x + pad, c.y - pad - st.size - j * line, st));
      const path = paths[i];
      if (path) c.anchor(path, x + pad, c.y - pad - st.size, col.width - 2 * pad);
      x += col.width;
    });
    c.down(h);
  };
  c.down(4);
  drawRow(columns.map((col) => col.title), head, []);
  for (let r = 0; r < rows; r++) drawRow(columns.map((col) => col.cell(r)), style, columns.map((col) => col.path?.(r)));
}

/** A repeating group (household members) as the paper's table: "TT" then one column per field; blank rows to write in. */
export function drawRepeatTable(c: FormCursor, node: RepeatDef, path: string, data: FormData, units: AdminUnits): void {
  const rows = getAt(data, path);
  const filled = Array.isArray(rows) ? rows.length : 0;
  c.ensure(c.lineHeight * 3);
  c.down(c.lineHeight);
  c.text(`${node.number ? `${node.number}. ` : ''}${node.label}:`, c.left, c.y, c.style());
  const weights = node.fields.map((f) => COLUMN_WEIGHT[f.type] ?? 2);
  const ttWidth = 9 * MM;
  const total = weights.reduce((s, w) => s + w, 0);
  const columns: Column[] = [
    { title: 'TT', width: ttWidth, cell: (r) => (r < filled ? String(r + 1) : '') },
    ...node.fields.map((f, i) => ({
      title: f.label,
      width: ((c.width - ttWidth) * (weights[i] ?? 2)) / total,
      cell: (r: number) => (r < filled ? formatValue(f, getAt(data, `${path}[${r}].${f.key}`), units, data) : ''),
      path: (r: number) => `${path}[${r}].${f.key}`,
    })),
  ];
  drawTable(c, columns, Math.max(filled, node.paper.blankRows));
}

/** Two person groups with the same fields as one table: "Thông tin | Bên nữ | Bên nam" (tờ khai đăng ký kết hôn). */
export function drawSideBySide(c: FormCursor, section: SectionDef, data: FormData, units: AdminUnits): void {
  const groups = section.nodes.filter((n): n is GroupDef => n.kind === 'group');
  const [a, b] = groups;
  if (!a || !b) return;
  const fields = a.fields.filter((f): f is FieldDef => f.kind === 'field' && !f.paper.hidden);
  const labelWidth = 48 * MM;
  const half = (c.width - labelWidth) / 2;
  const at = (g: GroupDef, f: FieldDef) => `${g.key}.${f.key}`;
  const other = (f: FieldDef) => b.fields.find((x): x is FieldDef => x.kind === 'field' && x.key === f.key) ?? f;
  c.ensure(c.lineHeight * 4);
  const columns: Column[] = [
    { title: 'Thông tin', width: labelWidth, cell: (r) => { const f = fields[r]; return f ? `${f.paper.label ?? f.label}${f.footnote ? ` ${f.footnote}` : ''}` : ''; } },
    { title: a.label ?? 'Bên thứ nhất', width: half, cell: (r) => { const f = fields[r]; return f ? formatValue(f, getAt(data, at(a, f)), units, data) : ''; }, path: (r) => { const f = fields[r]; return f ? at(a, f) : ''; } },
    { title: b.label ?? 'Bên thứ hai', width: half, cell: (r) => { const f = fields[r]; return f ? formatValue(other(f), getAt(data, at(b, f)), units, data) : ''; }, path: (r) => { const f = fields[r]; return f ? at(b, f) : ''; } },
  ];
  drawTable(c, columns, fields.length);
}

function dateParts(value: unknown): [string, string, string] {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? [m[3] ?? '', m[2] ?? '', m[1] ?? ''] : ['……', '……', '……'];
}

/** "Làm tại: ..., ngày dd tháng MM năm yyyy", then one column per signer: title, note, room to sign, name. */
export function drawSignature(c: FormCursor, def: FormDefinition, data: FormData): void {
  const sig = def.signature;
  const blocks = sig.blocks;
  const columnWidth = blocks.length === 1 ? c.width / 2 : c.width / blocks.length;
  const room = 24 * MM;
  c.ensure(room + 90);
  const place = sig.place ? getAt(data, sig.place) : undefined;
  const placeText = typeof place === 'string' && place ? place : '……………';
  const [d, m, y] = dateParts(sig.date ? getAt(data, sig.date) : undefined);
  const line = `${sig.placeLabel ? `${sig.placeLabel} ` : ''}${placeText}, ngày ${d} tháng ${m} năm ${y}`;
  c.down(c.lineHeight * 1.3);
  const wanted = blocks.length === 1 ? c.left + c.width / 2 : c.left + c.width / 3;
  const lineLeft = Math.max(c.left, Math.min(wanted, c.right - textWidth(line, c.style()) - 4));
  c.centered(line, c.y, c.style(), lineLeft, c.right - lineLeft);
  if (sig.place) c.anchor(sig.place, lineLeft, c.y, c.right - lineLeft);
  const top = c.y - c.lineHeight * 1.2;
  // one or two signers get the paper's full-size heading; four narrow columns (CT01) a smaller one
  const titleStyle = blocks.length > 2 ? c.style('smallBold') : c.style('bold');
  const heads = blocks.map((b) => ({
    title: wrapText(b.title.toUpperCase(), titleStyle, columnWidth - 6),
    note: wrapText(b.note, c.style('small'), columnWidth - 6),
  }));
  // the names share one line under the tallest heading, as on paper
  const headHeight = Math.max(...heads.map((h) => h.title.length * titleStyle.size * 1.3 + h.note.length * 10));
  const nameY = top - headHeight - room;
  let bottom = nameY;
  blocks.forEach((block, i) => {
    const x = blocks.length === 1 ? c.left + c.width / 2 : c.left + i * columnWidth;
    let y = top;
    for (const t of heads[i]?.title ?? []) {
      c.centered(t, y, titleStyle, x, columnWidth);
      y -= titleStyle.size * 1.3;
    }
    for (const t of heads[i]?.note ?? []) {
      c.centered(t, y, c.style('small'), x, columnWidth);
      y -= 10;
    }
    y = nameY;
    const name = block.namePath ? getAt(data, block.namePath) : undefined;
    if (typeof name === 'string' && name) {
      for (const t of wrapText(name, c.style('bold'), columnWidth - 6)) {
        c.centered(t, y, c.style('bold'), x, columnWidth);
        y -= 13;
      }
    }
    bottom = Math.min(bottom, y);
  });
  c.y = bottom;
}
