// Signatures and other scribbles in the writing's own ink: large, thin-stroked loops erased between the text lines.
import { labelRuns, type Component } from './components';
import type { GreyImage } from './raster';

/**
 * A scribble is at least 2.5 x-heights tall and wide (the tallest letters, a capital with an accent, reach ~2) and
 * fills under a fifth of its box (a bold heading's letters, a filled stamp fill far more).
 */
const MIN_SIZE = 2.5;
const MAX_FILL = 0.2;
/** Around an erased stroke, pixels darker than this are its rim and go too (flattened paper measures 235-255). */
const RIM_LEVEL = 230;

/**
 * Around a letter-sized mark, 1.5 x-heights each side along its rows are writing: a letter the signature touches (and
 * so is part of the scribble's mark) has its word's other letters that close (letters 0.1, words 0.3-0.5 x-heights
 * apart). Whole rows were protected before: a stamp's leftover letters in a row then kept every stroke of the
 * signature across the page's width in it (seed 324 of the forms test).
 */
const WRITING_REACH = 1.5;

/** Pixels (1) in letter-sized marks' rows within WRITING_REACH x-heights of the mark: never erased as a scribble. */
function writingMask(marks: readonly Component[], w: number, h: number, xHeight: number): Uint8Array {
  const mask = new Uint8Array(w * h);
  const reach = Math.round(xHeight * WRITING_REACH);
  for (const c of marks) {
    const tall = c.y1 - c.y0 + 1;
    if (tall < xHeight * 0.5 || tall > xHeight * 2) continue;
    const x0 = Math.max(0, c.x0 - reach);
    const x1 = Math.min(w - 1, c.x1 + reach);
    for (let y = c.y0; y <= c.y1; y++) mask.fill(1, y * w + x0, y * w + x1 + 1);
  }
  return mask;
}

/**
 * Erases, in place on a level page (x-height `xHeight`, ink under `ink`), the pixels of scribbles that lie away from
 * writing: near letter-sized marks (0.5-2 x-heights tall, see WRITING_REACH) a scribble's pixels are left alone, so
 * letters a signature crosses stay whole, and only its loops elsewhere go. Returns the pixels erased.
 */
export function eraseScribbles(img: GreyImage, marks: readonly Component[], xHeight: number, ink: number): number {
  const { width: w, height: h, data } = img;
  if (xHeight <= 0) return 0;
  const scribble = (c: Component) => {
    const cw = c.x1 - c.x0 + 1;
    const ch = c.y1 - c.y0 + 1;
    return cw >= xHeight * MIN_SIZE && ch >= xHeight * MIN_SIZE && c.area < cw * ch * MAX_FILL;
  };
  if (!marks.some(scribble)) return 0;
  const { runs } = labelRuns(img, ink);
  const boxes = new Map<number, Component>();
  for (const run of runs) {
    const box = boxes.get(run.root);
    const n = run.x1 - run.x0 + 1;
    if (box) {
      box.x0 = Math.min(box.x0, run.x0);
      box.x1 = Math.max(box.x1, run.x1);
      box.y1 = Math.max(box.y1, run.y);
      box.area += n;
    } else {
      boxes.set(run.root, { x0: run.x0, x1: run.x1, y0: run.y, y1: run.y, area: n });
    }
  }
  const writing = writingMask(marks, w, h, xHeight);
  let erased = 0;
  const rim: number[] = [];
  for (const run of runs) {
    const box = boxes.get(run.root);
    if (!box || !scribble(box)) continue;
    for (let x = run.x0; x <= run.x1; x++) {
      const i = run.y * w + x;
      if (writing[i]) continue;
      data[i] = 255;
      erased++;
      for (const j of [i - w - 1, i - w, i - w + 1, i - 1, i + 1, i + w - 1, i + w, i + w + 1]) if (j >= 0 && j < w * h && !writing[j]) rim.push(j);
    }
  }
  // the stroke's anti-aliased rim, lighter than `ink`, would stay as a grey outline of the signature
  for (const i of rim) if ((data[i] ?? 255) < RIM_LEVEL) data[i] = 255;
  return erased;
}
