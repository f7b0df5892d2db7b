// A round stamp's ring inside a larger mark of its ink (the ring joined to a signature that crosses it), found by shape.

export type Box = { x0: number; y0: number; x1: number; y1: number };

/**
 * A stamp's ring inside a larger mark is at least 8% of the image's short side across: an office stamp is 17-20% of
 * A4's width, and a photographed page fills 60-90% of the frame.
 */
export const MIN_RING = 0.08;
/** Directions round a candidate centre in which the ring is looked for. */
const SECTORS = 32;
/**
 * A ring covers at least 70% of the directions at one radius. A photo's pale stamp ring is broken in places where the
 * ink did not take (the generator's rings, tuning photos form-dots 51 and 73: 80-100% when found); a signature's loops
 * cross a circle in a few directions only.
 */
const MIN_COVER = 0.7;
/** The ring's ink lies between 82% and 102% of the radius (a double ring's outer line, a stroke of 2-4 px). */
const INNER = 0.82;
const OUTER = 1.02;
/** Diameters tried: the mark's short side down to 60% of it, in steps of 8%. */
const SMALLEST = 0.6;
const SIZE_STEP = 0.08;

/**
 * The square box of the best ring in mark `box` of `mask` (width `w`), with a diameter at least `minSide` pixels, or
 * null when no circle of ink covers MIN_COVER of its directions.
 */
export function findRing(mask: Uint8Array, w: number, box: Box, minSide: number): Box | null {
  const pixels: number[] = [];
  for (let y = box.y0; y <= box.y1; y++) for (let x = box.x0; x <= box.x1; x++) if (mask[y * w + x]) pixels.push(x, y);
  const short = Math.min(box.x1 - box.x0, box.y1 - box.y0) + 1;
  let bestCover = 0;
  let best: Box | null = null;
  const seen = new Uint8Array(SECTORS);
  for (let f = 1; f >= SMALLEST - 1e-9; f -= SIZE_STEP) {
    const d = Math.round(short * f);
    if (d < minSide) break;
    const r = d / 2;
    const step = Math.max(2, Math.round(d / 30));
    for (let cy = box.y0 + r; cy <= box.y1 - r + 1; cy += step) {
      for (let cx = box.x0 + r; cx <= box.x1 - r + 1; cx += step) {
        seen.fill(0);
        for (let i = 0; i < pixels.length; i += 2) {
          const dx = (pixels[i] ?? 0) - cx;
          const dy = (pixels[i + 1] ?? 0) - cy;
          const dist = Math.hypot(dx, dy);
          if (dist < r * INNER || dist > r * OUTER) continue;
          seen[Math.min(SECTORS - 1, Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * SECTORS))] = 1;
        }
        let cover = 0;
        for (const s of seen) cover += s;
        if (cover / SECTORS >= MIN_COVER && cover > bestCover) {
          bestCover = cover;
          best = { x0: Math.floor(cx - r), y0: Math.floor(cy - r), x1: Math.ceil(cx + r), y1: Math.ceil(cy + r) };
        }
      }
    }
    if (best) return best;
  }
  return null;
}
