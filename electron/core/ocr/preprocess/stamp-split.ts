// A stamp that shares its colour cluster with the page's writing: its own colour read inside its box, apart from the print's.
import type { Chroma } from './ink-colours';

/**
 * The colours of one coloured ink inside its stamp boxes: the stamp's own, and the writing's (read outside them); with
 * `printTotal`, the print's mean absorption, when the split was told by the stamp being paler (see MIN_PALE_SPLIT).
 */
export type StampSplit = { stamp: Chroma; print: Chroma; printTotal?: number };

/**
 * Under 0.14 apart the stamp and the print are one colour: everything of the ink inside the box is faded, as before.
 * On tuning photos the split helped at 0.15-0.20 (blue print under a purple stamp, 144 and 154; under a blue stamp,
 * stamp-blue 154: 2.9 -> 1.3% CER) and hurt at 0.13 (blue stamp on blue print on glass, stamp-blue 144: the blue
 * signature, the print's shade, stayed inside the box, 2.7 -> 4.0%).
 */
const MIN_SPLIT = 0.14;
/**
 * From 0.11 apart the two are split too when the stamp's shade is also paler than the print by LIGHTER_STAMP in
 * absorption: on a flatbed scan a stamp's ink is thinner than printed ink. Blue stamp on blue print, scanned (tuning
 * seeds 261-300): 0.12-0.13 apart and 0.17-0.40 paler, the print under the stamp went with it (form-dashes 268: 7.4 ->
 * 1.9% CER, form-blue-ink 268: 6.9 -> 2.1%, form-stamp-blue 277: 4.3 -> 2.1%); a stamp of the print's own shade
 * (form-stamp-blue 265: 0.10 apart, as dark) and the photo on glass above (0.13 apart but only 0.11 paler: a photo's
 * blur pales the print too) stay whole.
 */
const MIN_PALE_SPLIT = 0.11;
const LIGHTER_STAMP = 0.15;
/** Enough pixels on each side to trust a mean (at ~150 DPI a stamp holds thousands). */
const MIN_PIXELS = 200;

const distance = (a: Chroma, b: Chroma) => Math.hypot(a[0] - b[0], a[1] - b[1]);

function meanOf(points: Float32Array, indices: number[]): Chroma {
  let a = 0;
  let b = 0;
  for (const i of indices) {
    a += points[i * 2] ?? 0;
    b += points[i * 2 + 1] ?? 0;
  }
  return indices.length > 0 ? [a / indices.length, b / indices.length] : [0, 0];
}

function meanTotal(totalAt: Float32Array, indices: number[]): number {
  let sum = 0;
  for (const i of indices) sum += totalAt[i] ?? 0;
  return indices.length > 0 ? sum / indices.length : 0;
}

/**
 * Ink `k`'s colours where it is a writing ink that also holds a stamp (`stamp` has `bit` set in the stamp's box): the
 * print's colour is the ink's mean outside every stamp box; the stamp's is found by two-means inside the box with the
 * print's colour held fixed. Null when the two are not apart (see MIN_SPLIT; with `totalAt`, each ink pixel's
 * absorption, MIN_PALE_SPLIT) or too few pixels tell.
 */
export function splitStampInk(
  label: Int8Array,
  chromaAt: Float32Array,
  stamp: Uint8Array,
  k: number,
  bit: number,
  totalAt?: Float32Array,
): StampSplit | null {
  const inBox: number[] = [];
  const outside: number[] = [];
  for (let p = 0; p < label.length; p++) {
    if (label[p] !== k) continue;
    if ((stamp[p] ?? 0) & bit) inBox.push(p);
    else if ((stamp[p] ?? 0) === 0) outside.push(p);
  }
  if (inBox.length < MIN_PIXELS || outside.length < MIN_PIXELS) return null;
  const print = meanOf(chromaAt, outside);
  // start from the half of the box's pixels farthest from the print's colour
  const far = inBox.map((p) => distance([chromaAt[p * 2] ?? 0, chromaAt[p * 2 + 1] ?? 0], print));
  const median = [...far].sort((a, b) => a - b)[far.length >> 1] ?? 0;
  let near = inBox.filter((_, i) => (far[i] ?? 0) >= median);
  let own = meanOf(chromaAt, near);
  for (let round = 0; round < 6; round++) {
    near = inBox.filter((p) => {
      const c: Chroma = [chromaAt[p * 2] ?? 0, chromaAt[p * 2 + 1] ?? 0];
      return distance(c, own) < distance(c, print);
    });
    if (near.length < MIN_PIXELS) return null;
    own = meanOf(chromaAt, near);
  }
  const apart = distance(own, print);
  if (apart >= MIN_SPLIT) return { stamp: own, print };
  const paler = totalAt ? meanTotal(totalAt, outside) - meanTotal(totalAt, near) : 0;
  return apart >= MIN_PALE_SPLIT && paler >= LIGHTER_STAMP && totalAt ? { stamp: own, print, printTotal: meanTotal(totalAt, outside) } : null;
}

/** Whether a pixel of the ink, inside its stamp's box, is the stamp's (nearer the stamp's colour than the print's). */
export function isStampColour(split: StampSplit, chroma: Chroma): boolean {
  return distance(chroma, split.stamp) < distance(chroma, split.print);
}
