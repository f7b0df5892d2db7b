// A QR code drawn as vector squares on a PDF page, so it prints sharp at any size and needs no image decoder.
import { rgb, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

export type QrMatrix = { size: number; isDark: (row: number, col: number) => boolean };

/** 'M' (15% recovery): survives a crumpled or smudged receipt while keeping modules big for a short code. */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, col) => modules.get(row, col) === 1 };
}

/**
 * Draws the code with its lower-left corner at (x, y) and `size` points wide, including a 4-module quiet zone
 * (the minimum ISO/IEC 18004 asks for) left white. Dark modules of a row are merged into runs: fewer operators.
 */
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const matrix = qrMatrix(text);
  const quiet = 4;
  const module = size / (matrix.size + 2 * quiet);
  const black = rgb(0, 0, 0);
  for (let row = 0; row < matrix.size; row += 1) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col += 1;
      page.drawRectangle({
        x: x + (quiet + start) * module,
        y: y + size - (quiet + row + 1) * module,
        width: (col - start) * module,
        // a hair taller than a module so anti-aliased viewers show no white seams between rows
        height: module * 1.02,
        color: black,
      });
    }
  }
}
