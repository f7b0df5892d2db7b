// A small synthetic page for the stamp tests: print outside a stamp, the stamp, print under it, and its ink measurements.
import { absorption } from '../../electron/core/ocr/preprocess/ink-colours';
import type { InkMarks } from '../../electron/core/ocr/preprocess/ink-marks';
import type { RgbImage } from '../../electron/core/ocr/preprocess/raster';

export type Rgb = [number, number, number];

export type StampSwatch = {
  rgb: RgbImage;
  /** ink cluster per pixel: 0 for every ink pixel, -1 for paper */
  label: Int8Array;
  chroma: Float32Array;
  total: Float32Array;
  marks: InkMarks;
}

export const SWATCH_WIDTH = 160;
export const SWATCH_HEIGHT = 100;

/**
 * Paper 160 × 100 with print at (5-60, 10-30), a stamp box at (80-150, 20-90) marked as a stamp with a 2-pixel margin,
 * print under the stamp at (90-140, 50-56) and, when given, the two inks overlapping at (90-140, 62-66).
 */
export function stampSwatch(paperRgb: Rgb, print: Rgb, stamp: Rgb, overlap?: Rgb): StampSwatch {
  const w = SWATCH_WIDTH;
  const h = SWATCH_HEIGHT;
  const data = new Uint8Array(w * h * 3);
  for (let p = 0; p < w * h; p++) data.set(paperRgb, p * 3);
  const put = (x0: number, x1: number, y0: number, y1: number, rgb: Rgb) => {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data.set(rgb, (y * w + x) * 3);
  };
  put(5, 60, 10, 30, print);
  put(80, 150, 20, 90, stamp);
  put(90, 140, 50, 56, print);
  if (overlap) put(90, 140, 62, 66, overlap);
  const label = new Int8Array(w * h).fill(-1);
  const chroma = new Float32Array(w * h * 2);
  const total = new Float32Array(w * h);
  for (let p = 0; p < w * h; p++) {
    const a = absorption(data[p * 3] ?? 0, data[p * 3 + 1] ?? 0, data[p * 3 + 2] ?? 0, ...paperRgb);
    // 0.9: paler than that is paper grain, not ink
    if (a.total < 0.9) continue;
    label[p] = 0;
    chroma[p * 2] = a.chroma[0];
    chroma[p * 2 + 1] = a.chroma[1];
    total[p] = a.total;
  }
  const marks: InkMarks = { width: w, height: h, stamp: new Uint8Array(w * h), furniture: new Uint8Array(w * h), textOf: new Int8Array(w * h).fill(-1) };
  for (let y = 18; y <= 92; y++) for (let x = 78; x <= 152; x++) marks.stamp[y * w + x] = 1;
  return { rgb: { data, width: w, height: h }, label, chroma, total, marks };
}
