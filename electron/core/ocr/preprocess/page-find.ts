// Decides where the page is in a photo: the best outline whose discarded surroundings hold no writing, or none at all.
import { pageQuads, quadArea, type PageQuad } from './page-detect';
import type { Point } from './projective';
import type { GreyImage, RgbImage } from './raster';

export type PageOutline = {
  /** top-left, top-right, bottom-right, bottom-left in full-resolution pixels */
  corners: [Point, Point, Point, Point];
  /** sides that are the frame's own edge (the page runs off the photo there) */
  onFrame: [boolean, boolean, boolean, boolean];
  score: number;
};

/**
 * A pixel is writing when at most 55% of the brightest level around it (the paper or desk it lies on): printed and
 * written ink measured 10-45% of its paper in the bench's photos, the specks of stone counters and wood grain
 * 65-90% of their desk.
 */
const INK_FRACTION = 0.55;
/** A background darker than this (a black desk, a deep shadow) cannot show writing worth keeping. */
const MIN_BACKGROUND = 40;
/**
 * The page is cut out with a margin of 1.5% of its size beyond each side found: a side found along the top of a text
 * line rather than the paper's edge still keeps the accents and ascenders above it (under 1% of A4's height).
 */
export const KEEP_MARGIN = 0.015;
/** What is thrown away is checked for writing from the kept margin out to 4% (text lines are ~1.5% apart on A4). */
const BAND_FROM = KEEP_MARGIN;
const BAND_TO = 0.04;
/**
 * An outline is refused when the band outside a side holds more writing than 1% of its pixels and more than a third
 * of the density inside the page: text cut by a wrong side (a shadow's edge, a text line's edge) fills the band as
 * densely as the page, while a desk, even a speckled one, stays far below.
 */
const MAX_OUTSIDE_INK = 0.01;
const MAX_OUTSIDE_RATIO = 0.33;

type Sampler = (x: number, y: number) => number;

function sampler(img: GreyImage): Sampler {
  return (x, y) => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= img.width || yi >= img.height) return -1;
    return img.data[yi * img.width + xi] ?? -1;
  };
}

/** Ink among samples grouped in patches: each patch is judged against its own 90th percentile (its paper or desk). */
function inkInPatches(patches: number[][]): { ink: number; total: number } {
  let ink = 0;
  let total = 0;
  for (const patch of patches) {
    const values = patch.filter((v) => v >= 0).sort((a, b) => a - b);
    if (values.length < 8) continue;
    const background = values[Math.floor(values.length * 0.9)] ?? 0;
    total += values.length;
    if (background < MIN_BACKGROUND) continue;
    const limit = background * INK_FRACTION;
    for (const v of values) if (v <= limit) ink++;
  }
  return { ink, total };
}

/** Writing density inside the outline: patches on a 12 x 12 grid of its bilinear interior, 16 x 16 samples each. */
function insideDensity(at: Sampler, q: readonly Point[]): number {
  const [tl, tr, br, bl] = q as [Point, Point, Point, Point];
  const point = (u: number, v: number): Point => [
    (1 - v) * ((1 - u) * tl[0] + u * tr[0]) + v * ((1 - u) * bl[0] + u * br[0]),
    (1 - v) * ((1 - u) * tl[1] + u * tr[1]) + v * ((1 - u) * bl[1] + u * br[1]),
  ];
  const patches: number[][] = [];
  const grid = 12;
  const samples = 16;
  for (let gy = 1; gy < grid - 1; gy++) {
    for (let gx = 1; gx < grid - 1; gx++) {
      const patch: number[] = [];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [x, y] = point((gx + sx / samples) / grid, (gy + sy / samples) / grid);
          patch.push(at(x, y));
        }
      }
      patches.push(patch);
    }
  }
  const { ink, total } = inkInPatches(patches);
  return total === 0 ? 0 : ink / total;
}

/** Writing density in the band just outside the side a→b (outward normal away from `centre`), every full pixel. */
function outsideDensity(at: Sampler, a: Point, b: Point, centre: Point, size: number): number {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  let nx = -(b[1] - a[1]) / len;
  let ny = (b[0] - a[0]) / len;
  const mid: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  if ((mid[0] - centre[0]) * nx + (mid[1] - centre[1]) * ny < 0) [nx, ny] = [-nx, -ny];
  const from = size * BAND_FROM;
  const to = size * BAND_TO;
  const patchLength = Math.max(16, (to - from) * 1.5);
  const patches: number[][] = [];
  for (let s = 0; s < len; s += patchLength) {
    const patch: number[] = [];
    for (let t = s; t < Math.min(len, s + patchLength); t += 1.5) {
      const px = a[0] + ((b[0] - a[0]) * t) / len;
      const py = a[1] + ((b[1] - a[1]) * t) / len;
      for (let d = from; d <= to; d += 1.5) patch.push(at(px + nx * d, py + ny * d));
    }
    patches.push(patch);
  }
  const { ink, total } = inkInPatches(patches);
  return total === 0 ? 0 : ink / total;
}

/** Whether cropping to `q` would throw writing away: the check every outline must pass. */
export function inkOutside(grey: GreyImage, q: readonly Point[], onFrame: readonly boolean[]): { worst: number; inside: number } {
  const at = sampler(grey);
  const centre: Point = [q.reduce((n, p) => n + p[0], 0) / 4, q.reduce((n, p) => n + p[1], 0) / 4];
  const size = Math.sqrt(quadArea(q));
  const inside = insideDensity(at, q);
  let worst = 0;
  for (let i = 0; i < 4; i++) {
    if (onFrame[i]) continue;
    const d = outsideDensity(at, q[i] ?? [0, 0], q[(i + 1) % 4] ?? [0, 0], centre, size);
    worst = Math.max(worst, d);
  }
  return { worst, inside };
}

function toFull(quad: PageQuad, sx: number, sy: number): PageOutline {
  const corners = quad.corners.map(([x, y]) => [x * sx, y * sy] as Point) as PageOutline['corners'];
  const onFrame = quad.support.map((s) => s < 0) as PageOutline['onFrame'];
  return { corners, onFrame, score: quad.score };
}

/**
 * The page's outline in a photo, or null when none is found with confidence: then nothing is cropped. `thumb` is a
 * small colour copy (~512 px) of `grey`, the full-resolution image. Outlines are tried best first; the first whose
 * surroundings hold no writing wins.
 */
export function findPageOutline(thumb: RgbImage, grey: GreyImage): PageOutline | null {
  const sx = grey.width / thumb.width;
  const sy = grey.height / thumb.height;
  for (const quad of pageQuads(thumb)) {
    const outline = toFull(quad, sx, sy);
    if (outline.onFrame.every(Boolean)) continue;
    const { worst, inside } = inkOutside(grey, outline.corners, outline.onFrame);
    if (worst > MAX_OUTSIDE_INK && worst > inside * MAX_OUTSIDE_RATIO) continue;
    return outline;
  }
  return null;
}
