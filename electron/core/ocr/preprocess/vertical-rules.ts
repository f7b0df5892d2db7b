// Vertical lines out of a level page: the paper's edge or its shadow left inside a photo's page outline, a table's side.
import type { GreyImage } from './raster';

/**
 * A vertical line is at least 6 x-heights tall: the tallest stroke of a letter (an Ơ with its accent, a descender) is
 * under 2, and the strokes of letters on successive lines are parted by the line spacing. At the page's left edge of
 * tuning photos form-dots 84 and 97 (dark cloth, the paper's shadowed edge kept inside the outline) it runs the page's
 * height, read as a "|" before every line it passes (4-6 characters a page). Tuning photos 76-100 (56 pages, native
 * tesseract on the preprocessed page): 16 pages better (form-dots 97 3.36% -> 2.31%, form-stamp-purple 84 3.89% ->
 * 2.63%), none worse; pages over 3%: 13 -> 6. Scanned forms 321-324 unchanged.
 */
const MIN_LENGTH = 6;
/** ...and at most 0.4 x-height wide where it is erased: where a letter touches it the ink is wider and stays. */
const MAX_WIDTH = 0.4;
/** Gaps up to 0.5 x-height along it are bridged: the edge's shadow fades in and out along a photographed page. */
const GAP = 0.5;

/**
 * Erases, in place, pixels darker than `level` in a vertical run of at least MIN_LENGTH x-heights (gaps of GAP bridged)
 * whose horizontal run of ink is at most MAX_WIDTH x-heights wide, with one pixel of rim either side. Returns the
 * pixels erased.
 */
export function eraseVerticalRules(img: GreyImage, xHeight: number, level: number): number {
  const { width: w, height: h, data } = img;
  if (xHeight <= 0) return 0;
  const minRun = Math.max(20, Math.round(xHeight * MIN_LENGTH));
  const maxWide = Math.max(2, Math.round(xHeight * MAX_WIDTH));
  const gap = Math.max(2, Math.round(xHeight * GAP));
  const erase: number[] = [];
  for (let x = 0; x < w; x++) {
    let y = 0;
    while (y < h) {
      if ((data[y * w + x] ?? 255) >= level) {
        y++;
        continue;
      }
      const start = y;
      let end = y;
      while (y < h && y - end <= gap) {
        if ((data[y * w + x] ?? 255) < level) end = y + 1;
        y++;
      }
      y = Math.max(y, end);
      if (end - start < minRun) continue;
      for (let yy = start; yy < end; yy++) {
        const row = yy * w;
        if ((data[row + x] ?? 255) >= level) continue;
        let left = x;
        while (left > 0 && (data[row + left - 1] ?? 255) < level) left--;
        let right = x;
        while (right < w - 1 && (data[row + right + 1] ?? 255) < level) right++;
        if (right - left + 1 <= maxWide) erase.push(row + x);
      }
    }
  }
  for (const i of erase) {
    data[i] = 255;
    const x = i % w;
    if (x > 0 && (data[i - 1] ?? 255) < 235 && (data[i - 1] ?? 255) >= level) data[i - 1] = 255;
    if (x < w - 1 && (data[i + 1] ?? 255) < 235 && (data[i + 1] ?? 255) >= level) data[i + 1] = 255;
  }
  return erase.length;
}
