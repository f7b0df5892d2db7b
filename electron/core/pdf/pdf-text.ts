// Text on PDF pages: NFC normalisation, measuring and word-wrapping with an embedded font, aligned drawing.
import { rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { nfc } from '../../common/text';

export type TextStyle = { font: PDFFont; size: number; color?: RGB };
export type Align = 'left' | 'center' | 'right';

export const BLACK = rgb(0, 0, 0);

/**
 * The font draws precomposed glyphs only (pdf-lib applies no mark positioning), so decomposed input (NFD, as some
 * keyboards and OCR produce) must be composed first or the tone marks would land beside their letters.
 */
export function cleanText(value: string): string {
  return nfc(value)
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

export function textWidth(text: string, style: TextStyle): number {
  return style.font.widthOfTextAtSize(text, style.size);
}

/** Splits text into lines no wider than maxWidth, breaking at spaces, and inside a word only when it alone is too wide. */
export function wrapText(value: string, style: TextStyle, maxWidth: number): string[] {
  const text = cleanText(value);
  if (!text) return [''];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, style) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const piece of breakWord(word, style, maxWidth)) {
      if (line) lines.push(line);
      line = piece;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function breakWord(word: string, style: TextStyle, maxWidth: number): string[] {
  if (textWidth(word, style) <= maxWidth) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && textWidth(piece + char, style) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Draws one line with its baseline at y, aligned within [x, x + width]. */
export function drawLine(
  page: PDFPage,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle,
  align: Align = 'left',
): void {
  const clean = cleanText(text);
  const w = textWidth(clean, style);
  const left = align === 'center' ? x + (width - w) / 2 : align === 'right' ? x + width - w : x;
  page.drawText(clean, { x: left, y, size: style.size, font: style.font, color: style.color ?? BLACK });
}

/** Draws wrapped text from baseline y downwards; returns the number of lines drawn. */
export function drawWrapped(
  page: PDFPage,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle,
  lineHeight: number,
  align: Align = 'left',
): number {
  const lines = wrapText(text, style, width);
  lines.forEach((line, i) => drawLine(page, line, x, y - i * lineHeight, width, style, align));
  return lines.length;
}
