// Perspective correction: the page's outline (plus a margin) resampled to an upright rectangle, and the desk left at its rim.
import { KEEP_MARGIN, type PageOutline } from './page-find';
import { apply, homographyFromQuad, type Homography, type Point } from './projective';
import type { GreyImage } from './raster';
import { median } from '../../stats';

export type WarpedPage = {
  image: GreyImage;
  /** the furniture mask carried along (nearest pixel), when one was given */
  mask: Uint8Array | null;
  /** pixel of `image` -> pixel of the image given */
  toSource: Homography;
  /** sides (top, right, bottom, left) where a strip of desk may remain, with its width in pixels of `image` */
  rim: [number, number, number, number];
  /** sides found on the paper's own edge shadow (see PageOutline.shadowLine): their rim is desk whatever its tone */
  deskBeyond: [boolean, boolean, boolean, boolean];
};

type Line = { p: Point; d: Point };

function meet(a: Line, b: Line): Point {
  const det = a.d[0] * b.d[1] - a.d[1] * b.d[0];
  const t = ((b.p[0] - a.p[0]) * b.d[1] - (b.p[1] - a.p[1]) * b.d[0]) / det;
  return [a.p[0] + a.d[0] * t, a.p[1] + a.d[1] * t];
}

/** The outline with each side not on the frame moved outwards by `margin` pixels. */
export function expandOutline(outline: PageOutline, margin: number): [Point, Point, Point, Point] {
  const q = outline.corners;
  const centre: Point = [q.reduce((n, p) => n + p[0], 0) / 4, q.reduce((n, p) => n + p[1], 0) / 4];
  const lines: Line[] = q.map((a, i) => {
    const b = q[(i + 1) % 4] ?? a;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    let n: Point = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
    const mid: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    if ((mid[0] - centre[0]) * n[0] + (mid[1] - centre[1]) * n[1] < 0) n = [-n[0], -n[1]];
    const shift = outline.onFrame[i] ? 0 : margin;
    return { p: [a[0] + n[0] * shift, a[1] + n[1] * shift], d: [b[0] - a[0], b[1] - a[1]] };
  });
  // corner i lies on side i-1 (arriving) and side i (leaving)
  return [0, 1, 2, 3].map((i) => meet(lines[(i + 3) % 4] as Line, lines[i] as Line)) as [Point, Point, Point, Point];
}

const dist = (a: Point, b: Point) => Math.hypot(b[0] - a[0], b[1] - a[1]);

/**
 * Resamples the outline, grown by KEEP_MARGIN of the page's size, to a rectangle as wide as its longer horizontal side
 * and as tall as its longer vertical side (so the far, narrowed side is not shrunk further), bilinearly; what falls
 * outside the photo is white.
 */
export function warpPage(grey: GreyImage, outline: PageOutline, mask: Uint8Array | null): WarpedPage {
  const c = outline.corners;
  const size = Math.sqrt(Math.max(dist(c[0], c[1]), dist(c[3], c[2])) * Math.max(dist(c[0], c[3]), dist(c[1], c[2])));
  const margin = KEEP_MARGIN * size;
  const q = expandOutline(outline, margin);
  const width = Math.max(1, Math.round(Math.max(dist(q[0], q[1]), dist(q[3], q[2]))));
  const height = Math.max(1, Math.round(Math.max(dist(q[0], q[3]), dist(q[1], q[2]))));
  const toSource = homographyFromQuad([[0, 0], [width, 0], [width, height], [0, height]], q);
  const out = new Uint8Array(width * height);
  const outMask = mask ? new Uint8Array(width * height) : null;
  const { data, width: sw, height: sh } = grey;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toSource;
  for (let y = 0; y < height; y++) {
    const yc = y + 0.5;
    for (let x = 0; x < width; x++) {
      const xc = x + 0.5;
      const w = h6 * xc + h7 * yc + h8;
      const u = (h0 * xc + h1 * yc + h2) / w - 0.5;
      const v = (h3 * xc + h4 * yc + h5) / w - 0.5;
      const o = y * width + x;
      if (u < 0 || v < 0 || u > sw - 1 || v > sh - 1) {
        out[o] = 255;
        continue;
      }
      const x0 = Math.min(sw - 2, Math.floor(u));
      const y0 = Math.min(sh - 2, Math.floor(v));
      const fx = u - x0;
      const fy = v - y0;
      const i = y0 * sw + x0;
      const top = (data[i] ?? 0) * (1 - fx) + (data[i + 1] ?? 0) * fx;
      const bottom = (data[i + sw] ?? 0) * (1 - fx) + (data[i + sw + 1] ?? 0) * fx;
      out[o] = top * (1 - fy) + bottom * fy + 0.5;
      if (outMask && mask) outMask[o] = mask[Math.round(v) * sw + Math.round(u)] ?? 0;
    }
  }
  const rimOf = (i: number, across: number) => (outline.onFrame[i] ? 0 : Math.round(margin * across));
  return {
    image: { data: out, width, height },
    mask: outMask,
    toSource,
    rim: [rimOf(0, height / dist(q[0], q[3])), rimOf(1, width / dist(q[0], q[1])), rimOf(2, height / dist(q[0], q[3])), rimOf(3, width / dist(q[0], q[1]))],
    deskBeyond: outline.shadowLine ?? [false, false, false, false],
  };
}

/** A stretch of a side's kept margin that shows desk, to be painted white: side, span along it, depth from the edge. */
export type RimStrip = { side: number; from: number; to: number; depth: number };

/**
 * 8%: a stretch of the kept margin whose median differs this much from the paper just inside the edge is desk (a
 * dark desk, a white table lighter than the paper, the paper's own shadow); paper margin measures within ~3%.
 */
const DESK_CONTRAST = 0.08;

/**
 * Before flattening: the stretches (4% of a side each) of the kept margin that are desk, not paper. A side found on a
 * text line rather than the paper's edge leaves paper in its margin, which is kept with the accents written on it. A
 * side found on the paper's edge shadow (`deskBeyond`) has desk of the paper's own tone in all of its margin, which no
 * contrast tells: flattened and stretched, its grain and the shadow line came out as specks read as text (tuning light
 * desk 108: 7.5% CER with the right outline).
 */
export function deskInRim(img: GreyImage, rim: readonly number[], deskBeyond: readonly boolean[] = []): RimStrip[] {
  const { width: w, height: h, data } = img;
  const size = Math.sqrt(w * h);
  const edgeLine = Math.max(3, Math.round(size * 0.004)); // the paper's edge and its shadow, inside the side found
  const inside = Math.max(4, Math.round(size * 0.01));
  const strips: RimStrip[] = [];
  for (let side = 0; side < 4; side++) {
    const margin = rim[side] ?? 0;
    if (margin <= 0) continue;
    const length = side % 2 === 0 ? w : h;
    if (deskBeyond[side] === true) {
      strips.push({ side, from: 0, to: length, depth: margin + edgeLine });
      continue;
    }
    const step = Math.max(8, Math.round(length * 0.04));
    // pixel at distance d from this side's border, position t along it
    const at = (t: number, d: number) => {
      const [x, y] = side === 0 ? [t, d] : side === 1 ? [w - 1 - d, t] : side === 2 ? [t, h - 1 - d] : [d, t];
      return data[y * w + x] ?? 255;
    };
    for (let from = 0; from < length; from += step) {
      const to = Math.min(length, from + step);
      const outer: number[] = [];
      const paper: number[] = [];
      for (let t = from; t < to; t += 2) {
        for (let d = 0; d < Math.max(1, margin - edgeLine); d += 2) outer.push(at(t, d));
        for (let d = margin + edgeLine; d < margin + edgeLine + inside; d += 2) paper.push(at(t, d));
      }
      const p = median(paper);
      if (p > 0 && Math.abs(median(outer) - p) > p * DESK_CONTRAST) strips.push({ side, from, to, depth: margin + edgeLine });
    }
  }
  return strips;
}

/** After flattening: paints the desk stretches white. */
export function whitenRim(img: GreyImage, strips: readonly RimStrip[]): void {
  const { width: w, height: h, data } = img;
  for (const { side, from, to, depth } of strips) {
    for (let t = from; t < to; t++) {
      for (let d = 0; d < depth; d++) {
        const [x, y] = side === 0 ? [t, d] : side === 1 ? [w - 1 - d, t] : side === 2 ? [t, h - 1 - d] : [d, t];
        if (x >= 0 && y >= 0 && x < w && y < h) data[y * w + x] = 255;
      }
    }
  }
}

/** The point of the source image that pixel (x, y) of the warped page came from. */
export const sourceOf = (page: WarpedPage, x: number, y: number): Point => apply(page.toSource, x, y);
