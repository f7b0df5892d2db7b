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
 * Erases, in place on a level page (x-height `xHeight`, ink under `ink`), the pixels of scribbles that lie outside text
 * lines: rows where some letter-sized mark (0.5-2 x-heights tall) is are left alone, so letters a signature crosses
 * stay whole, and only the loops in between the lines go. Returns the pixels erased.
 */
export function eraseScribbles(img: GreyImage, marks: readonly Component[], xHeight: number, ink: number): number {
  const { width: w, height: h, data } = img;
  if (xHeight <= 0) return 0;
  const lineRows = new Uint8Array(h);
  for (const c of marks) {
    const tall = c.y1 - c.y0 + 1;
    if (tall >= xHeight * 0.5 && tall <= xHeight * 2) lineRows.fill(1, c.y0, c.y1 + 1);
  }
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
  let erased = 0;
  const rim: number[] = [];
  for (const run of runs) {
    const box = boxes.get(run.root);
    if (!box || !scribble(box) || lineRows[run.y]) continue;
    data.fill(255, run.y * w + run.x0, run.y * w + run.x1 + 1);
    erased += run.x1 - run.x0 + 1;
    for (const y of [run.y - 1, run.y, run.y + 1]) {
      if (y < 0 || y >= h || lineRows[y]) continue;
      for (let x = Math.max(0, run.x0 - 1); x <= Math.min(w - 1, run.x1 + 1); x++) rim.push(y * w + x);
    }
  }
  // the stroke's anti-aliased rim, lighter than `ink`, would stay as a grey outline of the signature
  for (const i of rim) if ((data[i] ?? 255) < RIM_LEVEL) data[i] = 255;
  return erased;
}
