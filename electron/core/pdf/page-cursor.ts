// A top-down writing position over the pages of a document: margins per paper size, text styles, page breaks.
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { TextStyle } from './pdf-text';

export type PaperSize = 'A4' | 'A5';
export type FontPair = { regular: PDFFont; bold: PDFFont };
export type StyleName =
  'body' | 'bodyBold' | 'label' | 'small' | 'cell' | 'cellBold' | 'heading' | 'title' | 'big';

type PaperSpec = {
  width: number;
  height: number;
  margin: { top: number; bottom: number; side: number };
  scale: number;
};

/**
 * Points (1/72 in). A5 text is scaled by 0.74 rather than the paper's 0.71 so the smallest print stays above 6 pt,
 * readable for the elderly citizens who keep this paper; margins shrink instead.
 */
const PAPER: Record<PaperSize, PaperSpec> = {
  A4: { width: 595.28, height: 841.89, margin: { top: 40, bottom: 46, side: 50 }, scale: 1 },
  A5: { width: 419.53, height: 595.28, margin: { top: 24, bottom: 36, side: 26 }, scale: 0.74 },
};

const BASE_SIZES: Record<StyleName, number> = {
  body: 10,
  bodyBold: 10,
  label: 10,
  small: 8.5,
  cell: 9.5,
  cellBold: 9.5,
  heading: 11,
  title: 17,
  big: 14,
};

const GREY = rgb(0.3, 0.3, 0.3);

export class PageCursor {
  readonly paper: PaperSpec;
  readonly left: number;
  readonly width: number;
  readonly pages: PDFPage[] = [];
  page: PDFPage;
  y: number;
  /** Called after each page break, e.g. to repeat a table's header; set and cleared by whoever draws. */
  afterPageBreak: ((cursor: PageCursor) => void) | null = null;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: FontPair,
    size: PaperSize,
  ) {
    this.paper = PAPER[size];
    this.left = this.paper.margin.side;
    this.width = this.paper.width - 2 * this.paper.margin.side;
    this.page = this.addPage();
    this.y = this.top;
  }

  get top(): number {
    return this.paper.height - this.paper.margin.top;
  }

  get bottom(): number {
    return this.paper.margin.bottom;
  }

  get right(): number {
    return this.left + this.width;
  }

  /** A length from the A4 design, scaled for the paper. */
  s(points: number): number {
    return points * this.paper.scale;
  }

  style(name: StyleName): TextStyle {
    const bold =
      name === 'bodyBold' || name === 'cellBold' || name === 'heading' || name === 'title' || name === 'big';
    return {
      font: bold ? this.fonts.bold : this.fonts.regular,
      size: this.s(BASE_SIZES[name]),
      color: name === 'label' || name === 'small' ? GREY : undefined,
    };
  }

  /** Baseline-to-baseline distance for a style: 1.35 em, the usual leading for Vietnamese with stacked marks. */
  lineHeight(name: StyleName = 'body'): number {
    return this.style(name).size * 1.35;
  }

  /** Makes sure `height` points fit below y on this page, starting a new page if they do not. */
  ensure(height: number): void {
    if (this.y - height >= this.bottom) return;
    this.page = this.addPage();
    this.y = this.top;
    this.afterPageBreak?.(this);
  }

  down(points: number): void {
    this.y -= points;
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([this.paper.width, this.paper.height]);
    this.pages.push(page);
    return page;
  }
}
