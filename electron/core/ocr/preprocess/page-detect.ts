// Finds a photographed page's four corners (edges, Hough lines, best supported quadrilateral); hand-written: ~10 ms
// on a 512 px thumbnail, where OpenCV.js (7.7 MB, +0.45 s and +56 MB per worker thread to load) measured no better need.
import type { Point } from './projective';
import type { RgbImage } from './raster';

export type PageQuad = {
  /** top-left, top-right, bottom-right, bottom-left, in the thumbnail's pixels */
  corners: [Point, Point, Point, Point];
  /** per side (top, right, bottom, left): fraction of its length with an edge along it; -1 for a side on the frame */
  support: [number, number, number, number];
  score: number;
};

type Line = { theta: number; rho: number; votes: number; border: boolean };

/** Edge magnitude and direction of the blurred thumbnail, the strongest of the three channels at each pixel. */
type Edges = { mag: Float32Array; dir: Float32Array; width: number; height: number };

/** Two 3-tap box passes each way (close to a Gaussian of σ ≈ 1 px): text turns into texture, page edges stay. */
function blurChannel(a: Float32Array, w: number, h: number): Float32Array {
  const b = new Float32Array(a.length);
  for (let pass = 0; pass < 2; pass++) {
    for (let y = 0; y < h; y++) {
      const row = y * w;
      let prev = a[row] ?? 0;
      for (let x = 0; x < w; x++) {
        const here = a[row + x] ?? 0;
        const next = x + 1 < w ? (a[row + x + 1] ?? 0) : here;
        b[row + x] = (prev + here + next) / 3;
        prev = here;
      }
    }
    for (let y = 0; y < h; y++) {
      const up = (y > 0 ? y - 1 : 0) * w;
      const row = y * w;
      const down = (y + 1 < h ? y + 1 : y) * w;
      for (let x = 0; x < w; x++) a[row + x] = ((b[up + x] ?? 0) + (b[row + x] ?? 0) + (b[down + x] ?? 0)) / 3;
    }
  }
  return a;
}

export function edgesOf(img: RgbImage): Edges {
  const { width: w, height: h } = img;
  const mag = new Float32Array(w * h);
  const gxs = new Float32Array(w * h);
  const gys = new Float32Array(w * h);
  const plane = new Float32Array(w * h);
  for (let ch = 0; ch < 3; ch++) {
    for (let p = 0; p < w * h; p++) plane[p] = img.data[p * 3 + ch] ?? 0;
    const s = blurChannel(plane, w, h);
    for (let y = 1; y < h - 1; y++) {
      for (let x = 1; x < w - 1; x++) {
        const i = y * w + x;
        const a = s[i - w - 1] ?? 0;
        const b = s[i - w] ?? 0;
        const c = s[i - w + 1] ?? 0;
        const d = s[i - 1] ?? 0;
        const f = s[i + 1] ?? 0;
        const g = s[i + w - 1] ?? 0;
        const k = s[i + w] ?? 0;
        const l = s[i + w + 1] ?? 0;
        const gx = (c + 2 * f + l - a - 2 * d - g) / 8;
        const gy = (g + 2 * k + l - a - 2 * b - c) / 8;
        const m = gx * gx + gy * gy;
        if (m > (mag[i] ?? 0)) {
          mag[i] = m;
          gxs[i] = gx;
          gys[i] = gy;
        }
      }
    }
  }
  const dir = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const m = Math.sqrt(mag[i] ?? 0);
    mag[i] = m;
    if (m >= EDGE_MIN) dir[i] = Math.atan2(gys[i] ?? 0, gxs[i] ?? 0);
  }
  return { mag, dir, width: w, height: h };
}

/**
 * 2.5 levels per pixel on the blurred thumbnail: a white page on a white table with a faint shadow along its edge
 * (4% darker) measured ~4; sensor noise after the blur stays under ~1.5.
 */
const EDGE_MIN = 2.5;
/** Votes only within 4° of a pixel's own gradient direction (its error on a weak, noisy or stair-stepped edge): a long straight edge piles up, text texture does not. */
const DIR_SPREAD = 4;
const LINES_PER_GROUP = 14;
/** Outermost lines of a group kept on each side besides the strongest ones, see strongestAndOutermost. */
const OUTERMOST = 3;

/** Straight lines (normal angle θ in degrees, distance ρ from the centre) by a Hough transform on edge directions. */
export function houghLines(e: Edges): Line[] {
  const { width: w, height: h } = e;
  const cx = w / 2;
  const cy = h / 2;
  const maxRho = Math.ceil(Math.hypot(w, h) / 2) + 1;
  const rhos = 2 * maxRho + 1;
  const acc = new Float32Array(180 * rhos);
  const cos = Float64Array.from({ length: 180 }, (_, t) => Math.cos((t * Math.PI) / 180));
  const sin = Float64Array.from({ length: 180 }, (_, t) => Math.sin((t * Math.PI) / 180));
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const m = e.mag[y * w + x] ?? 0;
      if (m < EDGE_MIN) continue;
      const weight = Math.min(m, 20); // a strong desk edge must not drown a faint page edge
      let t0 = Math.round(((e.dir[y * w + x] ?? 0) * 180) / Math.PI);
      t0 = ((t0 % 180) + 180) % 180;
      for (let dt = -DIR_SPREAD; dt <= DIR_SPREAD; dt++) {
        const t = (t0 + dt + 180) % 180;
        const rho = Math.round((x - cx) * (cos[t] ?? 0) + (y - cy) * (sin[t] ?? 0)) + maxRho;
        acc[t * rhos + rho] = (acc[t * rhos + rho] ?? 0) + weight;
      }
    }
  }
  // a straight edge at an angle between two bins spreads its votes over neighbouring ρ and θ: sum 3 x 3 first, so a
  // tilted page edge is not outvoted by text lines that happen to fall on one bin exactly
  const raw = acc.slice();
  for (let t = 0; t < 180; t++) {
    for (let r = 1; r < rhos - 1; r++) {
      let sum = 0;
      for (let dt = -1; dt <= 1; dt++) {
        const tt = (t + dt + 180) % 180;
        const flip = t + dt < 0 || t + dt >= 180;
        for (let dr = -1; dr <= 1; dr++) {
          const rr = flip ? 2 * maxRho - (r + dr) : r + dr;
          sum += raw[tt * rhos + rr] ?? 0;
        }
      }
      acc[t * rhos + r] = sum;
    }
  }
  // peaks: local maxima over ±3° and ±4 px, strongest first
  const peaks: Line[] = [];
  for (let t = 0; t < 180; t++) {
    for (let r = 0; r < rhos; r++) {
      const v = acc[t * rhos + r] ?? 0;
      if (v < 120) continue;
      let best = true;
      for (let dt = -3; dt <= 3 && best; dt++) {
        for (let dr = -4; dr <= 4; dr++) {
          if (dt === 0 && dr === 0) continue;
          let tt = t + dt;
          let rr = r + dr;
          if (tt < 0 || tt >= 180) {
            tt = (tt + 180) % 180;
            rr = 2 * maxRho - rr; // θ ± 180° is the same line with ρ negated
          }
          if (rr < 0 || rr >= rhos) continue;
          const o = acc[tt * rhos + rr] ?? 0;
          if (o > v || (o === v && (tt < t || (tt === t && rr < r)))) {
            best = false;
            break;
          }
        }
      }
      if (best) peaks.push({ theta: t, rho: r - maxRho, votes: v, border: false });
    }
  }
  return peaks.sort((a, b) => b.votes - a.votes);
}

/** Lines looked at (the strongest first) before those that do not separate two backgrounds are dropped. */
const CANDIDATE_LINES = 80;
/**
 * A page's edge has paper on one side and desk on the other; a text line, a table's rule or a bar of print has paper
 * on both. Across the line, 5-7 px to each side, the brightest of 3 x 3 pixels stands for the background; the line
 * is kept when on at least a quarter of its length inside the frame the two differ by 3.5% or more.
 */
const EDGE_CONTRAST = 0.035;
const EDGE_SHARE = 0.25;

function luminance(img: RgbImage): Float32Array {
  const out = new Float32Array(img.width * img.height);
  for (let p = 0; p < out.length; p++) out[p] = 0.3 * (img.data[p * 3] ?? 0) + 0.59 * (img.data[p * 3 + 1] ?? 0) + 0.11 * (img.data[p * 3 + 2] ?? 0);
  return out;
}

function separatesBackgrounds(level: Float32Array, w: number, h: number, line: Line): boolean {
  const t = (line.theta * Math.PI) / 180;
  const [nx, ny] = [Math.cos(t), Math.sin(t)];
  const [dx, dy] = [-ny, nx];
  const [px, py] = [w / 2 + nx * line.rho, h / 2 + ny * line.rho];
  const brightest = (x: number, y: number): number => {
    let best = -1;
    for (let oy = -1; oy <= 1; oy++) {
      for (let ox = -1; ox <= 1; ox++) {
        const xx = Math.round(x) + ox;
        const yy = Math.round(y) + oy;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h) best = Math.max(best, level[yy * w + xx] ?? 0);
      }
    }
    return best;
  };
  let samples = 0;
  let edge = 0;
  const reach = Math.hypot(w, h);
  for (let s = -reach; s <= reach; s += 2) {
    const x = px + dx * s;
    const y = py + dy * s;
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    let differs = false;
    for (let d = 5; d <= 7 && !differs; d++) {
      const a = brightest(x + nx * d, y + ny * d);
      const b = brightest(x - nx * d, y - ny * d);
      if (a < 0 || b < 0) continue;
      differs = Math.abs(a - b) >= EDGE_CONTRAST * Math.max(a, b, 1);
    }
    samples++;
    if (differs) edge++;
  }
  return samples > 0 && edge >= samples * EDGE_SHARE;
}

/** A line given by normal angle and distance from the image centre, as a point and a direction in pixels. */
function intersect(a: Line, b: Line, cx: number, cy: number): Point | null {
  const [ca, sa] = [Math.cos((a.theta * Math.PI) / 180), Math.sin((a.theta * Math.PI) / 180)];
  const [cb, sb] = [Math.cos((b.theta * Math.PI) / 180), Math.sin((b.theta * Math.PI) / 180)];
  const det = ca * sb - sa * cb;
  if (Math.abs(det) < 1e-6) return null;
  const x = (a.rho * sb - b.rho * sa) / det;
  const y = (ca * b.rho - cb * a.rho) / det;
  return [x + cx, y + cy];
}

function border(side: 'top' | 'bottom' | 'left' | 'right', w: number, h: number): Line {
  // θ = 90: horizontal line y - cy = ρ; θ = 0: vertical line x - cx = ρ
  if (side === 'top') return { theta: 90, rho: -h / 2, votes: 0, border: true };
  if (side === 'bottom') return { theta: 90, rho: h / 2, votes: 0, border: true };
  if (side === 'left') return { theta: 0, rho: -w / 2, votes: 0, border: true };
  return { theta: 0, rho: w / 2, votes: 0, border: true };
}

/**
 * Fraction of the segment a→b (its middle 90%) with an edge along it: a pixel within 1 px across the segment whose
 * gradient is at least EDGE_MIN and points within 25° of the segment's normal (either way: paper lighter or darker).
 */
function sideSupport(e: Edges, a: Point, b: Point): number {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len < 4) return 0;
  const nx = -(b[1] - a[1]) / len;
  const ny = (b[0] - a[0]) / len;
  const normal = Math.atan2(ny, nx);
  const samples = Math.max(8, Math.floor(len / 2));
  let hits = 0;
  let total = 0;
  for (let k = 0; k < samples; k++) {
    const t = 0.05 + (0.9 * (k + 0.5)) / samples;
    const px = a[0] + (b[0] - a[0]) * t;
    const py = a[1] + (b[1] - a[1]) * t;
    total++;
    for (let d = -1; d <= 1; d++) {
      const x = Math.round(px + nx * d);
      const y = Math.round(py + ny * d);
      if (x < 1 || y < 1 || x >= e.width - 1 || y >= e.height - 1) continue;
      const i = y * e.width + x;
      if ((e.mag[i] ?? 0) < EDGE_MIN) continue;
      let diff = Math.abs((e.dir[i] ?? 0) - normal) % Math.PI;
      if (diff > Math.PI / 2) diff = Math.PI - diff;
      if (diff < (25 * Math.PI) / 180) {
        hits++;
        break;
      }
    }
  }
  return total === 0 ? 0 : hits / total;
}

function convex(q: Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i] ?? [0, 0];
    const b = q[(i + 1) % 4] ?? [0, 0];
    const c = q[(i + 2) % 4] ?? [0, 0];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (cross === 0) return false;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

export function quadArea(q: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < q.length; i++) {
    const [ax, ay] = q[i] ?? [0, 0];
    const [bx, by] = q[(i + 1) % q.length] ?? [0, 0];
    sum += ax * by - bx * ay;
  }
  return Math.abs(sum) / 2;
}

/** A page covers at least a fifth of the frame; smaller light shapes are more likely a card, a hand or a reflection. */
const MIN_AREA = 0.2;
/** Every side not on the frame needs an edge along 55% of it: a text line's edge or a shadow rarely spans a whole side. */
const MIN_SIDE_SUPPORT = 0.55;
/** Corners may lie this far outside the frame (fraction of its size): a page slightly cut by the frame. */
const OUTSIDE = 0.04;

/**
 * A group's strongest lines, and its outermost ones on either side whatever their votes: on a white table the
 * text lines that cross the page outvote a faint paper edge (tuning light-desk 73: the top edge 50th of its group),
 * and a paper edge is the outermost line with desk beyond it. Without it the frame stood in for that side.
 */
function strongestAndOutermost(group: Line[], position: (l: Line) => number): Line[] {
  const chosen = group.slice(0, LINES_PER_GROUP);
  const byPosition = [...group].sort((a, b) => position(a) - position(b));
  for (const l of [...byPosition.slice(0, OUTERMOST), ...byPosition.slice(-OUTERMOST)]) if (!chosen.includes(l)) chosen.push(l);
  return chosen;
}

/**
 * Candidate page outlines in a thumbnail, best first: quadrilaterals of two roughly horizontal and two roughly
 * vertical lines (or the frame's own edges where the page runs off it), convex, at least a fifth of the frame, each
 * side supported by edges; scored by mean support times the square root of the area, so the page wins over the
 * text block inside it and over a larger outline that runs partly over the desk.
 */
export function pageQuads(thumb: RgbImage, limit = 6): PageQuad[] {
  const e = edgesOf(thumb);
  const { width: w, height: h } = thumb;
  const level = luminance(thumb);
  const lines = houghLines(e)
    .slice(0, CANDIDATE_LINES)
    .filter((l) => separatesBackgrounds(level, w, h, l));
  // where a line crosses the vertical (horizontal) centre line: orders the candidates top to bottom, left to right
  const yAtCentre = (l: Line) => l.rho / Math.sin((l.theta * Math.PI) / 180);
  const xAtCentre = (l: Line) => l.rho / Math.cos((l.theta * Math.PI) / 180);
  const horizontal = strongestAndOutermost(lines.filter((l) => l.theta >= 45 && l.theta < 135), yAtCentre);
  const vertical = strongestAndOutermost(lines.filter((l) => l.theta < 45 || l.theta >= 135), xAtCentre);
  horizontal.push(border('top', w, h), border('bottom', w, h));
  vertical.push(border('left', w, h), border('right', w, h));
  const cx = w / 2;
  const cy = h / 2;
  const found: PageQuad[] = [];
  const supportCache = new Map<string, number>(); // a side is one line cut by two others, whatever the opposite side
  const inside = (p: Point) => p[0] >= -OUTSIDE * w && p[1] >= -OUTSIDE * h && p[0] <= w * (1 + OUTSIDE) && p[1] <= h * (1 + OUTSIDE);
  for (const top of horizontal) {
    for (const bottom of horizontal) {
      if (yAtCentre(bottom) - yAtCentre(top) < 0.3 * h) continue;
      for (const left of vertical) {
        for (const right of vertical) {
          if (xAtCentre(right) - xAtCentre(left) < 0.3 * w) continue;
          if (top.border && bottom.border && left.border && right.border) continue;
          const tl = intersect(top, left, cx, cy);
          const tr = intersect(top, right, cx, cy);
          const br = intersect(bottom, right, cx, cy);
          const bl = intersect(bottom, left, cx, cy);
          if (!tl || !tr || !br || !bl) continue;
          const q: [Point, Point, Point, Point] = [tl, tr, br, bl];
          if (!q.every(inside) || !convex(q)) continue;
          const area = quadArea(q) / (w * h);
          if (area < MIN_AREA) continue;
          const sides: [Line, Line, Line, Point, Point][] = [[top, left, right, tl, tr], [right, top, bottom, tr, br], [bottom, left, right, br, bl], [left, top, bottom, bl, tl]];
          const support = sides.map(([line, from, to, a, b]) => {
            if (line.border) return -1;
            const key = `${String(lines.indexOf(line))}/${String(lines.indexOf(from))}/${String(lines.indexOf(to))}/${String(line.border)}${String(from.border)}${String(to.border)}${String(from.rho)}${String(to.rho)}`;
            let value = supportCache.get(key);
            if (value === undefined) {
              value = sideSupport(e, a, b);
              supportCache.set(key, value);
            }
            return value;
          }) as PageQuad['support'];
          const real = support.filter((s) => s >= 0);
          if (real.some((s) => s < MIN_SIDE_SUPPORT)) continue;
          // a side on the frame counts as half supported: the page is preferred where its own edge shows
          const mean = support.reduce((n, s) => n + (s < 0 ? 0.5 : s), 0) / 4;
          found.push({ corners: q, support, score: mean * Math.sqrt(area) });
        }
      }
    }
  }
  found.sort((a, b) => b.score - a.score);
  return found.slice(0, limit);
}
