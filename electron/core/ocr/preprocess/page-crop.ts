// Finds the sheet of paper in a photo (desk, hand or scanner lid around it): crop to it and blank what is outside.
import { otsuThreshold, type GreyImage, type RgbImage } from './raster';

export type PageRegion = {
  /** crop rectangle in full-resolution pixels */
  left: number;
  top: number;
  width: number;
  height: number;
  /** low-resolution mask (1 = paper), `scale` full-resolution pixels per mask pixel */
  mask: Uint8Array;
  maskWidth: number;
  maskHeight: number;
  scale: number;
};

/**
 * 0.3-0.97: a region smaller than 30% of the frame is more likely a white object than the page; one over 97% means
 * the page fills the frame (a flatbed scan) and there is nothing to crop.
 */
const MIN_PAGE_FRACTION = 0.3;
const MAX_PAGE_FRACTION = 0.97;

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
function convexHull(points: [number, number][]): [number, number][] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: [number, number][]) => {
    const out: [number, number][] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2] ?? p, out[out.length - 1] ?? p, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

/**
 * The largest 4-connected set of paper pixels, as its convex hull: a sheet is convex, so text, a shadow biting into
 * its edge or a finger on it stay inside the page.
 */
function largestRegion(on: Uint8Array, w: number, h: number): { mask: Uint8Array; area: number } {
  const label = new Int32Array(w * h);
  let best = 0;
  let bestArea = 0;
  let next = 0;
  const stack: number[] = [];
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
      if (p >= w && on[p - w] && !label[p - w]) {
        label[p - w] = next;
        stack.push(p - w);
      }
      if (p < w * (h - 1) && on[p + w] && !label[p + w]) {
        label[p + w] = next;
        stack.push(p + w);
      }
      if (x > 0 && on[p - 1] && !label[p - 1]) {
        label[p - 1] = next;
        stack.push(p - 1);
      }
      if (x < w - 1 && on[p + 1] && !label[p + 1]) {
        label[p + 1] = next;
        stack.push(p + 1);
      }
    }
    if (area > bestArea) {
      bestArea = area;
      best = next;
    }
  }
  // the row ends of the region are enough to span its hull
  const ends: [number, number][] = [];
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
  const hull = convexHull(ends);
  const mask = new Uint8Array(w * h);
  let area = 0;
  for (let y = 0; y < h; y++) {
    // a convex polygon crosses each row in one span: between the leftmost and rightmost edge crossings
    const py = y + 0.5;
    let left = Infinity;
    let right = -Infinity;
    for (let i = 0; i < hull.length; i++) {
      const [ax, ay] = hull[i] ?? [0, 0];
      const [bx, by] = hull[(i + 1) % hull.length] ?? [0, 0];
      if ((ay <= py && by >= py) || (by <= py && ay >= py)) {
        const x = ay === by ? Math.min(ax, bx) : ax + ((py - ay) * (bx - ax)) / (by - ay);
        const x2 = ay === by ? Math.max(ax, bx) : x;
        left = Math.min(left, x);
        right = Math.max(right, x2);
      }
    }
    for (let x = Math.max(0, Math.ceil(left - 0.5)); x < Math.min(w, Math.floor(right - 0.5) + 1); x++) {
      mask[y * w + x] = 1;
      area++;
    }
  }
  return { mask: erode(erode(mask, w, h), w, h), area };
}

/** One-pixel erosion (applied twice: ~0.5% of the frame): the page's rim (its shadow and the blend with the desk) goes with the background. */
function erode(mask: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      out[p] = mask[p] && mask[p - 1] && mask[p + 1] && mask[p - w] && mask[p + w] ? 1 : 0;
    }
  }
  return out;
}

/** The page inside a photo, or null when the page fills the frame or none stands out. `small` is ~400 px long. */
export function findPage(small: RgbImage, fullWidth: number, fullHeight: number): PageRegion | null {
  const { mask, area } = largestRegion(paperPixels(small), small.width, small.height);
  const fraction = area / (small.width * small.height);
  if (fraction < MIN_PAGE_FRACTION || fraction > MAX_PAGE_FRACTION) return null;
  let x0 = small.width;
  let y0 = small.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) {
      if (!mask[y * small.width + x]) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (x1 < 0) return null;
  const scale = fullWidth / small.width;
  const left = Math.max(0, Math.floor(x0 * scale));
  const top = Math.max(0, Math.floor(y0 * scale));
  const right = Math.min(fullWidth, Math.ceil((x1 + 1) * scale));
  const bottom = Math.min(fullHeight, Math.ceil((y1 + 1) * scale));
  return {
    left,
    top,
    width: right - left,
    height: bottom - top,
    mask,
    maskWidth: small.width,
    maskHeight: small.height,
    scale,
  };
}

/** Crops the full-resolution grey image to the region and paints everything outside the page white. */
export function applyPageRegion(img: GreyImage, region: PageRegion): GreyImage {
  const { left, top, width, height, mask, maskWidth, maskHeight, scale } = region;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const my = Math.min(maskHeight - 1, Math.floor((y + top) / scale));
    for (let x = 0; x < width; x++) {
      const mx = Math.min(maskWidth - 1, Math.floor((x + left) / scale));
      out[y * width + x] = mask[my * maskWidth + mx] ? (img.data[(y + top) * img.width + x + left] ?? 255) : 255;
    }
  }
  return { data: out, width, height };
}
