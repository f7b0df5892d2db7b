// Colour looks at a photo's thumbnail: whether a page holds coloured ink, which pixels are the page, a hue step across a side.
import { absorption, COLOURED_CHROMA } from './ink-colours';
import type { PageOutline } from './page-find';
import type { Point } from './projective';
import type { RgbImage } from './raster';
import { median } from '../../stats';

/**
 * 1 in 2,000 of the page's thumbnail pixels: a stamp covers ~1% of a page, a few filled-in words in ballpoint ~0.3%;
 * JPEG colour noise on a grey scan stays well under.
 */
const COLOURED_FRACTION = 0.0005;

/**
 * 4%: the page's outline is drawn in this much towards its centre before its inks are looked at, so a sliver of
 * coloured desk along an edge (the outline is found on a thumbnail, ±1 of its pixels) is never taken for an ink.
 */
const INK_INSET = 0.04;

/**
 * Point-in-convex-quadrilateral test for `outline` scaled by `k` and drawn in by INK_INSET (all of the image when there
 * is no outline).
 */
export function insideOutline(outline: PageOutline | null, k: number): (x: number, y: number) => boolean {
  if (!outline) return () => true;
  const cx = outline.corners.reduce((n, p) => n + p[0], 0) / 4;
  const cy = outline.corners.reduce((n, p) => n + p[1], 0) / 4;
  const q: Point[] = outline.corners.map(([x, y]) => [(cx + (x - cx) * (1 - INK_INSET)) * k, (cy + (y - cy) * (1 - INK_INSET)) * k]);
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i] ?? [0, 0];
    const b = q[(i + 1) % 4] ?? [0, 0];
    const c = q[(i + 2) % 4] ?? [0, 0];
    sign += (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
  }
  const s = Math.sign(sign);
  return (x, y) => {
    for (let i = 0; i < 4; i++) {
      const a = q[i] ?? [0, 0];
      const b = q[(i + 1) % 4] ?? [0, 0];
      if (s * ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0])) < 0) return false;
    }
    return true;
  };
}

/**
 * Whether the page in the thumbnail shows coloured ink: dark pixels (30% absorption or more against the page's paper,
 * its 95th percentile per channel) whose absorbed light is coloured. `fullPerThumb` scales the outline's corners
 * (full-resolution pixels) to the thumbnail.
 */
export function hasColouredInk(thumb: RgbImage, outline: PageOutline | null, fullPerThumb: number): boolean {
  const inside = insideOutline(outline, 1 / fullPerThumb);
  const { width: w, height: h, data } = thumb;
  const hists = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  let count = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!inside(x, y)) continue;
      const p = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) {
        const hist = hists[c] as Uint32Array;
        const v = data[p + c] ?? 0;
        hist[v] = (hist[v] ?? 0) + 1;
      }
      count++;
    }
  }
  if (count === 0) return false;
  const paper = hists.map((hist) => {
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += hist[v] ?? 0;
      if (seen >= count * 0.95) return v;
    }
    return 255;
  });
  let coloured = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!inside(x, y)) continue;
      const p = (y * w + x) * 3;
      const a = absorption(data[p] ?? 0, data[p + 1] ?? 0, data[p + 2] ?? 0, paper[0] ?? 255, paper[1] ?? 255, paper[2] ?? 255);
      if (a.total >= 0.9 && Math.hypot(a.chroma[0], a.chroma[1]) >= COLOURED_CHROMA) coloured++;
    }
  }
  return coloured >= count * COLOURED_FRACTION;
}

/**
 * How far apart in chromaticity the backgrounds either side of the side a→b of a quadrilateral are (thumbnail
 * pixels, `centre` inside): beige paper on a white-greenish table differs in hue, not in tone, and a shadow across
 * both dims them alike without changing their hue. Per stretch of 5% of the side, the median chromaticity of the
 * pixels 2-6 px inside and outside (writing and deep shadow left out); the median of the stretches' distances.
 */
export function sideChroma(thumb: RgbImage, a: Point, b: Point, centre: Point): number {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len < 8) return 0;
  let nx = -(b[1] - a[1]) / len;
  let ny = (b[0] - a[0]) / len;
  if (((a[0] + b[0]) / 2 - centre[0]) * nx + ((a[1] + b[1]) / 2 - centre[1]) * ny < 0) [nx, ny] = [-nx, -ny];
  const chroma = (x: number, y: number): [number, number] | null => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= thumb.width || yi >= thumb.height) return null;
    const p = (yi * thumb.width + xi) * 3;
    const [r, g, bl] = [thumb.data[p] ?? 0, thumb.data[p + 1] ?? 0, thumb.data[p + 2] ?? 0];
    const s = r + g + bl;
    return s < 120 ? null : [(r - bl) / s, (2 * g - r - bl) / s];
  };
  const distances: number[] = [];
  const stretch = len * 0.05;
  for (let s = stretch / 2; s < len; s += stretch) {
    const inner: [number[], number[]] = [[], []];
    const outer: [number[], number[]] = [[], []];
    for (let t = s - stretch / 2; t < s + stretch / 2; t += 1) {
      const px = a[0] + ((b[0] - a[0]) * t) / len;
      const py = a[1] + ((b[1] - a[1]) * t) / len;
      for (let d = 2; d <= 6; d++) {
        for (const [into, sign] of [[inner, -1], [outer, 1]] as const) {
          const c = chroma(px + sign * nx * d, py + sign * ny * d);
          if (c) {
            into[0].push(c[0]);
            into[1].push(c[1]);
          }
        }
      }
    }
    if (inner[0].length < 5 || outer[0].length < 5) continue;
    distances.push(Math.hypot(median(inner[0]) - median(outer[0]), median(inner[1]) - median(outer[1])));
  }
  return distances.length === 0 ? 0 : median(distances);
}

/**
 * See sideChroma: 0.012 between beige paper and a white-greenish table, whatever the shadow over them. The paper's
 * sides on tuning white tables (phone 261-300) measured 0.025-0.045, lines within the paper or within the desk 0.000-0.005.
 */
const MIN_SIDE_CHROMA = 0.012;

/** Whether each side a→b of a thumbnail quadrilateral has a hue step across it (see sideChroma). */
export function hueSteps(thumb: RgbImage, corners: readonly [Point, Point, Point, Point]): boolean[] {
  const centre: Point = [corners.reduce((n, p) => n + p[0], 0) / 4, corners.reduce((n, p) => n + p[1], 0) / 4];
  return corners.map((a, i) => sideChroma(thumb, a, corners[(i + 1) % 4] ?? a, centre) >= MIN_SIDE_CHROMA);
}
