// Illumination flattening: estimate the paper's brightness everywhere (shadows, fall-off) and divide it out.
import type { GreyImage, RgbImage } from './raster';

/** The paper level: a cell's 90th percentile. Text covers well under half of any cell, so this is paper, not ink. */
const PAPER_PERCENTILE = 0.9;

export type Background = { levels: Float32Array; cols: number; rows: number; cell: number };

/**
 * Paper brightness on a grid of `cell`-pixel squares of `img` (a reduced copy of the page: `fullPerPixel` page pixels
 * per pixel of it): each cell's 90th percentile, then a 3x3 maximum (bridges bold headings and stamps' solid parts),
 * then two 3x3 box blurs so the map follows shadows smoothly. The grid is returned in page pixels.
 */
export function estimateBackground(img: GreyImage, cell: number, fullPerPixel: number): Background {
  const cols = Math.ceil(img.width / cell);
  const rows = Math.ceil(img.height / cell);
  const raw = new Float32Array(cols * rows);
  const hist = new Uint32Array(256);
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      hist.fill(0);
      const x0 = cx * cell;
      const y0 = cy * cell;
      const x1 = Math.min(img.width, x0 + cell);
      const y1 = Math.min(img.height, y0 + cell);
      for (let y = y0; y < y1; y++) {
        const row = y * img.width;
        for (let x = x0; x < x1; x++) hist[img.data[row + x] ?? 0] = (hist[img.data[row + x] ?? 0] ?? 0) + 1;
      }
      const target = (x1 - x0) * (y1 - y0) * PAPER_PERCENTILE;
      let seen = 0;
      let v = 0;
      for (; v < 255; v++) {
        seen += hist[v] ?? 0;
        if (seen >= target) break;
      }
      raw[cy * cols + cx] = v;
    }
  }
  const levels = boxBlur(boxBlur(maxFilter(raw, cols, rows), cols, rows), cols, rows);
  return { levels, cols, rows, cell: cell * fullPerPixel };
}

function neighbourhood(src: Float32Array, cols: number, rows: number, reduce: (values: number[]) => number): Float32Array {
  const out = new Float32Array(src.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const values: number[] = [];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < cols && ny < rows) values.push(src[ny * cols + nx] ?? 0);
        }
      }
      out[y * cols + x] = reduce(values);
    }
  }
  return out;
}

const maxFilter = (src: Float32Array, cols: number, rows: number) => neighbourhood(src, cols, rows, (v) => Math.max(...v));
const boxBlur = (src: Float32Array, cols: number, rows: number) =>
  neighbourhood(src, cols, rows, (v) => v.reduce((a, b) => a + b, 0) / v.length);

/**
 * Divides each pixel by the paper level under it, so paper becomes white everywhere (in a shadow too) and ink keeps
 * its contrast relative to the paper around it. The grid is interpolated bilinearly along each row, once per 8 pixels.
 */
export function flattenIllumination(img: GreyImage, bg: Background): GreyImage {
  const { width, height, data } = img;
  const out = new Uint8Array(data.length);
  const { levels, cols, rows, cell } = bg;
  const span = Math.max(1, Math.min(8, Math.floor(cell)));
  const rowLevels = new Float32Array(cols);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(rows - 1, Math.max(0, (y + 0.5) / cell - 0.5));
    const y0 = Math.floor(gy);
    const y1 = Math.min(rows - 1, y0 + 1);
    const fy = gy - y0;
    for (let c = 0; c < cols; c++) rowLevels[c] = (levels[y0 * cols + c] ?? 0) * (1 - fy) + (levels[y1 * cols + c] ?? 0) * fy;
    const row = y * width;
    for (let x = 0; x < width; x += span) {
      const gx = Math.min(cols - 1, Math.max(0, (x + span / 2) / cell - 0.5));
      const x0 = Math.floor(gx);
      const fx = gx - x0;
      const level = (rowLevels[x0] ?? 0) * (1 - fx) + (rowLevels[Math.min(cols - 1, x0 + 1)] ?? 0) * fx;
      const k = 255 / (level > 16 ? level : 16);
      const end = row + Math.min(width, x + span);
      for (let i = row + x; i < end; i++) {
        const v = (data[i] ?? 0) * k;
        out[i] = v > 255 ? 255 : v;
      }
    }
  }
  return { data: out, width, height };
}

/** Running maximum (or minimum) over 2r+1 pixels along rows, then along columns: a square max (min) filter. */
export function squareFilter(src: Uint8Array, w: number, h: number, r: number, max: boolean): Uint8Array {
  const pick = max ? (a: number, b: number) => (a > b ? a : b) : (a: number, b: number) => (a < b ? a : b);
  const pass = (input: Uint8Array, length: number, lines: number, at: (line: number, i: number) => number): Uint8Array => {
    const out = new Uint8Array(input.length);
    const window = new Uint8Array(length);
    const prefix = new Uint8Array(length);
    const suffix = new Uint8Array(length);
    const k = 2 * r + 1;
    for (let line = 0; line < lines; line++) {
      for (let i = 0; i < length; i++) window[i] = input[at(line, i)] ?? 0;
      // van Herk / Gil-Werman: blocks of k, prefix and suffix extremes, two lookups per pixel whatever r is
      for (let i = 0; i < length; i++) prefix[i] = i % k === 0 ? (window[i] ?? 0) : pick(prefix[i - 1] ?? 0, window[i] ?? 0);
      for (let i = length - 1; i >= 0; i--) suffix[i] = i % k === k - 1 || i === length - 1 ? (window[i] ?? 0) : pick(suffix[i + 1] ?? 0, window[i] ?? 0);
      for (let i = 0; i < length; i++) {
        const lo = Math.max(0, i - r);
        const hi = Math.min(length - 1, i + r);
        out[at(line, i)] = pick(suffix[lo] ?? 0, prefix[hi] ?? 0);
      }
    }
    return out;
  };
  const rows = pass(src, w, h, (line, i) => line * w + i);
  return pass(rows, h, w, (line, i) => i * w + line);
}

/**
 * Paper brightness by a morphological closing (a max filter, then a min filter, both square of radius `r`) of `img`,
 * a reduced copy of the page with `fullPerPixel` page pixels per pixel: writing thinner than 2r disappears, while
 * the edge of a shadow, however sharp, stays where it is (a grid of cell percentiles smooths it over and leaves a dark
 * band along it). A 3 x 3 mean then takes the edge off the sensor noise.
 */
export function closingBackground(img: GreyImage, r: number, fullPerPixel: number): Background {
  const { width: w, height: h } = img;
  const closed = squareFilter(squareFilter(img.data, w, h, r, true), w, h, r, false);
  const levels = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          sum += closed[yy * w + xx] ?? 0;
          n++;
        }
      }
      levels[y * w + x] = sum / n;
    }
  }
  return { levels, cols: w, rows: h, cell: fullPerPixel };
}

/** The light is measured away from the image's outer 4%, where a scanner's lid or the page's own edge may show. */
const SPREAD_BORDER = 0.04;

/** The brightness of each pixel of a colour image (0.3 R + 0.59 G + 0.11 B), rounded to 8 bits. */
export function luminance(rgb: RgbImage): Uint8Array {
  const out = new Uint8Array(rgb.width * rgb.height);
  for (let p = 0; p < out.length; p++) out[p] = Math.round(0.3 * (rgb.data[p * 3] ?? 0) + 0.59 * (rgb.data[p * 3 + 1] ?? 0) + 0.11 * (rgb.data[p * 3 + 2] ?? 0));
  return out;
}

/**
 * How uneven the light over a small colour copy of an image is: the paper's level by a closing of radius 1/128 of the
 * long side (wider than a text line at this size), then (98th percentile - 2nd) / 98th over the image bar its border.
 * Flatbed scans measure a few percent; phone photos, with a desk, fall-off or a shadow in the frame, far more.
 */
export function lightSpread(thumb: RgbImage): number {
  const { width: w, height: h } = thumb;
  const grey = luminance(thumb);
  const r = Math.max(2, Math.round(Math.max(w, h) / 128));
  const closed = squareFilter(squareFilter(grey, w, h, r, true), w, h, r, false);
  const hist = new Uint32Array(256);
  const bx = Math.round(w * SPREAD_BORDER);
  const by = Math.round(h * SPREAD_BORDER);
  let n = 0;
  for (let y = by; y < h - by; y++) {
    for (let x = bx; x < w - bx; x++) {
      const v = closed[y * w + x] ?? 0;
      hist[v] = (hist[v] ?? 0) + 1;
      n++;
    }
  }
  const at = (share: number): number => {
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += hist[v] ?? 0;
      if (seen >= share * n) return v;
    }
    return 255;
  };
  const high = at(0.98);
  return high > 0 ? (high - at(0.02)) / high : 1;
}

/** The paper's level as one number: the 90th percentile of every 3rd pixel (the page is mostly paper). */
export function uniformBackground(img: GreyImage): Background {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < img.data.length; i += 3) {
    const v = img.data[i] ?? 0;
    hist[v] = (hist[v] ?? 0) + 1;
    n++;
  }
  let seen = 0;
  let level = 255;
  for (let v = 0; v < 256; v++) {
    seen += hist[v] ?? 0;
    if (seen >= n * PAPER_PERCENTILE) {
      level = v;
      break;
    }
  }
  return { levels: Float32Array.of(level), cols: 1, rows: 1, cell: Math.max(img.width, img.height) + 1 };
}
