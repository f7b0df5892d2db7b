// Vertical streaks: the thin lines a speck of dust on a feeder scanner's glass draws down the whole page.
import type { GreyImage } from './raster';

/**
 * A column is a streak when, on at least 60% of the rows (every other row is looked at), it is 10+ levels darker than
 * both columns two pixels away.
 * Text covers well under 60% of any column's rows and darkens its neighbours too; a streak darkens only itself.
 */
const DARKER_BY = 10;
const ROW_SHARE = 0.6;
/** Streaks are 1-2 px wide; the repair reads the columns just outside. */
const MAX_WIDTH = 2;

/**
 * Finds streak columns of a flattened page (in its own frame: the scanner's) and repairs them in place: each pixel
 * takes the lighter of itself and the darker of the columns beside the streak, so paper is restored and a stroke
 * the streak crosses (dark on both sides) stays. Returns the columns repaired.
 */
export function removeVerticalStreaks(img: GreyImage): number[] {
  const { width, height, data } = img;
  const darker = new Uint32Array(width);
  let sampled = 0;
  for (let y = 0; y < height; y += 2, sampled++) {
    const row = y * width;
    for (let x = 2; x < width - 2; x++) {
      const v = (data[row + x] ?? 0) + DARKER_BY;
      if (v <= (data[row + x - 2] ?? 0) && v <= (data[row + x + 2] ?? 0)) darker[x] = (darker[x] ?? 0) + 1;
    }
  }
  const streaks: number[] = [];
  for (let x = 2; x < width - 2; x++) if ((darker[x] ?? 0) >= sampled * ROW_SHARE) streaks.push(x);
  for (const x of streaks) {
    const left = Math.max(0, x - MAX_WIDTH);
    const right = Math.min(width - 1, x + MAX_WIDTH);
    for (let y = 0; y < height; y++) {
      const row = y * width;
      const beside = Math.min(data[row + left] ?? 255, data[row + right] ?? 255);
      if ((data[row + x] ?? 0) < beside) data[row + x] = beside;
    }
  }
  return streaks;
}
