// Edge gain under a shadow on a light table: how much to lift edge strength where a shadow dimmed paper and desk alike.
import { luminance, squareFilter } from './illumination';
import type { RgbImage } from './raster';

/** A thumbnail whose edge strength is scaled per pixel (see shadowGain) before lines are looked for. */
export type GainedImage = RgbImage & { edgeGain?: Float32Array };

/**
 * A shadow across a white table dims paper and desk alike, and the paper's edge under it falls below edge-lines'
 * EDGE_MIN (tuning photo phone-light-desk 294, a band shadow: 1% of the top side had an edge). Each pixel's gradient is
 * scaled by the frame's bright level over the brightest level within 3 px (the local paper or desk), at most 3 times
 * (the deepest shadows the generator draws leave 35% of the light); not where that level is under an eighth of the
 * bright one: a dark desk (dark cloth at 21: its weave became lines, dark 191) is no shadow over a light one.
 * A desk darker than the paper is lifted too (grey counter, blue cloth: ×2-3), and its grain becomes lines: page-find
 * uses this only as a second look, see findPageOutline.
 */
const SHADOW_GAIN_MAX = 3;
const SHADOW_GAIN_FLOOR = 8;

export function shadowGain(img: RgbImage): Float32Array {
  const { width: w, height: h } = img;
  const lum = luminance(img);
  const local = squareFilter(lum, w, h, 3, true);
  const sorted = Uint8Array.from(local).sort();
  const bright = sorted[Math.floor(sorted.length * 0.95)] ?? 255;
  const gain = new Float32Array(w * h);
  for (let p = 0; p < lum.length; p++) {
    const ratio = bright / Math.max(1, local[p] ?? 0);
    gain[p] = ratio > SHADOW_GAIN_FLOOR ? 1 : Math.min(SHADOW_GAIN_MAX, Math.max(1, ratio));
  }
  return gain;
}
