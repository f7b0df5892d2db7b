// Colour to grey for OCR with furniture inks faded out: a stamp or signature takes its lightest channel, writing stays.
import { dilateMask } from './components';
import type { Background } from './illumination';
import { absorption, COLOURED_CHROMA, level, nearestInk, type Chroma, type InkCluster } from './ink-colours';
import { inkBit, type InkMarks } from './ink-marks';
import type { GreyImage, RgbImage } from './raster';
import { isStampColour } from './stamp-split';

/**
 * 5 px around furniture ink count as its rim: JPEG keeps colour at half resolution and a photo's blur mixes the ink's
 * edge with the paper, so a stamp's rim has part of the ink's darkness but little of its colour, and would otherwise
 * stay behind as a grey outline of the stamp. With 3 px a 300 DPI scan's stamp kept the outlines of its letters and
 * rings, read as a line of junk (forms test seeds 321-324, tuning: 3.6% -> 1.5% CER on 321, 4.4% -> 1.0% on 324).
 */
const RIM = 5;
/**
 * After flattening, furniture pixels and their rim lighter than 110 become paper (a dense purple stamp measures ~160
 * in its lightest channel; writing under a stamp stays far darker, black print under 80).
 */
export const FURNITURE_TO_PAPER = 110;

export type GreyConversion = {
  image: GreyImage;
  /** 1 where furniture ink was faded: after flattening these pixels are pushed to paper unless dark (text under it) */
  mask: Uint8Array;
  furniturePixels: number;
};

/** What a coloured ink pixel is: writing (kept, never faded by the rim), furniture (faded), or print under a stamp. */
type Verdict = 'writing' | 'furniture' | 'under-stamp';

/**
 * What coloured ink of cluster `k` at (x, y) is (see Verdict). With `marks` (on a grid `scale` times this image's), by
 * the shape of the mark it is in: ink inside the box of a round stamp of its own ink is furniture (blue print's
 * cluster holding a blue stamp), and a furniture ink's text-sized marks outside any such box are writing (a blue pen's
 * values in the blue stamp's cluster). Writing of another ink under a stamp stays writing.
 */
function verdictOf(cluster: InkCluster, k: number, x: number, y: number, chroma: Chroma, total: number, marks: InkMarks | undefined, scale: number): Verdict {
  if (!marks) return cluster.text ? 'writing' : 'furniture';
  const m = Math.min(marks.height - 1, Math.floor(y * scale)) * marks.width + Math.min(marks.width - 1, Math.floor(x * scale));
  const stamps = marks.stamp[m] ?? 0;
  // blue print under a purple or blue stamp in the print's cluster: the stamp's own shade is faded; the print's shade
  // keeps its grey but stays in the mask, so what of it is pale after flattening (the stamp's blurred rim) is whitened
  // while the dark print stays (tuning photos form-dots 154, grey counter: the print under the stamp went with it)
  if (stamps & inkBit(k)) {
    const split = cluster.split;
    if (!split) return 'furniture';
    if (!isStampColour(split, chroma)) return 'under-stamp';
    // a paler stamp split from print of nearly its colour (stamp-split.ts MIN_PALE_SPLIT): a pixel of the stamp's shade
    // absorbing more than the print's mean is print overlapped by the stamp (the inks add up); faded, the letters under
    // a blue stamp on a blue-printed scan kept only their outlines (tuning scans: form-blue-ink 268, 2.1 -> 1.05% CER)
    return split.printTotal !== undefined && total > split.printTotal ? 'under-stamp' : 'furniture';
  }
  if (cluster.text) return 'writing';
  if (stamps !== 0) return 'furniture';
  // outside a furniture-shaped mark of its own ink, a furniture ink's pixel is a colour fringe of black print (a
  // photo's blur and JPEG's half-resolution colour): faded with its 5 px rim it thinned every printed letter of tuning
  // photo form-dots 73 (purple stamp, black print). Tuning photos 51-75 (18 pages, native tesseract): mean CER 2.73%
  // without this test, 2.38% with it
  return marks.textOf[m] !== k && ((marks.furniture[m] ?? 0) & inkBit(k)) !== 0 ? 'furniture' : 'writing';
}

/**
 * Luminance (Rec. 601) of each pixel, except where the ink is one of the furniture `clusters`: there the pixel takes
 * its reflectance in the channel the ink absorbs least, times the paper's luminance, which is about as light as the
 * paper (a stamp multiplies the paper by its colour), while writing under it, dark in every channel, keeps its
 * contrast. `paper` holds the per-channel paper levels in this image's pixels.
 */
export function colourToGrey(
  rgb: RgbImage,
  clusters: readonly InkCluster[],
  paper: readonly [Background, Background, Background],
  marks?: InkMarks,
  marksPerPixel = 1,
): GreyConversion {
  const { width: w, height: h, data: src } = rgb;
  const n = w * h;
  const out = new Uint8Array(n);
  const furniture = new Uint8Array(n);
  const writing = new Uint8Array(n); // 1 coloured writing: the rim never spreads over it; 2 print under a stamp (masked, not faded)
  const lightest = new Uint8Array(n);
  const anyFurniture = clusters.some((c) => !c.text) || (marks?.stamp.some((bits) => bits !== 0) ?? false);
  let count = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      const r = src[p * 3] ?? 0;
      const g = src[p * 3 + 1] ?? 0;
      const b = src[p * 3 + 2] ?? 0;
      const lum = (77 * r + 150 * g + 29 * b) >> 8;
      out[p] = lum;
      if (!anyFurniture) continue;
      const pr = level(paper[0], x, y);
      const pg = level(paper[1], x, y);
      const pb = level(paper[2], x, y);
      const paperLum = (77 * pr + 150 * pg + 29 * pb) / 256;
      const reflect = Math.max(r / Math.max(16, pr), g / Math.max(16, pg), b / Math.max(16, pb));
      lightest[p] = Math.min(255, reflect * paperLum);
      const a = absorption(r, g, b, pr, pg, pb);
      // clearly coloured ink only: the colour fringes JPEG and a photo's blur leave along black strokes are weaker
      if (a.total < 0.3 || Math.hypot(a.chroma[0], a.chroma[1]) < COLOURED_CHROMA) continue;
      const k = nearestInk(clusters, a.chroma);
      const cluster = clusters[k];
      if (!cluster) continue;
      const verdict = verdictOf(cluster, k, x, y, a.chroma, a.total, marks, marksPerPixel);
      if (verdict === 'writing') writing[p] = 1;
      if (verdict === 'under-stamp') writing[p] = 2;
      if (verdict !== 'furniture') continue;
      furniture[p] = 1;
      out[p] = Math.max(lum, lightest[p] ?? 0);
      count++;
    }
  }
  if (count === 0) return { image: { data: out, width: w, height: h }, mask: furniture, furniturePixels: 0 };
  const rim = dilateMask(furniture, w, h, RIM);
  for (let p = 0; p < n; p++) {
    if (writing[p] === 2) rim[p] = 1;
    if (!rim[p] || writing[p]) {
      if (writing[p] !== 2) rim[p] = 0;
      continue;
    }
    out[p] = Math.max(out[p] ?? 0, lightest[p] ?? 0);
  }
  return { image: { data: out, width: w, height: h }, mask: rim, furniturePixels: count };
}

/** After flattening: furniture pixels and their rim lighter than FURNITURE_TO_PAPER become paper. */
export function whitenFurniture(img: GreyImage, mask: Uint8Array): void {
  const { data } = img;
  for (let p = 0; p < data.length; p++) {
    if (mask[p] && (data[p] ?? 0) >= FURNITURE_TO_PAPER) data[p] = 255;
  }
}
