// A ruled table with wrapping cells that continues on the next page, repeating its header row.
import { rgb } from 'pdf-lib';
import type { PageCursor } from './page-cursor';
import { drawLine, wrapText, type Align, type TextStyle } from './pdf-text';

/** width in A4 design points (scaled for A5), or 'fill' for the one column that takes the remaining width. */
export type TableColumn = { title: string; width: number | 'fill'; align: Align };

const RULE = rgb(0.55, 0.55, 0.55);
const HEADER_FILL = rgb(0.92, 0.92, 0.92);

function columnWidths(cursor: PageCursor, columns: TableColumn[]): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width === 'fill' ? 0 : cursor.s(c.width)), 0);
  return columns.map((c) => (c.width === 'fill' ? cursor.width - fixed : cursor.s(c.width)));
}

function drawRow(
  cursor: PageCursor,
  cells: string[],
  columns: TableColumn[],
  widths: number[],
  style: TextStyle,
  header: boolean,
): void {
  const pad = cursor.s(3.5);
  const lineHeight = style.size * 1.3;
  const wrapped = cells.map((cell, i) => wrapText(cell, style, (widths[i] ?? 0) - 2 * pad));
  const lines = Math.max(...wrapped.map((w) => w.length));
  const height = 2 * pad + (lines - 1) * lineHeight + style.size * 1.15;
  cursor.ensure(height);
  const top = cursor.y;
  let x = cursor.left;
  wrapped.forEach((cellLines, i) => {
    const width = widths[i] ?? 0;
    cursor.page.drawRectangle({
      x,
      y: top - height,
      width,
      height,
      borderColor: RULE,
      borderWidth: 0.5,
      color: header ? HEADER_FILL : undefined,
    });
    // header cells are centred vertically; body cells start at the top so a long name reads down from its number
    const offset = header ? ((lines - cellLines.length) * lineHeight) / 2 : 0;
    cellLines.forEach((line, j) => {
      const baseline = top - pad - style.size * 0.9 - offset - j * lineHeight;
      drawLine(
        cursor.page,
        line,
        x + pad,
        baseline,
        width - 2 * pad,
        style,
        header ? 'center' : (columns[i]?.align ?? 'left'),
      );
    });
    x += width;
  });
  cursor.down(height);
}

export function drawTable(cursor: PageCursor, columns: TableColumn[], rows: string[][]): void {
  const widths = columnWidths(cursor, columns);
  const header = () =>
    drawRow(
      cursor,
      columns.map((c) => c.title),
      columns,
      widths,
      cursor.style('cellBold'),
      true,
    );
  header();
  cursor.afterPageBreak = header;
  for (const row of rows) drawRow(cursor, row, columns, widths, cursor.style('cell'), false);
  cursor.afterPageBreak = null;
}
