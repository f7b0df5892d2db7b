// Rules out of a form: underscores and underlines (long thin horizontal strokes) erased, letters that cross them kept.
import { components } from './components';
import { eraseLeaderBands, type LeaderBand } from './leader-bands';
import type { GreyImage } from './raster';
import { eraseVerticalRules } from './vertical-rules';

/** A rule is at least 3 x-heights long: the longest horizontal stroke of a letter (T, Đ, E) is about one x-height. */
const MIN_LENGTH = 3;
/**
 * ...and at most 0.4 x-height thick where it is erased: rules and underscores are 1-2 pt (0.1-0.3 x-height of 12 pt
 * text); where a letter's stem or bowl crosses or touches the rule, the ink is thicker and stays.
 */
const MAX_THICKNESS = 0.4;
/** Gaps up to 0.15 x-height along a rule are bridged: a run of underscores is drawn glyph by glyph, with hairlines. */
const GAP = 0.15;
/**
 * A mark under 210 (as light as a leader's blurred dots, see LEADER_LEVEL) at least 2 x-heights long and at most 0.45
 * tall is a bar of furniture on its own: at ~150 DPI a photo's blur runs a dot leader's dots together into one such
 * bar, too pale for the rule runs and not a row of dots (tuning photo form-dots 52: a whole leader left, read as
 * "2 222-026:-/2-0402..."). No letter or word is that flat; a letter touching the bar joins it and makes it taller.
 * Tuning forms 51-75 (18 pages, native tesseract): mean CER 2.38% with the bars erased, 2.62% without (52: 3.9/7.9%).
 */
const BAR_LEVEL = 210;
const BAR_LENGTH = 2;
const BAR_HEIGHT = 0.45;

/** Erases pale flat bars (see BAR_LEVEL) whole, and the marks along each bar's line; returns the pixels erased. */
export function eraseBars(img: GreyImage, xHeight: number): number {
  if (xHeight <= 0) return 0;
  const { width: w, data } = img;
  let erased = 0;
  const bands: LeaderBand[] = [];
  for (const c of components(img, BAR_LEVEL)) {
    if (c.x1 - c.x0 + 1 < xHeight * BAR_LENGTH || c.y1 - c.y0 + 1 > xHeight * BAR_HEIGHT) continue;
    const centre = (c.y0 + c.y1) / 2;
    bands.push({ x0: c.x0, x1: c.x1, y: () => centre, half: Math.max(1, (c.y1 - c.y0 + 1) / 2), xHeight });
    for (let y = c.y0; y <= c.y1; y++) {
      for (let i = y * w + c.x0; i <= y * w + c.x1; i++) {
        if ((data[i] ?? 255) < 235) {
          data[i] = 255;
          erased++;
        }
      }
    }
  }
  // a bar is a leader's line: the rest of that leader along the row, dots left apart or run into short pieces, goes
  // too (tuning photo form-dots 52: the dark half of a leader after "Hà Nội" stayed, 4.0% -> 1.7%; dots 71 1.5% ->
  // 1.2%; underline 52 1.5% -> 1.8%, a junk line under the signature read differently; 21 other tuning forms unchanged)
  if (bands.length > 0) erased += eraseLeaderBands(img, bands, BAR_LEVEL);
  return erased;
}

/**
 * Erases horizontal rules from a level page (lines of text horizontal) in place: pixels darker than `ink` in a
 * horizontal run of at least MIN_LENGTH x-heights whose vertical run of ink through them is at most MAX_THICKNESS
 * x-heights; then pale bars, and long thin vertical lines (vertical-rules.ts). Returns the pixels erased.
 */
export function eraseRules(img: GreyImage, xHeight: number, ink = 160): number {
  return eraseDarkRules(img, xHeight, ink) + eraseBars(img, xHeight) + eraseVerticalRules(img, xHeight, BAR_LEVEL);
}

function eraseDarkRules(img: GreyImage, xHeight: number, ink: number): number {
  const { width: w, height: h, data } = img;
  if (xHeight <= 0) return 0;
  const minRun = Math.max(12, Math.round(xHeight * MIN_LENGTH));
  const maxThick = Math.max(2, Math.round(xHeight * MAX_THICKNESS));
  // vertical run length of ink through each pixel, only where a long horizontal run passes
  const candidate = new Uint8Array(w * h);
  const gap = Math.max(2, Math.round(xHeight * GAP)); // between the glyphs of a run of underscores
  let any = false;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let x = 0;
    while (x < w) {
      if ((data[row + x] ?? 255) >= ink) {
        x++;
        continue;
      }
      const start = x;
      let end = x;
      while (x < w) {
        if ((data[row + x] ?? 255) < ink) {
          end = ++x;
          continue;
        }
        let skip = x;
        while (skip < w && skip - end < gap && (data[row + skip] ?? 255) >= ink) skip++;
        if (skip >= w || (data[row + skip] ?? 255) >= ink) break;
        x = skip;
      }
      x = Math.max(x, end);
      if (end - start >= minRun) {
        for (let i = row + start; i < row + end; i++) if ((data[i] ?? 255) < ink) candidate[i] = 1;
        any = true;
      }
    }
  }
  if (!any) return 0;
  // vertical ink runs through the rules, per column
  const runs: { start: number; end: number }[][] = Array.from({ length: w }, () => []);
  for (let x = 0; x < w; x++) {
    let y = 0;
    while (y < h) {
      if ((data[y * w + x] ?? 255) >= ink) {
        y++;
        continue;
      }
      const start = y;
      let onRule = false;
      while (y < h && (data[y * w + x] ?? 255) < ink) {
        if (candidate[y * w + x]) onRule = true;
        y++;
      }
      if (onRule) runs[x]?.push({ start, end: y });
    }
  }
  // a column is the rule alone where its run is no thicker than the rule is around it (median over ±1 x-height);
  // where an accent or a letter touches the rule (the dot under ị, a descender) the run is thicker and all of it stays
  const reach = Math.max(4, Math.round(xHeight));
  const erase: number[] = [];
  for (let x = 0; x < w; x++) {
    for (const run of runs[x] ?? []) {
      const length = run.end - run.start;
      if (length > maxThick) continue;
      const around: number[] = [];
      for (let k = Math.max(0, x - reach); k <= Math.min(w - 1, x + reach); k++) {
        for (const other of runs[k] ?? []) if (other.start < run.end && other.end > run.start) around.push(other.end - other.start);
      }
      around.sort((a, b) => a - b);
      const local = around[Math.floor(around.length / 2)] ?? length;
      if (length <= local + 1) for (let y = run.start; y < run.end; y++) erase.push(y * w + x);
    }
  }
  // one pixel of the rule's anti-aliased rim above and below goes too
  for (const i of erase) {
    data[i] = 255;
    for (const j of [i - w, i + w]) if (j >= 0 && j < w * h && (data[j] ?? 255) < 235 && !candidateColumnInk(data, j, w, h, ink)) data[j] = 255;
  }
  return erase.length;
}

/** Whether pixel j continues into ink above or below (a letter touching the rule): its rim pixel must then stay. */
function candidateColumnInk(data: Uint8Array, j: number, w: number, h: number, ink: number): boolean {
  const up = j - w;
  const down = j + w;
  return (up >= 0 && (data[up] ?? 255) < ink) || (down < w * h && (data[down] ?? 255) < ink);
}
