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
 * Paperness of a low-resolution pixel: bright and unsaturated. Paper under a shadow stays unsaturated while desks,
 * hands and scanner lids are darker and usually coloured, so the product separates them where brightness cannot.
 */
function paperness(small: RgbImage): GreyImage {
  const n = small.width * small.height;
  const out = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const r = small.data[p * 3] ?? 0;
    const g = small.data[p * 3 + 1] ?? 0;
    const b = small.data[p * 3 + 2] ?? 0;
    const max = Math.max(r, g, b);
    const sat = max === 0 ? 1 : (max - Math.min(r, g, b)) / max;
    out[p] = Math.round(max * (1 - sat) * (1 - sat));
  }
  return { data: out, width: small.width, height: small.height };
}

/** Largest 4-connected set of `on` pixels, holes filled (text and shadows inside the page stay page). */
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
      for (const q of [p - w, p + w, x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1]) {
        if (q >= 0 && q < w * h && on[q] && !label[q]) {
          label[q] = next;
          stack.push(q);
        }
      }
    }
    if (area > bestArea) {
      bestArea = area;
      best = next;
    }
  }
  // flood the outside from the border through non-page pixels; whatever it cannot reach is page (or a hole in it)
  const outside = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) stack.push(x, (h - 1) * w + x);
  for (let y = 0; y < h; y++) stack.push(y * w, y * w + w - 1);
  while (stack.length > 0) {
    const p = stack.pop() ?? 0;
    if (outside[p] || label[p] === best) continue;
    outside[p] = 1;
    const x = p % w;
    if (p >= w) stack.push(p - w);
    if (p < w * (h - 1)) stack.push(p + w);
    if (x > 0) stack.push(p - 1);
    if (x < w - 1) stack.push(p + 1);
  }
  const mask = new Uint8Array(w * h);
  let area = 0;
  for (let p = 0; p < w * h; p++) {
    if (!outside[p]) {
      mask[p] = 1;
      area++;
    }
  }
  return { mask: erode(mask, w, h), area };
}

/** One-pixel erosion: the page's rim (its shadow and the blend with the desk) goes with the background. */
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
  const score = paperness(small);
  const hist = new Uint32Array(256);
  for (const v of score.data) hist[v] = (hist[v] ?? 0) + 1;
  const threshold = otsuThreshold(hist);
  const on = score.data.map((v) => (v > threshold ? 1 : 0));
  const { mask, area } = largestRegion(on, small.width, small.height);
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
