// The page's inks by colour: which are writing (black, and any colour that forms text) and which are furniture
// (stamps, signatures: coloured ink in large strokes), judged on the page itself rather than by a fixed hue.
import { componentMoments, dilateMask, thickness } from './components';
import { estimateBackground, type Background } from './illumination';
import type { RgbImage } from './raster';
import { findRing, MIN_RING } from './stamp-ring';
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

/**
 * Where the coloured inks' marks are, on the analysed image's grid: `stamp` has bit `inkBit(k)` set inside the box of
 * a round stamp's ring (see STAMP_ASPECT) of ink k; `furniture` has it inside the box of any furniture-shaped mark of
 * ink k (ring, star, signature); `textOf` is k on a text-sized mark of ink k.
 */
export type InkMarks = { width: number; height: number; stamp: Uint8Array; furniture: Uint8Array; textOf: Int8Array };

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
/** Gaps up to 6 px (~1 mm at the ~150 DPI the inks are looked at) are bridged before marks are measured. */
const CLOSE = 3;
/**
 * A mark is text-sized when its thickness across its main direction is at most 2.2 times that of the marks most ink
 * is in (any length: at ~150 DPI the letters of a word run together, and a leader joins a line's words); a stamp's
 * ring and star, a signature's loops are thick every way.
 */
const TEXT_HEIGHT = 2.2;
/**
 * A furniture-shaped mark is a stamp's or signature's only when its box is at most 30% of the page's short side: an
 * office stamp is 36-42 mm across (17-20% of A4's width), while a frame or table round printed text is wider.
 */
const STAMP_SIDE = 0.3;
/**
 * ... and only when its box is about square (sides within 1.35 of each other): a round stamp's at any angle. A
 * signature's loops are wider than tall (2.2 and 1.7 on tuning forms 47-48, against 1.04-1.10 for stamps) and are left
 * to their ink's verdict and the scribbles step: faded by box, a blue signature took the name printed under it along.
 */
const STAMP_ASPECT = 1.35;

/** The bit of ink `k` in `InkMarks.stamp` (inks past the eighth share the last bit). */
export const inkBit = (k: number): number => 1 << Math.min(7, Math.max(0, k));

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

type Shares = { pixels: number; share: number };

/** Sets `map` to `value` over a component's box. */
function fillBox(map: Int8Array, w: number, c: { x0: number; y0: number; x1: number; y1: number }, value: number): void {
  for (let y = c.y0; y <= c.y1; y++) map.fill(value, y * w + c.x0, y * w + c.x1 + 1);
}

/** A furniture-shaped mark's box that can be a round stamp's (see STAMP_SIDE, STAMP_ASPECT). */
function isStampBox(c: { x0: number; y0: number; x1: number; y1: number }, maxSide: number): boolean {
  const long = Math.max(c.x1 - c.x0, c.y1 - c.y0) + 1;
  const short = Math.min(c.x1 - c.x0, c.y1 - c.y0) + 1;
  return long <= maxSide && long <= short * STAMP_ASPECT;
}

/** Sets `bit` in `map` over a component's box. */
function markBox(map: Uint8Array, w: number, c: { x0: number; y0: number; x1: number; y1: number }, bit: number): void {
  for (let y = c.y0; y <= c.y1; y++) for (let p = y * w + c.x0; p <= y * w + c.x1; p++) map[p] = (map[p] ?? 0) | bit;
}

/**
 * For black and each coloured ink: its pixels, and the share of them in text-sized marks; the coloured inks' marks
 * drawn into `marks` (one ink can hold both a stamp and writing: a blue stamp over values in blue pen).
 */
function textLikeShares(label: Int8Array, w: number, h: number, count: number, marks: InkMarks): { black: Shares; clusters: Shares[] } {
  // the thickness of the marks most of the ink is in (weighted by area: a desk's or a dusty page's many specks weigh
  // little); thickness across a mark's main direction, so a tilted word or line counts by its height
  const all = new Uint8Array(w * h);
  for (let p = 0; p < w * h; p++) if (label[p] !== -1) all[p] = 1;
  const sized = componentMoments(all, w, h).map((m) => ({ thick: thickness(m), area: m.area }));
  sized.sort((a, b) => a.thick - b.thick);
  const inkArea = sized.reduce((n, m) => n + m.area, 0);
  let seen = 0;
  let typical = 3;
  for (const m of sized) {
    seen += m.area;
    if (seen >= inkArea / 2) {
      typical = Math.max(3, m.thick);
      break;
    }
  }
  const sharesOf = (which: number): Shares => {
    const mask = new Uint8Array(w * h);
    let pixels = 0;
    for (let p = 0; p < w * h; p++) {
      if (label[p] === which) {
        mask[p] = 1;
        pixels++;
      }
    }
    if (pixels === 0) return { pixels, share: 0 };
    // closed first: a stamp's ring broken by specks where the ink did not take, or by text crossing it, is one mark;
    // text-sized marks are found on the closed mask, then counted in the ink's own pixels
    const closed = dilateMask(mask, w, h, CLOSE);
    let inText = 0;
    let closedArea = 0;
    const stampSide = STAMP_SIDE * Math.min(w, h);
    for (const c of componentMoments(closed, w, h)) {
      closedArea += c.area;
      const textSized = thickness(c) - 2 * CLOSE <= typical * TEXT_HEIGHT;
      if (textSized) inText += c.area;
      if (which < 0) continue;
      if (textSized) {
        fillBox(marks.textOf, w, c, which);
        continue;
      }
      markBox(marks.furniture, w, c, inkBit(which));
      if (isStampBox(c, stampSide)) markBox(marks.stamp, w, c, inkBit(which));
      else if (Math.min(c.x1 - c.x0, c.y1 - c.y0) < stampSide && Math.max(c.x1 - c.x0, c.y1 - c.y0) < 2 * stampSide) {
        // on a photo the stamp's ring, blurred, runs into the signature that crosses it: one mark, not square (tuning
        // forms 51-75, 18 pages: mean CER 2.38% with the ring search, 3.05% without; photo dots 51: 1.2 against 6.0%)
        const ring = findRing(closed, w, c, MIN_RING * Math.min(w, h));
        if (ring) markBox(marks.stamp, w, ring, inkBit(which));
      }
    }
    return { pixels, share: closedArea === 0 ? 0 : inText / closedArea };
  };
  return { black: sharesOf(-2), clusters: Array.from({ length: count }, (_, k) => sharesOf(k)) };
}
