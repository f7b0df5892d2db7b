// Drawing kit for printed forms: an A4 writing position with page breaks, dotted blanks, tick boxes, wrapped text.
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { cleanText, textWidth, wrapText, type TextStyle } from '../pdf/pdf-text';

export const MM = 72 / 25.4;
/** A4 in points; margins as an official paper form leaves them (left 20 mm for filing, 15 mm elsewhere). */
export const A4 = { width: 595.28, height: 841.89, top: 15 * MM, bottom: 15 * MM, left: 20 * MM, right: 15 * MM };
export const BLACK = rgb(0, 0, 0);
const DOTS = rgb(0.35, 0.35, 0.35);

export type FieldAnchor = { page: number; xMm: number; yMm: number; wMm: number };

export class FormCursor {
  readonly pages: PDFPage[] = [];
  page: PDFPage;
  y: number;
  readonly left = A4.left;
  readonly right = A4.width - A4.right;
  readonly width = A4.width - A4.left - A4.right;
  /** where each printed field's value starts, by data path (mm from the page's top-left corner) */
  readonly anchors: Record<string, FieldAnchor> = {};

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly size = 11,
  ) {
    this.page = this.newPage();
    this.y = A4.height - A4.top;
  }

  style(kind: 'body' | 'bold' | 'small' | 'smallBold' | 'title' | 'cell' = 'body'): TextStyle {
    const font = kind === 'bold' || kind === 'smallBold' || kind === 'title' ? this.bold : this.regular;
    const size = kind === 'title' ? 14 : kind === 'small' || kind === 'smallBold' ? 8.5 : kind === 'cell' ? 9.5 : this.size;
    return { font, size, color: BLACK };
  }

  get lineHeight(): number {
    return this.size * 1.65;
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(page);
    return page;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height >= A4.bottom) return;
    this.page = this.newPage();
    this.y = A4.height - A4.top;
  }

  down(points: number): void {
    this.y -= points;
  }

  text(value: string, x: number, y: number, style: TextStyle): number {
    const clean = cleanText(value);
    this.page.drawText(clean, { x, y, size: style.size, font: style.font, color: style.color ?? BLACK });
    return textWidth(clean, style);
  }

  centered(value: string, y: number, style: TextStyle, left = this.left, width = this.width): void {
    const clean = cleanText(value);
    this.text(clean, left + (width - textWidth(clean, style)) / 2, y, style);
  }

  /** A dotted blank from x1 to x2 just under the baseline y, as the paper form prints its blanks. */
  dots(x1: number, x2: number, y: number): void {
    if (x2 - x1 < 4) return;
    this.page.drawLine({ start: { x: x1 + 1, y: y - 2 }, end: { x: x2, y: y - 2 }, thickness: 0.7, color: DOTS, dashArray: [0.7, 2.3], lineCap: 1 });
  }

  /** A tick box with its baseline at y; `ticked` draws an X in it. Returns its width. */
  box(x: number, y: number, ticked: boolean): number {
    const s = this.size * 0.8;
    this.page.drawRectangle({ x, y: y - 1, width: s, height: s, borderColor: BLACK, borderWidth: 0.7 });
    if (ticked) {
      this.page.drawLine({ start: { x: x + 1.5, y: y + 0.5 }, end: { x: x + s - 1.5, y: y + s - 2.5 }, thickness: 1, color: BLACK });
      this.page.drawLine({ start: { x: x + 1.5, y: y + s - 2.5 }, end: { x: x + s - 1.5, y: y + 0.5 }, thickness: 1, color: BLACK });
    }
    return s;
  }

  /** Wrapped paragraph from the current position; moves down past it. */
  paragraph(value: string, style: TextStyle, indent = 0, lineHeight = style.size * 1.5): void {
    for (const line of wrapText(value, style, this.width - indent)) {
      this.ensure(lineHeight);
      this.down(lineHeight);
      this.text(line, this.left + indent, this.y, style);
    }
  }

  anchor(path: string, x: number, y: number, width: number): void {
    this.anchors[path] = {
      page: this.pages.length,
      xMm: round1(x / MM),
      yMm: round1((A4.height - y) / MM),
      wMm: round1(width / MM),
    };
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
