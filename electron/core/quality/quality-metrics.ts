// Measurements of a page image for the quality gate: exposure, ink, sharpness, ink at the edges, resolution.
import sharp from 'sharp';
import { estimateBackground, type Background } from '../ocr/preprocess/illumination';
import type { GreyImage } from '../ocr/preprocess/raster';

export type EdgeName = 'top' | 'bottom' | 'left' | 'right';

export type QualityMetrics = {
  width: number;
  height: number;
  /** pixels per inch if the image is an A4 page (short side 8.27 in, long side 11.69 in): the smaller of the two */
  a4Dpi: number;
  /** DPI written in the file, when it is a real scan setting (not the 72/96 of cameras and screens) */
  declaredDpi: number | null;
  /** median paper brightness (0-255) */
  paperLevel: number;
  /** typical darkness of the ink: 10th percentile of the pixels clearly darker than the paper around them */
  inkLevel: number;
  /** fraction of the page's pixels that are ink (clearly darker than the paper around them) */
  inkRatio: number;
  /** edge sharpness: mean |Laplacian| over mean |gradient| on strong edges, at ~150 DPI; ~1/blur radius */
  sharpness: number;
  /** per side, the fraction of the edge strip's length with ink in it, and the number of separate ink runs */
  edges: Record<EdgeName, { coverage: number; runs: number }>;
};

/** ~150 DPI for an A4 page: sharpness and ink are measured at one scale whatever the scan's resolution. */
const ANALYSIS_SHORT_SIDE = 1240;
/** A pixel is ink when at most 60% of the paper level around it and at least 40 levels darker. */
const INK_FRACTION = 0.6;
const INK_MIN_CONTRAST = 40;
/** Strip along each side checked for ink: 1% of the side, at least 3 px. */
const EDGE_STRIP = 0.01;

function levelAt(bg: Background, x: number, y: number): number {
  const cx = Math.min(bg.cols - 1, Math.floor(x / bg.cell));
  const cy = Math.min(bg.rows - 1, Math.floor(y / bg.cell));
  return bg.levels[cy * bg.cols + cx] ?? 255;
}

function percentileOf(hist: Uint32Array, total: number, p: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v] ?? 0;
    if (seen >= total * p) return v;
  }
  return 255;
}

function inkMask(img: GreyImage, bg: Background): Uint8Array {
  const mask = new Uint8Array(img.width * img.height);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const paper = levelAt(bg, x, y);
      const v = img.data[y * img.width + x] ?? 255;
      if (v <= paper * INK_FRACTION && paper - v >= INK_MIN_CONTRAST) mask[y * img.width + x] = 1;
    }
  }
  return mask;
}

/** Mean |Laplacian| / mean |gradient| over pixels whose gradient is over a quarter of the page's contrast. */
function sharpnessOf(img: GreyImage, contrast: number): number {
  const { width: w, height: h, data } = img;
  const minGradient = Math.max(10, contrast / 4);
  let lap = 0;
  let grad = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const c = data[i] ?? 0;
      const l = data[i - 1] ?? 0;
      const r = data[i + 1] ?? 0;
      const u = data[i - w] ?? 0;
      const d = data[i + w] ?? 0;
      const g = Math.hypot(r - l, d - u) / 2;
      if (g < minGradient) continue;
      lap += Math.abs(l + r + u + d - 4 * c);
      grad += g;
    }
  }
  return grad === 0 ? 0 : lap / grad;
}

function edgeInk(mask: Uint8Array, w: number, h: number): QualityMetrics['edges'] {
  const strip = (n: number) => Math.max(3, Math.round(n * EDGE_STRIP));
  const side = (length: number, depth: number, at: (along: number, d: number) => number) => {
    let covered = 0;
    let runs = 0;
    let inRun = false;
    for (let a = 0; a < length; a++) {
      let ink = false;
      for (let d = 0; d < depth && !ink; d++) ink = mask[at(a, d)] === 1;
      if (ink) covered++;
      if (ink && !inRun) runs++;
      inRun = ink;
    }
    return { coverage: covered / length, runs };
  };
  const sy = strip(h);
  const sx = strip(w);
  return {
    top: side(w, sy, (a, d) => d * w + a),
    bottom: side(w, sy, (a, d) => (h - 1 - d) * w + a),
    left: side(h, sx, (a, d) => a * w + d),
    right: side(h, sx, (a, d) => a * w + (w - 1 - d)),
  };
}

export async function measurePage(image: Uint8Array): Promise<QualityMetrics> {
  const meta = await sharp(image, { autoOrient: true }).metadata();
  const width = meta.autoOrient.width;
  const height = meta.autoOrient.height;
  const short = Math.min(width, height);
  const factor = Math.min(1, ANALYSIS_SHORT_SIDE / short);
  const { data, info } = await sharp(image, { autoOrient: true, limitInputPixels: 100_000_000 })
    .resize(Math.max(1, Math.round(width * factor)), Math.max(1, Math.round(height * factor)), { fit: 'fill' })
    .greyscale()
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey: GreyImage = { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  const cell = Math.max(4, Math.round(Math.min(grey.width, grey.height) / 60));
  const bg = estimateBackground(grey, cell, 1);

  const paperHist = new Uint32Array(256);
  for (const v of bg.levels) paperHist[Math.round(v)] = (paperHist[Math.round(v)] ?? 0) + 1;
  const paperLevel = percentileOf(paperHist, bg.levels.length, 0.5);
  const mask = inkMask(grey, bg);
  const darkHist = new Uint32Array(256);
  let ink = 0;
  let dark = 0;
  for (let i = 0; i < mask.length; i++) {
    const v = grey.data[i] ?? 255;
    if (mask[i]) ink++;
    // "clearly darker than the paper": 20 levels, so faint (washed-out) text still counts for the ink level
    if (levelAt(bg, i % grey.width, Math.floor(i / grey.width)) - v >= 20) {
      darkHist[v] = (darkHist[v] ?? 0) + 1;
      dark++;
    }
  }
  const inkLevel = dark > 0 ? percentileOf(darkHist, dark, 0.1) : paperLevel;
  const density = meta.density ?? 0;
  return {
    width,
    height,
    a4Dpi: Math.round(Math.min(short / 8.27, Math.max(width, height) / 11.69)),
    declaredDpi: density >= 150 ? Math.round(density) : null,
    paperLevel,
    inkLevel,
    inkRatio: ink / mask.length,
    sharpness: sharpnessOf(grey, Math.max(0, paperLevel - inkLevel)),
    edges: edgeInk(mask, grey.width, grey.height),
  };
}
