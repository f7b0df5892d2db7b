// Perspective read from the text lines when the page finder cannot place a side: their vanishing point sent to infinity.
import { squareFilter } from './illumination';
import { sweep, type InkPoints } from './layout';
import { KEEP_MARGIN, type PageOutline } from './page-find';
import { apply, homographyFromQuad, invert, type Homography, type Point } from './projective';
import { resizeGrey, type GreyImage } from './raster';

/** Long side of the copy the lines are measured on (~110 DPI for a phone photo of A4): x-height 4-7 px. */
const SIDE = 1200;
/** Tiles across and down the image; each gives the direction of the text lines through its centre. */
const COLS = 3;
const ROWS = 8;
/** A pixel is ink under 70% of the paper's level around it (its closing); paper darker than 60 is not looked at. */
const INK_SHARE = 0.7;
const MIN_PAPER = 60;
/** A tile needs this many ink points, and a profile this many times peakier than evenly spread ink, to be read. */
const MIN_TILE_INK = 300;
const MIN_PEAKINESS = 1.8;
/** Line directions are swept within ±12° of level (roll up to 8° and the keystone's own convergence). */
const SWEEP = 12;
/** Tiles whose direction misses the vanishing point by over 0.6° are dropped, and the fit made again. */
const MAX_MISS = 0.6;
/** Tiles that must agree about one vanishing point. */
const MIN_TILES = 8;
/**
 * Range of the tiles' directions under which the lines are taken as parallel already: tuning photos 181-260 whose
 * lines converge measured 3.5-8.3° (one top keystone 1.2°), photos and scans with parallel lines 0.3-0.9°.
 */
const MIN_SPREAD = 1.5;
/**
 * A found outline with a side on the frame gives way when the lines come out of its warp this many degrees apart
 * (range over the tiles). Tuning white tables 181-260: 1.7-2.9° read as well with the found outline (light 183, 208,
 * 211, 250: 0.0-4.3% either way), 4.0-7.0° did not (light 230, 260, keystones 183, 196: 6.6-20.8% -> 0.0-9.6%).
 */
const MIN_BETTER = 3.5;
/** The range of 24 tiles' directions about one vanishing point that measuring alone gives: 0.6-0.9° on tuning photos. */
const NOISE = 0.6;
/** The warped image may grow at most this much (a vanishing point near the image means a wrong fit). */
const MAX_GROWTH = 2.2;

type Tile = { x: number; y: number; angle: number; weight: number };

/** Ink of a reduced grey copy: darker than INK_SHARE of its closing (radius ~ a line's height), as points. */
function inkOf(img: GreyImage): InkPoints {
  const { width: w, height: h, data } = img;
  const r = Math.max(4, Math.round(Math.max(w, h) / 150));
  const paper = squareFilter(squareFilter(data, w, h, r, true), w, h, r, false);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const p = paper[i] ?? 0;
    if (p >= MIN_PAPER && (data[i] ?? 255) < p * INK_SHARE) {
      xs.push(i % w);
      ys.push(Math.floor(i / w));
    }
  }
  return { xs: Float32Array.from(xs), ys: Float32Array.from(ys), count: xs.length, width: w, height: h };
}

/** Each tile's line direction (degrees, clockwise as layout.ts turns: the lines lie at -angle on screen). */
function tileDirections(ink: InkPoints): Tile[] {
  // the grid spans the ink's extent (2nd to 98th percentile each way), not the desk around the page
  const pct = (v: Float32Array, q: number) => Float32Array.from(v).sort()[Math.floor(q * (v.length - 1))] ?? 0;
  const [x0, x1, y0, y1] = [pct(ink.xs, 0.02), pct(ink.xs, 0.98), pct(ink.ys, 0.02), pct(ink.ys, 0.98)];
  const tw = Math.max(1, (x1 - x0) / COLS);
  const th = Math.max(1, (y1 - y0) / ROWS);
  const buckets = Array.from({ length: COLS * ROWS }, () => ({ xs: [] as number[], ys: [] as number[] }));
  for (let i = 0; i < ink.count; i++) {
    const x = ink.xs[i] ?? 0;
    const y = ink.ys[i] ?? 0;
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    const b = buckets[Math.min(ROWS - 1, Math.floor((y - y0) / th)) * COLS + Math.min(COLS - 1, Math.floor((x - x0) / tw))];
    b?.xs.push(x);
    b?.ys.push(y);
  }
  const tiles: Tile[] = [];
  for (const b of buckets) {
    if (b.xs.length < MIN_TILE_INK) continue;
    const cx = b.xs.reduce((n, v) => n + v, 0) / b.xs.length;
    const cy = b.ys.reduce((n, v) => n + v, 0) / b.ys.length;
    // centred on the tile's ink, so the profile's angle is the direction through (cx, cy)
    const own: InkPoints = { xs: Float32Array.from(b.xs, (v) => v - cx + tw), ys: Float32Array.from(b.ys, (v) => v - cy + th), count: b.xs.length, width: 2 * tw, height: 2 * th };
    const coarse = sweep(own, -SWEEP, SWEEP, 0.5);
    const fine = sweep(own, coarse.angle - 0.5, coarse.angle + 0.5, 0.05);
    if (fine.score < MIN_PEAKINESS) continue;
    tiles.push({ x: cx, y: cy, angle: fine.angle, weight: fine.score - 1 });
  }
  return tiles;
}

/** Smallest eigenvector of a symmetric 3 x 3 matrix (Jacobi rotations). */
function smallestEigenvector(m: number[][]): [number, number, number] {
  const a = m.map((r) => [...r]);
  const v = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const at = (r: number[][], i: number, j: number) => r[i]?.[j] ?? 0;
  const set = (r: number[][], i: number, j: number, x: number) => {
    const row = r[i];
    if (row) row[j] = x;
  };
  for (let sweep = 0; sweep < 30; sweep++) {
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]] as const) {
      const apq = at(a, p, q);
      if (Math.abs(apq) < 1e-15) continue;
      const theta = (at(a, q, q) - at(a, p, p)) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < 3; k++) {
        const akp = at(a, k, p);
        const akq = at(a, k, q);
        set(a, k, p, c * akp - s * akq);
        set(a, k, q, s * akp + c * akq);
      }
      for (let k = 0; k < 3; k++) {
        const apk = at(a, p, k);
        const aqk = at(a, q, k);
        set(a, p, k, c * apk - s * aqk);
        set(a, q, k, s * apk + c * aqk);
      }
      for (let k = 0; k < 3; k++) {
        const vkp = at(v, k, p);
        const vkq = at(v, k, q);
        set(v, k, p, c * vkp - s * vkq);
        set(v, k, q, s * vkp + c * vkq);
      }
    }
  }
  let best = 0;
  for (let i = 1; i < 3; i++) if (at(a, i, i) < at(a, best, best)) best = i;
  return [at(v, 0, best), at(v, 1, best), at(v, 2, best)];
}

/** The line through a tile in normalised coordinates ((x - cx) / s): [a, b, c] with a·x + b·y + c = 0. */
function tileLine(t: Tile, cx: number, cy: number, s: number): [number, number, number] {
  const rad = (-t.angle * Math.PI) / 180; // on screen the lines run at -angle (y down)
  const [dx, dy] = [Math.cos(rad), Math.sin(rad)];
  const [x, y] = [(t.x - cx) / s, (t.y - cy) / s];
  return [-dy, dx, dy * x - dx * y];
}

/** The common point of the tiles' lines (homogeneous, normalised coordinates), the worst misfits dropped. */
function vanishingPoint(tiles: Tile[], cx: number, cy: number, s: number): { vp: [number, number, number]; kept: Tile[] } {
  let kept = tiles;
  let vp: [number, number, number] = [1, 0, 0];
  for (let round = 0; round < 4; round++) {
    const m = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    for (const t of kept) {
      const l = tileLine(t, cx, cy, s);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
        const row = m[i];
        if (row) row[j] = (row[j] ?? 0) + t.weight * (l[i] ?? 0) * (l[j] ?? 0);
      }
    }
    vp = smallestEigenvector(m);
    const next = kept.filter((t) => miss(t, vp, cx, cy, s) <= MAX_MISS);
    if (next.length === kept.length) break;
    kept = next;
    if (kept.length < MIN_TILES) break;
  }
  return { vp, kept };
}

/** Degrees between a tile's direction and the direction from its centre to the vanishing point. */
function miss(t: Tile, vp: readonly number[], cx: number, cy: number, s: number): number {
  const [x, y] = [(t.x - cx) / s, (t.y - cy) / s];
  const [vx, vy, vw] = [vp[0] ?? 0, vp[1] ?? 0, vp[2] ?? 0];
  const [dx, dy] = [vx - x * vw, vy - y * vw]; // direction towards the point (sign free)
  const toward = (Math.atan2(dy, dx) * 180) / Math.PI;
  let d = Math.abs(toward - -t.angle) % 180;
  if (d > 90) d = 180 - d;
  return d;
}

/** Range (degrees) of the tiles' line directions once `m` (pixel of the full image -> plane) has mapped them. */
function spreadUnder(tiles: readonly Tile[], m: Homography, k: number): number {
  const angles = tiles.map((t) => {
    const rad = (-t.angle * Math.PI) / 180;
    const [x, y, d] = [t.x / k, t.y / k, 20 / k];
    const a = apply(m, x - Math.cos(rad) * d, y - Math.sin(rad) * d);
    const b = apply(m, x + Math.cos(rad) * d, y + Math.sin(rad) * d);
    return (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
  });
  return Math.max(...angles) - Math.min(...angles);
}

/**
 * An outline (its corners may lie outside the image) whose warp sends the text lines' vanishing point to infinity:
 * the lines come out parallel; the whole image is kept (but for what lies beyond `found`'s own sides). Null when the
 * lines are parallel already or do not agree (fewer than MIN_TILES tiles about one vanishing point).
 * With `found`, an outline with a side on the frame (the page finder could not place that side), the text's outline
 * is returned only when the lines come out of `found`'s warp far from parallel; otherwise `found` is kept (null).
 */
export async function outlineFromText(grey: GreyImage, found: PageOutline | null = null): Promise<PageOutline | null> {
  const k = Math.min(1, SIDE / Math.max(grey.width, grey.height));
  const small = k < 1 ? await resizeGrey(grey, Math.max(1, Math.round(grey.width * k)), Math.max(1, Math.round(grey.height * k))) : grey;
  const tiles = tileDirections(inkOf(small));
  if (tiles.length < MIN_TILES) return null;
  const cx = small.width / 2;
  const cy = small.height / 2;
  const s = Math.max(small.width, small.height) / 2;
  const { vp, kept } = vanishingPoint(tiles, cx, cy, s);
  if (kept.length < MIN_TILES) return null;
  const keptAngles = kept.map((t) => t.angle).sort((a, b) => a - b);
  const spread = (keptAngles[keptAngles.length - 1] ?? 0) - (keptAngles[0] ?? 0);
  // lines parallel already: nothing to undo, unless a found outline's warp would make them converge
  if (spread < MIN_SPREAD && !found) return null;
  // the vanishing line: through the vanishing point, and through the point at infinity square to the mean line
  const mean = (-keptAngles.reduce((n, a) => n + a, 0) / keptAngles.length) * (Math.PI / 180);
  const across: [number, number, number] = [-Math.sin(mean), Math.cos(mean), 0];
  let l: [number, number, number] = [vp[1] * across[2] - vp[2] * across[1], vp[2] * across[0] - vp[0] * across[2], vp[0] * across[1] - vp[1] * across[0]];
  if (Math.abs(l[2]) < 1e-9) return null;
  l = [l[0] / l[2], l[1] / l[2], 1]; // w = 1 at the image's centre
  // full-resolution pixel -> rectified (normalised) plane
  const f = s / k;
  const [fx, fy] = [cx / k, cy / k];
  const toPlane: Homography = [1 / f, 0, -fx / f, 0, 1 / f, -fy / f, l[0] / f, l[1] / f, 1 - (l[0] * fx) / f - (l[1] * fy) / f];
  const frame: Point[] = [[0, 0], [grey.width, 0], [grey.width, grey.height], [0, grey.height]];
  const ws = frame.map(([x, y]) => toPlane[6] * x + toPlane[7] * y + toPlane[8]);
  if (ws.some((w) => w < 1 / MAX_GROWTH)) return null;
  const own = spreadUnder(kept, toPlane, k);
  if (found) {
    const [w, h] = [Math.hypot(found.corners[1][0] - found.corners[0][0], found.corners[1][1] - found.corners[0][1]), Math.hypot(found.corners[3][0] - found.corners[0][0], found.corners[3][1] - found.corners[0][1])];
    const theirs = spreadUnder(kept, homographyFromQuad(found.corners, [[0, 0], [w, 0], [w, h], [0, h]]), k);
    if (theirs < Math.max(MIN_BETTER, own + NOISE)) return null;
  }
  const mapped = frame.map(([x, y]) => apply(toPlane, x, y));
  const xs = mapped.map((p) => p[0]);
  const ys = mapped.map((p) => p[1]);
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (found) {
    // the sides the page finder did place (desk with no writing beyond them) still bound the image, with the margin
    // a found page keeps: the desk's grain left in reads as text (tuning light 230 1.8 -> 0.2%, 260 3.9 -> 2.9%,
    // keystone 196 11.8 -> 9.6% with these sides kept as bounds)
    const margin = KEEP_MARGIN * Math.sqrt((x1 - x0) * (y1 - y0));
    const c = found.corners.map(([x, y]) => apply(toPlane, x, y));
    const side = (i: number) => [c[i] ?? [0, 0], c[(i + 1) % 4] ?? [0, 0]];
    if (!found.onFrame[0]) y0 = Math.max(y0, Math.min(...side(0).map((p) => p[1])) - margin);
    if (!found.onFrame[1]) x1 = Math.min(x1, Math.max(...side(1).map((p) => p[0])) + margin);
    if (!found.onFrame[2]) y1 = Math.min(y1, Math.max(...side(2).map((p) => p[1])) + margin);
    if (!found.onFrame[3]) x0 = Math.max(x0, Math.min(...side(3).map((p) => p[0])) - margin);
  }
  const back = invert(toPlane);
  const [tl, tr, br, bl] = ([[x0, y0], [x1, y0], [x1, y1], [x0, y1]] as Point[]).map(([x, y]) => apply(back, x, y));
  if (!tl || !tr || !br || !bl) return null;
  const corners: PageOutline['corners'] = [tl, tr, br, bl];
  return { corners, onFrame: [true, true, true, true], score: kept.length, fromText: true };
}
