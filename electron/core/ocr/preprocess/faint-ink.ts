// Faint writing made dark again: where glare or a deep shadow left the page's darkest ink pale, contrast is stretched.
import { squareFilter, type Background } from './illumination';
import type { GreyImage } from './raster';

/**
 * 40 of 255: what the darkest ink of a region is brought to. Body text on a flattened page measures 0-60 at its core;
 * division by the paper's level cannot undo glare, which adds light to ink and paper alike and leaves ink at 150-200.
 */
const TARGET_INK = 40;
/** At most 3x the contrast, so that a region's stray marks and noise stay light. */
const MAX_GAIN = 3;
/**
 * A region whose darkest pixel is over 200 holds no writing, only the paper's noise and grain (flattened paper measures
 * 235-255 and its noise reaches ~215): left as it is, or the stretch would turn the grain into specks.
 */
const NO_INK_ABOVE = 200;
/**
 * A region whose darkest ink is 155 or darker is read as it is: a deep shadow or glare leaves ink at 185-200, while
 * scans' blue values and 200 DPI blur measure 40-120 (stretching those filled digits' gaps: 5 and 6 read as 2 and 8,
 * on scans of seeds 1201-1224 exact fields fell from 88.2% to 85.4%), and small print on a ~150 DPI photo 120-155.
 * Stretching that thickened its strokes until letters ran together: with 120 here, held-out photos (bench:ocr seeds
 * 760-771, 77 pages) read better without the step in 9 conditions and worse in none; tuning photos 261-290 (17 pages,
 * native tesseract) 2.23% mean CER with 120, 1.80% with 155, 1.61% without the step; the deep-shadow page of the ink
 * guard (test seed 304) keeps every glyph with 155 (0.16% CER) and loses 23, 1.86%, without the step.
 */
const PALE_ABOVE = 155;
/**
 * A dark pixel is writing only when it lies more than 10 noise spreads under its cell's upper quartile, the spread being
 * the cell's 90th percentile minus its 75th: both paper, however dense the writing (under 75% of a cell), and 0.6 σ of
 * Gaussian noise, so the floor sits ~5 σ under the paper. Flattening a deep shadow multiplies the paper's sensor noise
 * with its light, and its darkest grains reach 140-200: stretched, a shadowed corner of a white-table photo turned into
 * a field of specks that tesseract read as text (tuning seed 36 of phone-light-desk: 21.7% CER, 1.7% without the
 * step). Glare-paled text on clean paper lies 30 or more spreads under it.
 */
const NOISE_SPREADS = 10;
/** Pixels under the floor a cell needs before any of them counts as writing (see writingMarks). */
const MIN_INK_PIXELS = 4;
/**
 * Only paper that lay in a deep shadow is stretched: where its level before flattening was under 55% of the page's lit
 * paper (the 95th percentile of the levels). There the camera's flare lifts the ink with the paper (ink 0.63-0.83 of its
 * paper under the blob shadow of the ink guard's seed 304, paper at 75-106 against ~230 lit), and division gives the
 * paper back its white but not the ink its black. Elsewhere a pale mark is pale on the page (a rim's grain, a stroke's
 * edge) and stretching it made specks read as letters. Fresh photos 5001-5040 (native tesseract, where the step acted):
 * without this limit it acted on 13 pages, 0.67% mean CER against 0.35% without the step; with it on 7, 0.64 / 0.25%.
 * 0.45 lost 12 of seed 304's glyphs again.
 */
const SHADED_BELOW = 0.55;
/**
 * Light pales every stroke of a stretch of writing; blur pales only the thinnest (a photo at ~150 DPI, a word's hairlines
 * at 160-190 beside its stems at 60-120). A region is stretched only when the darkest writing within 3 of its reaches
 * (~11 mm, two or three lines and a few words either side) is pale too: otherwise the stretch darkened single words of
 *  * blurred print in a shadow, and the words around them read worse: tuning photos 261-266 of the dark desk, light desk
 * and deep shadow conditions (18 pages, native tesseract) 0.28% mean CER without this test, 0.21% with it, 0.14%
 * without the step; the ink guard's seed 304 still keeps every glyph (23 lost without the step).
 */
const WIDE_REACH = 3;

/** The paper's level before flattening over the page's lit level, per pixel of the closing's grid (see flatten). */
export function shadeOf(background: Background): Float32Array {
  const { levels } = background;
  const sorted = Float32Array.from(levels).sort();
  const lit = Math.max(1, sorted[Math.floor(sorted.length * 0.95)] ?? 255);
  return levels.map((v) => v / lit);
}

/**
 * Stretches the contrast of a flattened page (paper at ~255) wherever the darkest ink within `radius` pixels of
 * `small` (a reduced copy, `fullPerPixel` page pixels per pixel) is paler than PALE_ABOVE: 255 - v is multiplied by
 * (255 - TARGET_INK) / (255 - darkest), at most MAX_GAIN. Pages whose text is dark everywhere, and regions with no
 * writing, are left as they are; given `shade` (shadeOf, on `small`'s grid), so is every region in the light.
 */
export function stretchFaintInk(img: GreyImage, small: GreyImage, radius: number, fullPerPixel: number, shade?: Float32Array): GreyImage {
  const { width: sw, height: sh } = small;
  const darkest = squareFilter(small.data, sw, sh, radius, false);
  // the darkest mark that stands out of its cell's noise: over NO_INK_ABOVE where a region holds only noise
  const writing = writingMarks(small, Math.max(8, radius));
  const darkestInk = squareFilter(writing, sw, sh, radius, false);
  // the darkest writing within WIDE_REACH reaches: where it is dark, this region's pale print is the print's own
  const darkestAround = squareFilter(writing, sw, sh, radius * WIDE_REACH, false);
  const gains = new Float32Array(sw * sh);
  let any = false;
  for (let i = 0; i < gains.length; i++) {
    const d = darkest[i] ?? 0;
    const noiseOnly = (darkestInk[i] ?? 255) > NO_INK_ABOVE;
    const lit = shade !== undefined && (shade[i] ?? 0) >= SHADED_BELOW;
    const printPale = (darkestAround[i] ?? 255) <= PALE_ABOVE;
    const gain = lit || printPale || d <= PALE_ABOVE || d > NO_INK_ABOVE || noiseOnly ? 1 : Math.min(MAX_GAIN, (255 - TARGET_INK) / Math.max(1, 255 - d));
    gains[i] = gain;
    if (gain > 1.05) any = true;
  }
  if (!any) return img;
  // the gain map is smoothed (a 3 x 3 mean, twice) so that it does not step where a region's darkest mark ends
  const smooth = meanOf(meanOf(gains, sw, sh), sw, sh);
  const { width, height, data } = img;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(sh - 1, Math.floor(y / fullPerPixel));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(sw - 1, Math.floor(x / fullPerPixel));
      const gain = smooth[sy * sw + sx] ?? 1;
      const v = 255 - (255 - (data[y * width + x] ?? 255)) * gain;
      out[y * width + x] = v < 0 ? 0 : v;
    }
  }
  return { data: out, width, height };
}

/**
 * A cell's dark marks count as writing only when the cells beside it, along the line it would sit on, hold marks too:
 * at least LINE_CELLS of the 2 x LINE_REACH + 1 columns around it (each looked at one cell above and below, for a page
 * still turned by up to ~8 degrees). Writing runs along lines; the grain of a shadowed rim beyond the text block (the
 * sliver of desk or paper edge the outline left inside, a strip one or two cells wide) does not, and stretched it became
 * specks read as letters: photos of phone-deep-shadow 778 and 783 (since then tuning seeds), 0.28 / 1.25% CER with
 * the step against 0.06 / 0.00% without it, and keystone 283 before them. A line's last short word (4 cells, ~14 mm) still counts.
 */
const LINE_REACH = 4;
const LINE_CELLS = 4;
/**
 * Writing is stretched only inside the text block: the run of rows, and of columns, of line cells that holds the most
 * of them, where gaps of up to 4 empty cells (~14 mm: between paragraphs, a form's columns) do not split it. A page's
 * rim lies beyond its margin (20 mm or more), and its grain along the top or bottom edge runs like a line
 *  * (tuning photo phone-light-desk 264: specks at the bottom corners read as "LJY9 3ÊJU2", 0.74% against 0.00% without
 * the step; the same 18 pages 0.16% mean with this limit, 0.14% without the step; forms and side keystones 271-274,
 * 36 pages: 1.29% either way).
 */
const BLOCK_GAP = 4;

/**
 * A copy of `img` with every pixel that does not stand out of its cell's noise (see NOISE_SPREADS), or whose cell
 * lies on no line of writing (see LINE_CELLS), set to paper (255), in cells of `cell` x `cell` pixels (the reach the
 * darkest ink is looked for in, ~3.6 mm).
 */
function writingMarks(img: GreyImage, cell: number): Uint8Array {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data.length).fill(255);
  const hist = new Uint32Array(256);
  const cw = Math.ceil(w / cell);
  const ch = Math.ceil(h / cell);
  const floors = new Float32Array(cw * ch).fill(-1);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      const [x0, y0] = [cx * cell, cy * cell];
      const x1 = Math.min(w, x0 + cell);
      const y1 = Math.min(h, y0 + cell);
      hist.fill(0);
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) hist[data[y * w + x] ?? 0] = (hist[data[y * w + x] ?? 0] ?? 0) + 1;
      const n = (x1 - x0) * (y1 - y0);
      const upper = levelAt(hist, n * 0.75);
      const floor = upper - NOISE_SPREADS * Math.max(1, levelAt(hist, n * 0.9) - upper);
      // a lone grain under the floor is noise's far tail (~1 in 30,000 pixels at 4 σ); a stroke has several
      if (levelAt(hist, MIN_INK_PIXELS) < floor) floors[cy * cw + cx] = floor;
    }
  }
  const marked = (cx: number, cy: number) => cx >= 0 && cy >= 0 && cx < cw && cy < ch && (floors[cy * cw + cx] ?? -1) >= 0;
  const onLine = new Uint8Array(cw * ch);
  const rows = new Uint32Array(ch);
  const cols = new Uint32Array(cw);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      if (!marked(cx, cy)) continue;
      let columns = 0;
      for (let dx = -LINE_REACH; dx <= LINE_REACH; dx++) if (marked(cx + dx, cy - 1) || marked(cx + dx, cy) || marked(cx + dx, cy + 1)) columns++;
      if (columns < LINE_CELLS) continue;
      onLine[cy * cw + cx] = 1;
      rows[cy] = (rows[cy] ?? 0) + 1;
      cols[cx] = (cols[cx] ?? 0) + 1;
    }
  }
  const [top, bottom] = heaviestRun(rows, BLOCK_GAP);
  const [left, right] = heaviestRun(cols, BLOCK_GAP);
  for (let cy = top; cy <= bottom; cy++) {
    for (let cx = left; cx <= right; cx++) {
      if (!onLine[cy * cw + cx]) continue;
      const floor = floors[cy * cw + cx] ?? -1;
      const [x0, y0] = [cx * cell, cy * cell];
      for (let y = y0; y < Math.min(h, y0 + cell); y++) {
        for (let x = x0; x < Math.min(w, x0 + cell); x++) {
          const v = data[y * w + x] ?? 255;
          if (v < floor) out[y * w + x] = v;
        }
      }
    }
  }
  return out;
}

/**
 * The rows (or columns) of cells from the first to the last of the run that holds the most marks, runs being split
 * where more than `gap` rows in a row hold none: [0, -1] when none holds any.
 */
function heaviestRun(counts: Uint32Array, gap: number): [number, number] {
  let best: [number, number] = [0, -1];
  let bestSum = 0;
  let start = -1;
  let last = -1;
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    if (n > 0) {
      if (start >= 0 && i - last - 1 > gap) {
        if (sum > bestSum) [best, bestSum] = [[start, last], sum];
        start = -1;
        sum = 0;
      }
      if (start < 0) start = i;
      last = i;
      sum += n;
    }
  }
  if (start >= 0 && sum > bestSum) best = [start, last];
  return best;
}

/** The grey level under which `count` pixels of the histogram lie. */
function levelAt(hist: Uint32Array, count: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v] ?? 0;
    if (seen >= count) return v;
  }
  return 255;
}

function meanOf(src: Float32Array, w: number, h: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          sum += src[yy * w + xx] ?? 1;
          n++;
        }
      }
      out[y * w + x] = sum / n;
    }
  }
  return out;
}
