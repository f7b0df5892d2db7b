// Straight edges in a photo's thumbnail: edge map, Hough lines, and whether a line or a side is paper against desk.
import type { Point } from './projective';
import type { RgbImage } from './raster';
import type { GainedImage } from './shadow-gain';

export type Line = { theta: number; rho: number; votes: number; border: boolean };

/** Edge magnitude and direction of the blurred thumbnail, the strongest of the three channels at each pixel. */
export type Edges = { mag: Float32Array; dir: Float32Array; width: number; height: number };

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

/** `img.edgeGain`, when given, scales each pixel's edge strength (see shadow-gain.ts). */
export function edgesOf(img: GainedImage): Edges {
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
    const m = Math.sqrt(mag[i] ?? 0) * (img.edgeGain?.[i] ?? 1);
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

/**
 * A page's edge has paper on one side and desk on the other; a text line, a table's rule or a bar of print has paper
 * on both. Across the line, 5-7 px to each side, the brightest of 3 x 3 pixels stands for the background; the line
 * is kept when on at least a quarter of its length inside the frame the two differ by 3.5% or more, or when it is
 * the thin shadow of the paper's edge (see shadowLineShare).
 */
const EDGE_CONTRAST = 0.035;
const EDGE_SHARE = 0.25;

export function luminance(img: RgbImage): Float32Array {
  const out = new Float32Array(img.width * img.height);
  for (let p = 0; p < out.length; p++) out[p] = 0.3 * (img.data[p * 3] ?? 0) + 0.59 * (img.data[p * 3 + 1] ?? 0) + 0.11 * (img.data[p * 3 + 2] ?? 0);
  return out;
}

export function separatesBackgrounds(level: Float32Array, w: number, h: number, line: Line): boolean {
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
  if (samples > 0 && edge >= samples * EDGE_SHARE) return true;
  const reachPoint = (k: number): Point => [px + dx * reach * k, py + dy * reach * k];
  return shadowLineShare(level, w, h, reachPoint(-1), reachPoint(1)) >= SHADOW_LINE_SHARE;
}

/**
 * On a white table the paper and the desk can be the same tone, and the paper's edge shows only as the thin shadow
 * its thickness casts on the desk: a line 1-2 px wide on the thumbnail, a few per cent darker than the even, blank
 * tone on both sides. A point of a→b is on such a line when the darkest pixel within 1 px across is 3% under the
 * median of each side 3-7 px away, and neither side holds a pixel 2.5% under its median (no text beside it). Along the
 * true sides of tuning photos (phone seeds 81-130, white tables, edge not told by a step) 29-79% of the points; along
 * every other line among the 80 strongest of all 150 photos at most 19% (text lines have letters or the next line
 * within 7 px).
 */
const SHADOW_DIP = 0.03;
const SHADOW_FLAT = 0.025;
const SHADOW_LINE_SHARE = 0.25;

/** Share of the points of segment a→b inside the thumbnail (8 px in from its edge) that lie on a paper edge's shadow line. */
export function shadowLineShare(level: Float32Array, w: number, h: number, a: Point, b: Point): number {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len < 4) return 0;
  const [dx, dy] = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
  const [nx, ny] = [-dy, dx];
  const at = (x: number, y: number): number => level[Math.round(y) * w + Math.round(x)] ?? 0;
  let samples = 0;
  let hits = 0;
  const across: number[] = [];
  for (let s = 0; s <= len; s++) {
    const x = a[0] + dx * s;
    const y = a[1] + dy * s;
    if (x < 8 || y < 8 || x >= w - 8 || y >= h - 8) continue;
    samples++;
    const centre = Math.min(at(x - nx, y - ny), at(x, y), at(x + nx, y + ny));
    let flat = true;
    let darkestSide = Infinity;
    for (const sign of [1, -1]) {
      across.length = 0;
      for (let d = 3; d <= 7; d++) across.push(at(x + sign * nx * d, y + sign * ny * d));
      across.sort((p, q) => p - q);
      const median = across[2] ?? 0;
      if ((across[0] ?? 0) < median * (1 - SHADOW_FLAT)) flat = false;
      darkestSide = Math.min(darkestSide, median);
    }
    if (flat && centre <= darkestSide * (1 - SHADOW_DIP)) hits++;
  }
  return samples === 0 ? 0 : hits / samples;
}

/** Is the side a→b the shadow line of the paper's edge (see shadowLineShare)? */
export function isShadowLine(level: Float32Array, w: number, h: number, a: Point, b: Point): boolean {
  return shadowLineShare(level, w, h, a, b) >= SHADOW_LINE_SHARE;
}

/**
 * Fraction of the segment a→b (its middle 90%) with an edge along it: a pixel within 1 px across the segment whose
 * gradient is at least EDGE_MIN and points within 25° of the segment's normal (either way: paper lighter or darker).
 */
export function sideSupport(e: Edges, a: Point, b: Point): number {
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
