// The page's inks by colour: which are writing (black, and any colour that forms text) and which are furniture
// (stamps, signatures: coloured ink in large strokes), judged on the page itself rather than by a fixed hue.
import { estimateBackground, type Background } from './illumination';
import { inkBit, textLikeShares, type InkMarks } from './ink-marks';
import type { RgbImage } from './raster';
import { splitStampInk, type StampSplit } from './stamp-split';

/** An ink's colour as chromaticity of the light it absorbs: (r - g, r + g - 2b) of the absorption shares; black is 0, 0. */
export type Chroma = readonly [number, number];

export type InkCluster = {
  chroma: Chroma;
  /** its share of the page's coloured ink */
  share: number;
  /** share of its pixels in text-sized marks */
  textLike: number;
  /** writing (kept) or furniture (faded out) */
  text: boolean;
  /** a writing ink holding a stamp of another shade: the two colours, told apart inside the stamp's box */
  split?: StampSplit;
};

export type InkAnalysis = { clusters: InkCluster[]; dominant: Chroma; colouredInk: number; marks: InkMarks };

/** Chroma at and over which a pixel's ink counts as coloured (see COLOURED). */
export const COLOURED_CHROMA = 0.12;

/** Mean absorption of at least 30%: a pixel is clearly ink (anti-aliased rims and faint strokes are left out). */
const INK_ABSORPTION = 0.9;
/**
 * Chroma over 0.12: coloured. Black and grey print, with JPEG's colour noise, measured under 0.06 on the bench's
 * scans; ballpoint blue 0.3-0.6, stamp reds, blues and purples 0.35-0.9.
 */
const COLOURED = COLOURED_CHROMA;
/**
 * An ink is a peak of at least 1% of the page's coloured ink pixels (3% before): a small red stamp on a page printed
 * and filled in blue was never found, so it stayed (tuning photo form-stamp-red 75: 4.9% -> 1.4% CER). A peak under
 * 3% (BIG_PEAK) counts only twice SAME_INK away from every larger one: on scan 321 (forms test) such a peak beside
 * the red stamp's was its pale rim, taken for writing and kept as a grey outline (1.3% -> 2.4% without the rule).
 */
const MIN_PEAK = 0.01;
const BIG_PEAK = 0.03;
/** Chromaticities within 0.18 of each other are one ink (a pen's stroke varies by ~0.1 from its core to its rim). */
const SAME_INK = 0.18;
/**
 * An ink with under half of its pixels in text-sized marks is furniture: a stamp's rings and star, a signature's
 * loops. Stamps measured 0.1-0.3 on the tuning pages, filled-in values and blue print 0.85-1.
 */
const MIN_TEXT_LIKE = 0.5;

/**
 * Per-channel paper levels (shadows and colour casts alike) of an RGB image, on cells of ~1/60 of its short side;
 * `fullPerPixel` scales the grid to the full-resolution image the thumbnail stands for.
 */
export function paperColour(rgb: RgbImage, fullPerPixel = 1): [Background, Background, Background] {
  const n = rgb.width * rgb.height;
  const cell = Math.max(4, Math.round(Math.min(rgb.width, rgb.height) / 60));
  return [0, 1, 2].map((c) => {
    const plane = new Uint8Array(n);
    for (let p = 0; p < n; p++) plane[p] = rgb.data[p * 3 + c] ?? 0;
    return estimateBackground({ data: plane, width: rgb.width, height: rgb.height }, cell, fullPerPixel);
  }) as [Background, Background, Background];
}

export function level(bg: Background, x: number, y: number): number {
  const cx = Math.min(bg.cols - 1, Math.floor(x / bg.cell));
  const cy = Math.min(bg.rows - 1, Math.floor(y / bg.cell));
  return bg.levels[cy * bg.cols + cx] ?? 255;
}

/** Absorption (1 - value / paper) per channel, and the chromaticity of that absorption. */
export function absorption(r: number, g: number, b: number, pr: number, pg: number, pb: number): { total: number; chroma: Chroma } {
  const ar = Math.max(0, 1 - r / Math.max(16, pr));
  const ag = Math.max(0, 1 - g / Math.max(16, pg));
  const ab = Math.max(0, 1 - b / Math.max(16, pb));
  const total = ar + ag + ab;
  if (total <= 0) return { total: 0, chroma: [0, 0] };
  return { total, chroma: [(ar - ag) / total, (ar + ag - 2 * ab) / total] };
}

const chromaDistance = (a: Chroma, b: Chroma) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const chromaOf = (c: Chroma) => Math.hypot(c[0], c[1]);

/** Peaks of a 2-D histogram of coloured ink chromaticities, merged when closer than SAME_INK, largest first. */
function inkPeaks(chromas: Chroma[]): { chroma: Chroma; count: number }[] {
  const bins = 40;
  const hist = new Float64Array(bins * bins);
  const bin = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor(((v + 1.5) / 3) * bins)));
  for (const [a, b] of chromas) hist[bin(b) * bins + bin(a)] = (hist[bin(b) * bins + bin(a)] ?? 0) + 1;
  const peaks: { chroma: Chroma; count: number }[] = [];
  for (let y = 0; y < bins; y++) {
    for (let x = 0; x < bins; x++) {
      const v = hist[y * bins + x] ?? 0;
      if (v < Math.max(20, chromas.length * MIN_PEAK)) continue;
      let top = true;
      for (let dy = -1; dy <= 1 && top; dy++) for (let dx = -1; dx <= 1; dx++) if ((dx || dy) && (hist[(y + dy) * bins + x + dx] ?? 0) > v) top = false;
      if (top) peaks.push({ chroma: [((x + 0.5) / bins) * 3 - 1.5, ((y + 0.5) / bins) * 3 - 1.5], count: v });
    }
  }
  peaks.sort((p, q) => q.count - p.count);
  const merged: { chroma: Chroma; count: number }[] = [];
  for (const p of peaks) {
    // a small peak is another ink only far from every larger one; near one it is that ink's pale rim (see MIN_PEAK)
    const apart = p.count >= chromas.length * BIG_PEAK ? SAME_INK : 2 * SAME_INK;
    if (!merged.some((m) => chromaDistance(m.chroma, p.chroma) < apart)) merged.push(p);
  }
  // each peak's centre refined to the mean of the inks near it
  return merged.map((m) => {
    let [sa, sb, n] = [0, 0, 0];
    for (const c of chromas) {
      if (chromaDistance(c, m.chroma) < SAME_INK) {
        sa += c[0];
        sb += c[1];
        n++;
      }
    }
    return { chroma: n > 0 ? [sa / n, sb / n] : m.chroma, count: n };
  });
}

/** Nearest cluster within SAME_INK * 1.5 of a chromaticity, or -1. */
export function nearestInk(clusters: readonly InkCluster[], chroma: Chroma): number {
  let best = -1;
  let bestDistance = SAME_INK * 1.5;
  for (let k = 0; k < clusters.length; k++) {
    const d = chromaDistance((clusters[k] as InkCluster).chroma, chroma);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The inks of a page (`rgb`, ~150 DPI, with `inside` telling which pixels are the page): coloured inks are found as
 * peaks of chromaticity; an ink is writing if it sits near the page's dominant writing ink or if its pixels form
 * text-sized marks, and furniture otherwise. Black is always writing.
 */
export function analyseInks(rgb: RgbImage, inside: (x: number, y: number) => boolean): InkAnalysis {
  const { width: w, height: h, data } = rgb;
  const paper = paperColour(rgb);
  const chromaAt = new Float32Array(w * h * 2);
  const isInk = new Uint8Array(w * h);
  const totalAt = new Float32Array(w * h);
  const coloured: Chroma[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!inside(x, y)) continue;
      const p = y * w + x;
      const a = absorption(data[p * 3] ?? 0, data[p * 3 + 1] ?? 0, data[p * 3 + 2] ?? 0, level(paper[0], x, y), level(paper[1], x, y), level(paper[2], x, y));
      if (a.total < INK_ABSORPTION) continue;
      isInk[p] = 1;
      totalAt[p] = a.total;
      chromaAt[p * 2] = a.chroma[0];
      chromaAt[p * 2 + 1] = a.chroma[1];
      if (chromaOf(a.chroma) >= COLOURED) coloured.push(a.chroma);
    }
  }
  const peaks = inkPeaks(coloured);
  const label = new Int8Array(w * h).fill(-1); // -2 black, k cluster k, -1 none
  for (let p = 0; p < w * h; p++) {
    if (!isInk[p]) continue;
    const c: Chroma = [chromaAt[p * 2] ?? 0, chromaAt[p * 2 + 1] ?? 0];
    if (chromaOf(c) < COLOURED) {
      label[p] = -2;
      continue;
    }
    let best = -1;
    let bestDistance = SAME_INK * 1.5;
    for (let k = 0; k < peaks.length; k++) {
      const d = chromaDistance(peaks[k]?.chroma ?? [0, 0], c);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    label[p] = best;
  }
  const marks: InkMarks = { width: w, height: h, stamp: new Uint8Array(w * h), furniture: new Uint8Array(w * h), textOf: new Int8Array(w * h).fill(-1) };
  const textLike = textLikeShares(label, w, h, peaks.length, marks);
  const total = coloured.length || 1;
  // the page's own writing ink: whichever ink covers most of it (a stamp or a signature is a small part of a page)
  let dominant: Chroma = [0, 0];
  let dominantCount = textLike.black.pixels;
  peaks.forEach((peak, k) => {
    const count = textLike.clusters[k]?.pixels ?? 0;
    if (count > dominantCount) {
      dominant = peak.chroma;
      dominantCount = count;
    }
  });
  const clusters = peaks.map((peak, k) => {
    const share = textLike.clusters[k]?.share ?? 0;
    const text = chromaDistance(peak.chroma, dominant) < SAME_INK || share >= MIN_TEXT_LIKE;
    // only for the page's own print ink: a coloured values' ink under a stamp is mostly the signature crossing it
    // (tuning photos form-blue-ink 151 and 158, black print: the split kept the signature, 2.3 -> 5.0% CER on 151)
    const printInk = chromaDistance(peak.chroma, dominant) < SAME_INK && chromaOf(dominant) > 0;
    const split = printInk ? splitStampInk(label, chromaAt, marks.stamp, k, inkBit(k), totalAt) : null;
    return { chroma: peak.chroma, share: peak.count / total, textLike: share, text, ...(split ? { split } : {}) };
  });
  return { clusters, dominant, colouredInk: coloured.length, marks };
}

