// Finds the sheet of paper in a photo (desk, hand or scanner lid around it): crop to it and blank what is outside.
import { otsuThreshold, type GreyImage, type RgbImage } from './raster';

type Point = [number, number];

export type PageRegion = {
  /** crop rectangle in full-resolution pixels */
  left: number;
  top: number;
  width: number;
  height: number;
  /** the page's outline (convex, full-resolution pixels), already drawn in from the paper's edge */
  outline: Point[];
};

/**
 * 0.3-0.97: a region smaller than 30% of the frame is more likely a white object than the page; one over 97% means
 * the page fills the frame (a flatbed scan) and there is nothing to crop.
 */
const MIN_PAGE_FRACTION = 0.3;
const MAX_PAGE_FRACTION = 0.97;
/**
 * The outline is drawn in by 1.5% of the page's size plus one thumbnail pixel: the paper's rim (its shadow, the blend
 * with the desk, the outline's own coarseness) turned into lines of junk characters along the page in the bench's
 * phone photos, and printed matter keeps a margin far wider than 1.5% (3 mm on A4).
 */
const INSET = 0.015;

/**
 * Which low-resolution pixels look like paper. Saturation first: paper stays grey-white even under a shadow (the
 * bench's phone photos: saturation 0.13-0.17 on the page, lit or shaded, 0.52-0.60 on the desk), while desks, hands
 * and scanner lids are usually coloured. When saturation does not split the frame in two (a grey desk), brightness.
 */
function paperPixels(small: RgbImage): Uint8Array {
  const n = small.width * small.height;
  const sat = new Uint8Array(n);
  const val = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const r = small.data[p * 3] ?? 0;
    const g = small.data[p * 3 + 1] ?? 0;
    const b = small.data[p * 3 + 2] ?? 0;
    const max = Math.max(r, g, b);
    val[p] = max;
    sat[p] = max < 40 ? 255 : Math.round((255 * (max - Math.min(r, g, b))) / max);
  }
  const split = (values: Uint8Array): { threshold: number; gap: number } => {
    const hist = new Uint32Array(256);
    for (const v of values) hist[v] = (hist[v] ?? 0) + 1;
    const threshold = otsuThreshold(hist);
    let lo = 0;
    let nLo = 0;
    let hi = 0;
    let nHi = 0;
    for (let v = 0; v < 256; v++) {
      if (v <= threshold) {
        lo += v * (hist[v] ?? 0);
        nLo += hist[v] ?? 0;
      } else {
        hi += v * (hist[v] ?? 0);
        nHi += hist[v] ?? 0;
      }
    }
    return { threshold, gap: nLo && nHi ? hi / nHi - lo / nLo : 0 };
  };
  // 50 of 255: classes of saturation that far apart are two materials, not one paper with uneven light
  const bySat = split(sat);
  if (bySat.gap > 50) return sat.map((v) => (v <= bySat.threshold ? 1 : 0));
  const byVal = split(val);
  return val.map((v) => (v > byVal.threshold ? 1 : 0));
}

/** Convex hull (Andrew's monotone chain) of points given as [x, y], counter-clockwise in y-down coordinates. */
function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: Point, a: Point, b: Point) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: Point[]) => {
    const out: Point[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2] ?? p, out[out.length - 1] ?? p, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

/** The largest 4-connected set of `on` pixels (w x h), as its outline: the row ends of the region. */
function largestRegionEnds(on: Uint8Array, w: number, h: number): { ends: Point[]; area: number } {
  const label = new Int32Array(w * h);
  let best = 0;
  let bestArea = 0;
  let next = 0;
  const stack: number[] = [];
  const visit = (q: number) => {
    if (on[q] && !label[q]) {
      label[q] = next;
      stack.push(q);
    }
  };
  for (let start = 0; start < w * h; start++) {
    if (!on[start] || label[start]) continue;
    next++;
    let area = 0;
    label[start] = next;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop() ?? 0;
      area++;
      const x = p % w;
      if (p >= w) visit(p - w);
      if (p < w * (h - 1)) visit(p + w);
      if (x > 0) visit(p - 1);
      if (x < w - 1) visit(p + 1);
    }
    if (area > bestArea) {
      bestArea = area;
      best = next;
    }
  }
  const ends: Point[] = [];
  for (let y = 0; y < h; y++) {
    let first = -1;
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (label[y * w + x] !== best) continue;
      if (first < 0) first = x;
      last = x;
    }
    if (first >= 0) ends.push([first, y], [last + 1, y], [first, y + 1], [last + 1, y + 1]);
  }
  return { ends, area: bestArea };
}

/** Area of a polygon (shoelace). */
function polygonArea(points: Point[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [ax, ay] = points[i] ?? [0, 0];
    const [bx, by] = points[(i + 1) % points.length] ?? [0, 0];
    sum += ax * by - bx * ay;
  }
  return Math.abs(sum) / 2;
}

/** Where a convex polygon crosses row `y`: [left, right], or null. */
function rowSpan(outline: Point[], y: number): [number, number] | null {
  let left = Infinity;
  let right = -Infinity;
  for (let i = 0; i < outline.length; i++) {
    const [ax, ay] = outline[i] ?? [0, 0];
    const [bx, by] = outline[(i + 1) % outline.length] ?? [0, 0];
    if ((ay <= y && by >= y) || (by <= y && ay >= y)) {
      const xa = ay === by ? Math.min(ax, bx) : ax + ((y - ay) * (bx - ax)) / (by - ay);
      const xb = ay === by ? Math.max(ax, bx) : xa;
      left = Math.min(left, xa);
      right = Math.max(right, xb);
    }
  }
  return left <= right ? [left, right] : null;
}

/**
 * The page inside a photo, or null when the page fills the frame or none stands out. `small` is a thumbnail
 * (~400 px long) of the full-resolution image of fullWidth x fullHeight.
 */
export function findPage(small: RgbImage, fullWidth: number, fullHeight: number): PageRegion | null {
  const paper = paperPixels(small);
  let paperCount = 0;
  for (const v of paper) paperCount += v;
  if (paperCount > paper.length * MAX_PAGE_FRACTION) return null; // a flatbed scan: paper everywhere, nothing to find
  const { ends, area } = largestRegionEnds(paper, small.width, small.height);
  const hull = convexHull(ends);
  const fraction = polygonArea(hull) / (small.width * small.height);
  if (hull.length < 3 || area / (small.width * small.height) < MIN_PAGE_FRACTION || fraction > MAX_PAGE_FRACTION) return null;
  const sx = fullWidth / small.width;
  const sy = fullHeight / small.height;
  const full: Point[] = hull.map(([x, y]) => [x * sx, y * sy]);
  const xs = full.map((p) => p[0]);
  const ys = full.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const inset = INSET * Math.min(maxX - minX, maxY - minY) + Math.max(sx, sy);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const kx = Math.max(0, 1 - (2 * inset) / (maxX - minX));
  const ky = Math.max(0, 1 - (2 * inset) / (maxY - minY));
  const outline: Point[] = full.map(([x, y]) => [cx + (x - cx) * kx, cy + (y - cy) * ky]);
  const left = Math.max(0, Math.floor(cx - (cx - minX) * kx));
  const top = Math.max(0, Math.floor(cy - (cy - minY) * ky));
  const right = Math.min(fullWidth, Math.ceil(cx + (maxX - cx) * kx));
  const bottom = Math.min(fullHeight, Math.ceil(cy + (maxY - cy) * ky));
  return { left, top, width: right - left, height: bottom - top, outline };
}

/** Paints white, in place, what lies outside the page's outline; `img` is the crop of the region's rectangle. */
export function blankOutsidePage(img: GreyImage, region: PageRegion): void {
  const { left, top, outline } = region;
  for (let y = 0; y < img.height; y++) {
    const span = rowSpan(outline, y + top + 0.5);
    const row = y * img.width;
    if (!span) {
      img.data.fill(255, row, row + img.width);
      continue;
    }
    const from = Math.min(img.width, Math.max(0, Math.ceil(span[0] - left)));
    const to = Math.max(from, Math.min(img.width, Math.floor(span[1] - left)));
    img.data.fill(255, row, row + from);
    img.data.fill(255, row + to, row + img.width);
  }
}
