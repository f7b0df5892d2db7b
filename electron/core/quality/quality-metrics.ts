// Measurements of a page image for the quality gate: exposure, ink, sharpness, ink at the edges, resolution; on the
// page itself when a photo shows it on a desk (found as for OCR: core/ocr/preprocess/page-find).
import sharp from 'sharp';
import { estimateBackground, type Background } from '../ocr/preprocess/illumination';
import { insideOutline } from '../ocr/preprocess/page-colour';
import { findPageOutline, type PageOutline } from '../ocr/preprocess/page-find';
import { decodeRgb, type GreyImage } from '../ocr/preprocess/raster';

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
  /** typical darkness of the writing: 10th percentile of the marks (pixels ≥ 35 levels darker than their paper) */
  inkLevel: number;
  /** fraction of the page's pixels that are ink (≤ 60% of the paper level around them, ≥ 40 levels darker) */
  inkRatio: number;
  /** fraction of the page's pixels that are marks of any kind, faint ones included */
  markRatio: number;
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
const MARK_CONTRAST = 35;
/** Strip along each side checked for ink: 1% of the side, at least 3 px. */
const EDGE_STRIP = 0.01;

function percentileOf(hist: Uint32Array, total: number, p: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v] ?? 0;
    if (seen >= total * p) return v;
  }
  return 255;
}

type InkCensus = { mask: Uint8Array; ink: number; marks: number; markHist: Uint32Array };

/**
 * One pass over the page against the paper level of its cell: the ink mask (≤ 60% of the paper and ≥ 40 levels
 * darker), and the marks (anything ≥ 35 levels darker: faint, washed-out text too, but not the ~20-level ghost of
 * the other side showing through thin paper) with their darkness histogram.
 */
function inkCensus(img: GreyImage, bg: Background, inside: (x: number, y: number) => boolean): InkCensus {
  const { width, height, data } = img;
  const mask = new Uint8Array(width * height);
  const markHist = new Uint32Array(256);
  let ink = 0;
  let marks = 0;
  for (let y = 0; y < height; y++) {
    const cy = Math.min(bg.rows - 1, Math.floor(y / bg.cell));
    for (let x0 = 0; x0 < width; x0 += bg.cell) {
      const paper = bg.levels[cy * bg.cols + Math.min(bg.cols - 1, Math.floor(x0 / bg.cell))] ?? 255;
      const inkBelow = Math.min(paper * INK_FRACTION, paper - INK_MIN_CONTRAST);
      const markBelow = paper - MARK_CONTRAST;
      const end = y * width + Math.min(width, x0 + bg.cell);
      for (let i = y * width + x0; i < end; i++) {
        const v = data[i] ?? 255;
        if (v > markBelow) continue;
        if (v <= inkBelow) mask[i] = 1; // the whole frame: where a page runs off it, its edges are checked too
        if (!inside(i - y * width, y)) continue;
        marks++;
        markHist[v] = (markHist[v] ?? 0) + 1;
        if (v <= inkBelow) ink++;
      }
    }
  }
  return { mask, ink, marks, markHist };
}

/**
 * Mean |Laplacian| over mean |gradient| (L1 norm, central differences) on pixels whose gradient is over a quarter of
 * the page's contrast, every other row. For an edge blurred by a Gaussian of radius σ both scale with the contrast
 * and the ratio falls as 1/σ, so it measures blur whatever the ink's darkness or how much text the page holds.
 */
function sharpnessOf(img: GreyImage, contrast: number, inside: (x: number, y: number) => boolean): number {
  const { width: w, height: h, data } = img;
  const minGradient = Math.max(10, contrast / 4);
  let lap = 0;
  let grad = 0;
  for (let y = 1; y < h - 1; y += 2) {
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i++) {
      const l = data[i - 1] ?? 0;
      const r = data[i + 1] ?? 0;
      const u = data[i - w] ?? 0;
      const d = data[i + w] ?? 0;
      const g = (Math.abs(r - l) + Math.abs(d - u)) / 2;
      if (g < minGradient || !inside(i - y * w, y)) continue;
      lap += Math.abs(l + r + u + d - 4 * (data[i] ?? 0));
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
  // a photo of a page on a desk is judged on the page: the desk is neither paper nor writing, nor a cut edge
  const outline = findPageOutline(await decodeRgb(image, 0, 512), grey);
  const inside = outline ? insideOutline(outline, 1) : () => true;
  let pagePixels = 0;
  for (let y = 0; y < grey.height; y++) for (let x = 0; x < grey.width; x++) if (inside(x, y)) pagePixels++;

  const paperHist = new Uint32Array(256);
  let cells = 0;
  for (let cy = 0; cy < bg.rows; cy++) {
    for (let cx = 0; cx < bg.cols; cx++) {
      if (!inside((cx + 0.5) * bg.cell, (cy + 0.5) * bg.cell)) continue;
      const v = Math.round(bg.levels[cy * bg.cols + cx] ?? 0);
      paperHist[v] = (paperHist[v] ?? 0) + 1;
      cells++;
    }
  }
  const paperLevel = percentileOf(paperHist, cells, 0.5);
  const census = inkCensus(grey, bg, inside);
  const inkLevel = census.marks > 0 ? percentileOf(census.markHist, census.marks, 0.1) : paperLevel;
  const density = meta.density ?? 0;
  const area = Math.max(1, pagePixels);
  return {
    width,
    height,
    a4Dpi: outline ? pageDpi(outline, width / grey.width) : Math.round(Math.min(short / 8.27, Math.max(width, height) / 11.69)),
    declaredDpi: density >= 150 ? Math.round(density) : null,
    paperLevel,
    inkLevel,
    inkRatio: census.ink / area,
    markRatio: census.marks / area,
    sharpness: sharpnessOf(grey, Math.max(0, paperLevel - inkLevel), inside),
    edges: frameEdges(edgeInk(census.mask, grey.width, grey.height), outline),
  };
}

/** Pixels per inch of the page in the photo, as if A4: its sides' mean lengths against 8.27 x 11.69 in. */
function pageDpi(outline: PageOutline, scale: number): number {
  const [tl, tr, br, bl] = outline.corners;
  const d = (a: readonly number[], b: readonly number[]) => Math.hypot((b[0] ?? 0) - (a[0] ?? 0), (b[1] ?? 0) - (a[1] ?? 0)) * scale;
  const across = (d(tl, tr) + d(bl, br)) / 2;
  const down = (d(tl, bl) + d(tr, br)) / 2;
  return Math.round(Math.min(Math.min(across, down) / 8.27, Math.max(across, down) / 11.69));
}

/** Writing at the frame's edges means a cut page only where the page runs off the frame: other sides show desk. */
function frameEdges(edges: QualityMetrics['edges'], outline: PageOutline | null): QualityMetrics['edges'] {
  if (!outline) return edges;
  const none = { coverage: 0, runs: 0 };
  const [top, right, bottom, left] = outline.onFrame;
  return { top: top ? edges.top : none, right: right ? edges.right : none, bottom: bottom ? edges.bottom : none, left: left ? edges.left : none };
}
