// Decides where the page is in a photo: the best outline whose discarded surroundings hold no writing, or none at all.
import { lightSpread } from './illumination';
import { hueSteps } from './page-colour';
import { pageQuads, quadArea, type PageQuad } from './page-detect';
import type { Point } from './projective';
import type { GreyImage, RgbImage } from './raster';
import { shadowGain } from './shadow-gain';
import { median } from '../../stats';

export type PageOutline = {
  /** top-left, top-right, bottom-right, bottom-left in full-resolution pixels */
  corners: [Point, Point, Point, Point];
  /** sides that are the frame's own edge (the page runs off the photo there) */
  onFrame: [boolean, boolean, boolean, boolean];
  /** sides seen as the thin shadow of the paper's edge on a desk of the paper's tone: desk lies beyond them */
  shadowLine?: [boolean, boolean, boolean, boolean];
  score: number;
  /** not the paper's edges: a quadrilateral round the whole image that undoes the perspective read from the text lines */
  fromText?: boolean;
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
 * See writingBeyond: beyond the shadow-line sides of tuning photos on white tables (phone seeds 81-130) 0.00%, beyond
 * the rules taken for sides on scanned forms (form seeds 81-100) 2.5-4.7%.
 */
const BEYOND_TO = 0.25;
const MAX_INK_BEYOND = 0.005;
/**
 * An outline is refused when the band outside a side holds writing on over 1% of its pixels and at over half the
 * density inside the page: text cut by a wrong side (a shadow's edge, a text line's edge) fills the band about as
 * densely as the page (0.7-1.5 times), while a desk stays far below (stone counters' specks: ~1% against pages' 3-8%).
 */
const MAX_OUTSIDE_INK = 0.01;
const MAX_OUTSIDE_RATIO = 0.5;
/** See cutsWriting. */
const CUT_CONTINUES = 0.25;
/** See sideContrast: 3.5% between a white page and a white table still shows; a text line's edge stays under 2%. */
const MIN_SIDE_CONTRAST = 0.035;
/**
 * The shadow-lifted second look (findPageOutline) only where the light varies: flatbed scans measure ~4% (lightSpread),
 * phone photos 35-98% (preprocess-page's FLAT_LIGHT). Without this, page finding on scans and scanned forms (which the
 * first look finds no outline on) took ~40% longer; lightSpread costs ~30 ms a page on the 512 px copy.
 */
const SHADOW_LOOK_SPREAD = 0.12;

/** Is the pixel nearest (x, y) writing: at most INK_FRACTION of the brightest pixel within `reach` (every other one)? */
type InkTest = (x: number, y: number) => boolean | null;

function inkTest(img: GreyImage, reach: number): InkTest {
  const { width: w, height: h, data } = img;
  return (x, y) => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= w || yi >= h) return null;
    let brightest = 0;
    for (let dy = -reach; dy <= reach; dy += 2) {
      const yy = yi + dy;
      if (yy < 0 || yy >= h) continue;
      for (let dx = -reach; dx <= reach; dx += 2) {
        const xx = xi + dx;
        if (xx >= 0 && xx < w) brightest = Math.max(brightest, data[yy * w + xx] ?? 0);
      }
    }
    if (brightest < MIN_BACKGROUND) return false;
    return (data[yi * w + xi] ?? 255) <= brightest * INK_FRACTION;
  };
}

/** The brightest pixel within `reach` of (x, y), every other one: the paper or desk the point lies on; -1 outside. */
function backgroundAt(img: GreyImage, x: number, y: number, reach: number): number {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= img.width || yi >= img.height) return -1;
  let brightest = 0;
  for (let dy = -reach; dy <= reach; dy += 2) {
    const yy = yi + dy;
    if (yy < 0 || yy >= img.height) continue;
    for (let dx = -reach; dx <= reach; dx += 2) {
      const xx = xi + dx;
      if (xx >= 0 && xx < img.width) brightest = Math.max(brightest, img.data[yy * img.width + xx] ?? 0);
    }
  }
  return brightest;
}

/**
 * How different the backgrounds on the two sides of a→b are: along the side, in stretches of 5% of it, the median
 * paper-or-desk level in a band just inside (0.5-2% of the page's size) against one just outside; the median of the
 * stretches' relative differences. A paper's edge on a desk measures 0.1-0.7, a white page on a white table 0.04-0.1;
 * the edge of a text line, which has paper on both sides, under 0.02.
 */
function sideContrast(grey: GreyImage, a: Point, b: Point, centre: Point, size: number): number {
  const reach = Math.max(3, Math.round(size * 0.004));
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  let nx = -(b[1] - a[1]) / len;
  let ny = (b[0] - a[0]) / len;
  if (((a[0] + b[0]) / 2 - centre[0]) * nx + ((a[1] + b[1]) / 2 - centre[1]) * ny < 0) [nx, ny] = [-nx, -ny];
  const stretch = len * 0.05;
  const step = Math.max(2, stretch / 12);
  const diffs: number[] = [];
  for (let s = stretch / 2; s < len; s += stretch) {
    const inner: number[] = [];
    const outer: number[] = [];
    for (let t = s - stretch / 2; t < s + stretch / 2; t += step) {
      const px = a[0] + ((b[0] - a[0]) * t) / len;
      const py = a[1] + ((b[1] - a[1]) * t) / len;
      for (let d = size * 0.005; d <= size * 0.02; d += step) {
        inner.push(backgroundAt(grey, px - nx * d, py - ny * d, reach));
        outer.push(backgroundAt(grey, px + nx * d, py + ny * d, reach));
      }
    }
    const i = median(inner.filter((v) => v >= 0));
    const o = median(outer.filter((v) => v >= 0));
    if (i > 0 && o > 0) diffs.push(Math.abs(i - o) / Math.max(i, o));
  }
  return median(diffs);
}

/** Share of writing among the points, those outside the image left out. */
function density(points: Iterable<[number, number]>, isInk: InkTest): number {
  let ink = 0;
  let total = 0;
  for (const [x, y] of points) {
    const verdict = isInk(x, y);
    if (verdict === null) continue;
    total++;
    if (verdict) ink++;
  }
  return total === 0 ? 0 : ink / total;
}

/** Points on a 100 x 100 grid over the outline's bilinear interior, its outer tenth left out. */
function* interior(q: readonly Point[]): Generator<[number, number]> {
  const [tl, tr, br, bl] = q as [Point, Point, Point, Point];
  for (let j = 10; j < 90; j++) {
    for (let i = 10; i < 90; i++) {
      const [u, v] = [i / 100, j / 100];
      yield [
        (1 - v) * ((1 - u) * tl[0] + u * tr[0]) + v * ((1 - u) * bl[0] + u * br[0]),
        (1 - v) * ((1 - u) * tl[1] + u * tr[1]) + v * ((1 - u) * bl[1] + u * br[1]),
      ];
    }
  }
}

/** Points every `step` pixels in the band `from`-`to` pixels from the side a→b, outward (away from `centre`) or inward. */
function* band(a: Point, b: Point, centre: Point, from: number, to: number, step: number, inward = false): Generator<[number, number]> {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  let nx = -(b[1] - a[1]) / len;
  let ny = (b[0] - a[0]) / len;
  const pointsIn = ((a[0] + b[0]) / 2 - centre[0]) * nx + ((a[1] + b[1]) / 2 - centre[1]) * ny < 0;
  if (pointsIn !== inward) [nx, ny] = [-nx, -ny];
  for (let t = 0; t < len; t += step) {
    const px = a[0] + ((b[0] - a[0]) * t) / len;
    const py = a[1] + ((b[1] - a[1]) * t) / len;
    for (let d = from; d <= to; d += step) yield [px + nx * d, py + ny * d];
  }
}

export type InkAround = {
  /** per side not on the frame: writing density in the band just outside it and in the same band just inside it */
  sides: { outside: number; within: number }[];
  /** the highest `outside` of the sides */
  worst: number;
  /** writing density over the outline's interior */
  inside: number;
};

/**
 * Writing density in the band just outside each side not on the frame, in the band just inside it, and inside the
 * outline. The brightest pixel within 0.4% of the page's size (2-3 stroke widths) is the paper or desk a pixel lies
 * on, so shadows and a desk's grain do not count as writing (a stone counter's darker specks still can).
 */
export function inkOutside(grey: GreyImage, q: readonly Point[], onFrame: readonly boolean[]): InkAround {
  const size = Math.sqrt(quadArea(q));
  const isInk = inkTest(grey, Math.max(3, Math.round(size * 0.004)));
  const centre: Point = [q.reduce((n, p) => n + p[0], 0) / 4, q.reduce((n, p) => n + p[1], 0) / 4];
  const step = Math.max(1.5, size / 1200);
  const sides: InkAround['sides'] = [];
  for (let i = 0; i < 4; i++) {
    if (onFrame[i]) continue;
    const a: Point = q[i] ?? [0, 0];
    const b: Point = q[(i + 1) % 4] ?? [0, 0];
    sides.push({
      outside: density(band(a, b, centre, size * BAND_FROM, size * BAND_TO, step), isInk),
      within: density(band(a, b, centre, size * BAND_FROM, size * BAND_TO, step, true), isInk),
    });
  }
  return { sides, worst: Math.max(0, ...sides.map((s) => s.outside)), inside: density(interior(q), isInk) };
}

/**
 * Writing density from the kept margin out to a quarter of the page's size (or the frame) beyond side i. A side seen
 * only as a thin dark line (PageOutline.shadowLine) must have bare desk beyond it: a printed rule across a scanned form
 * is such a line too, with the form's heading beyond it (tuning forms 81-100, scanned: 20-28% of the page cut off).
 */
export function writingBeyond(grey: GreyImage, q: readonly Point[], i: number): number {
  const size = Math.sqrt(quadArea(q));
  const isInk = inkTest(grey, Math.max(3, Math.round(size * 0.004)));
  const centre: Point = [q.reduce((n, p) => n + p[0], 0) / 4, q.reduce((n, p) => n + p[1], 0) / 4];
  const a: Point = q[i] ?? [0, 0];
  const b: Point = q[(i + 1) % 4] ?? [0, 0];
  return density(band(a, b, centre, size * BAND_FROM, size * BEYOND_TO, Math.max(2, size / 400)), isInk);
}

/**
 * Does a side cut writing off? Its outside band holds writing on over 1% of its pixels, at over half the density
 * inside the page, and the writing runs on across it: the band just inside holds at least CUT_CONTINUES of the
 * outside's density. A true paper edge has the page's blank margin just inside it, so a speckled desk beyond it (a
 * stone counter measured 4-5% "writing" in the band outside) does not make it a cut. Nor can a desk hold more
 * "writing" than the page itself: a side along the top of a text line that has a blank line under it (tuning keystone
 * 125: 13.1% outside, 2.4% just inside, 6.0% over the page) is a cut whatever the band inside holds.
 */
function cutsWriting(side: { outside: number; within: number }, inside: number): boolean {
  if (side.outside <= MAX_OUTSIDE_INK || side.outside <= inside * MAX_OUTSIDE_RATIO) return false;
  return side.within >= side.outside * CUT_CONTINUES || side.outside > inside;
}

/**
 * Every side not on the frame separates two backgrounds (paper from desk), see sideContrast, or is the thin shadow of
 * the paper's edge on a desk of the paper's own tone (`shadowLine`, found on the thumbnail) with bare desk beyond it.
 */
export function sidesAreEdges(grey: GreyImage, outline: PageOutline, shadowLine: readonly boolean[] = [], hueStep: readonly boolean[] = []): boolean {
  const q = outline.corners;
  const size = Math.sqrt(quadArea(q));
  const centre: Point = [q.reduce((n, p) => n + p[0], 0) / 4, q.reduce((n, p) => n + p[1], 0) / 4];
  return q.every(
    (a, i) =>
      outline.onFrame[i] ||
      hueStep[i] === true ||
      sideContrast(grey, a, q[(i + 1) % 4] ?? a, centre, size) >= MIN_SIDE_CONTRAST ||
      (shadowLine[i] === true && writingBeyond(grey, q, i) <= MAX_INK_BEYOND),
  );
}

function toFull(quad: PageQuad, sx: number, sy: number): PageOutline {
  const corners = quad.corners.map(([x, y]) => [x * sx, y * sy] as Point) as PageOutline['corners'];
  const onFrame = quad.support.map((s) => s < 0) as PageOutline['onFrame'];
  return { corners, onFrame, shadowLine: quad.shadowLine, score: quad.score };
}

/** The first of `quads` (best first) whose sides are edges and whose surroundings hold no writing. */
function firstSound(quads: readonly PageQuad[], thumb: RgbImage, grey: GreyImage, shadowLook: boolean): PageOutline | null {
  const sx = grey.width / thumb.width;
  const sy = grey.height / thumb.height;
  for (const quad of quads) {
    const outline = toFull(quad, sx, sy);
    if (shadowLook ? outline.onFrame.some(Boolean) : outline.onFrame.every(Boolean)) continue;
    if (!sidesAreEdges(grey, outline, quad.shadowLine, shadowLook ? hueSteps(thumb, quad.corners) : [])) continue;
    const { sides, inside } = inkOutside(grey, outline.corners, outline.onFrame);
    if (sides.some((side) => cutsWriting(side, inside))) continue;
    return outline;
  }
  return null;
}

/**
 * The page's outline in a photo, or null when none is found with confidence: then nothing is cropped. `thumb` is a
 * small colour copy (~512 px) of `grey`, the full-resolution image. Outlines are tried best first; the first whose
 * surroundings hold no writing wins.
 *
 * Where that finds no outline, or one with a side on the frame, a second look lifts edges under shadows (shadow-gain.ts),
 * lets a side count by its hue step, and is taken only if it finds all four sides. Only then: run on every photo (as
 * tried first), the gain turned the grain of darker desks into lines taken for the top and bottom sides (bench:fields
 * phone 4461, 4464, 4468, 4469, 4472: grey counter, light wood, blue cloth; corners 4-14% of the diagonal off, within
 * 0.4% before; fields 95.8 -> 90.3%) and moved a right outline on dark glass (bench:ocr phone-dark-desk 293, 0.25 ->
 * 5.2% off). Every first look that failed on tuning phone 261-300 and 1101-1140 (18 of 240 pages) was on a white table;
 * the second look put 9 of them within 0.5% (keystone 268 12.7 -> 0.3%, light 294 none -> 0.4%) and left the other 9
 * as they were. All four sides asked: on keystone 1123 the lifted edges gave one side and three on the frame, 23% off.
 */
export function findPageOutline(thumb: RgbImage, grey: GreyImage): PageOutline | null {
  const first = firstSound(pageQuads(thumb), thumb, grey, false);
  if ((first !== null && !first.onFrame.some(Boolean)) || lightSpread(thumb) < SHADOW_LOOK_SPREAD) return first;
  const lifted = { ...thumb, edgeGain: shadowGain(thumb) };
  return firstSound(pageQuads(lifted), thumb, grey, true) ?? first;
}
