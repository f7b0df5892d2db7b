// Leader lines under values: the stretch of a found leader that touches a value's letters, erased between the letters.
import { byColumns, components, type Component } from './components';
import { isGrain, type DotBox } from './leaders';
import type { GreyImage } from './raster';
import { median } from '../../stats';

/** A leader's line across the page: its centre y at x (a fitted line), half its thickness, and its x extent. */
export type LeaderBand = { x0: number; x1: number; y: (x: number) => number; half: number; xHeight: number };

/** Marks of one leader are at one level: within a quarter x-height (as findDotLeaders groups them). */
const ROW_TOLERANCE = 0.25;
/** A row of fewer marks is not a leader (findDotLeaders asks for 6 in a chain). */
const MIN_MARKS = 6;


/** The leaders' lines, from the marks findDotLeaders found (grouped back into rows by their level). */
export function leaderBands(marks: DotBox[], xHeight: number): LeaderBand[] {
  const sorted = [...marks].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const bands: LeaderBand[] = [];
  let start = 0;
  while (start < sorted.length) {
    let end = start + 1;
    const level = ((sorted[start]?.y0 ?? 0) + (sorted[start]?.y1 ?? 0)) / 2;
    while (end < sorted.length && Math.abs(((sorted[end]?.y0 ?? 0) + (sorted[end]?.y1 ?? 0)) / 2 - level) <= xHeight * ROW_TOLERANCE) end++;
    const row = sorted.slice(start, end);
    start = end;
    if (row.length < MIN_MARKS) continue;
    // least squares line through the marks' centres: a residual skew of 0.1° moves a line 2-3 px across a page
    const xs = row.map((m) => (m.x0 + m.x1) / 2);
    const ys = row.map((m) => (m.y0 + m.y1) / 2);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < xs.length; i++) {
      sxx += ((xs[i] ?? 0) - mx) ** 2;
      sxy += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
    }
    const slope = sxx > 0 ? sxy / sxx : 0;
    bands.push({
      x0: Math.min(...row.map((m) => m.x0)),
      x1: Math.max(...row.map((m) => m.x1)),
      y: (x) => my + slope * (x - mx),
      half: median(row.map((m) => m.y1 - m.y0 + 1)) / 2,
      xHeight,
    });
  }
  return bands;
}

/**
 * Erases, along each band, the ink that lies within the band and goes no further up or down (the leader's own stroke,
 * where it touches a value's letters and so was not a separate mark); where ink leaves the band (a letter's stem,
 * bowl or descender crossing or sitting on the line) the column is left as it is. Returns the pixels erased.
 */
export function eraseLeaderBands(img: GreyImage, bands: LeaderBand[], ink: number): number {
  const { width: w, height: h, data } = img;
  const dark = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && (data[y * w + x] ?? 255) < ink;
  let erased = 0;
  for (const band of bands) {
    const reach = Math.ceil(band.half) + 1;
    const from = Math.max(0, band.x0);
    const to = Math.min(w - 1, band.x1);
    // per column: 0 no ink in the band, 1 leader-like ink, 2 a letter's (ink leaving the band, or thick or off centre)
    const state = new Uint8Array(to - from + 1);
    for (let x = from; x <= to; x++) {
      const centre = Math.round(band.y(x));
      const top = centre - reach;
      const bottom = centre + reach;
      let first = -1;
      let last = -1;
      for (let y = top; y <= bottom; y++) {
        if (!dark(x, y)) continue;
        if (first < 0) first = y;
        last = y;
      }
      if (first < 0) continue;
      // diagonal neighbours too: an italic stroke crosses a column in a short run
      const leaves = [-1, 0, 1].some((dx) => dark(x + dx, top - 1) || dark(x + dx, bottom + 1));
      // ink thicker than the leader, or off its centre, is a letter's stroke lying on the line (the bottom of an o)
      const leaderLike = last - first + 1 <= 2 * band.half + 1 && Math.abs((first + last) / 2 - band.y(x)) <= 1.5;
      state[x - from] = leaves || !leaderLike ? 2 : 1;
    }
    for (const [a, b] of letterBottoms(state, band.xHeight)) state.fill(2, a, b + 1);
    for (let x = from; x <= to; x++) {
      if (state[x - from] !== 1) continue;
      const centre = Math.round(band.y(x));
      for (let y = Math.max(0, centre - reach); y <= Math.min(h - 1, centre + reach); y++) {
        const i = y * w + x;
        if ((data[i] ?? 255) < 235) {
          data[i] = 255;
          erased++;
        }
      }
    }
  }
  return erased + eraseMergedRuns(img, bands, ink);
}

/**
 * Runs of leader-like columns that join two letter columns, at most 1.2 x-heights long: the bottom of a bowl or of a
 * u sitting on the leader (ư, b, o, between their stems). A leader's dot touches at most one letter. Erased, they cut
 * the letters open (tuning photos form-dots, -blue-ink and -stamp-blue 154, grey counter: "lượng" read "lrợng", "bản"
 * "hản", "Bệnh" "Rệnh").
 */
function letterBottoms(state: Uint8Array, xHeight: number): [number, number][] {
  const out: [number, number][] = [];
  let x = 0;
  while (x < state.length) {
    if (state[x] !== 1) {
      x++;
      continue;
    }
    let end = x;
    while (end + 1 < state.length && state[end + 1] === 1) end++;
    if (state[x - 1] === 2 && state[end + 1] === 2 && end - x + 1 <= xHeight * 1.2) out.push([x, end]);
    x = end + 1;
  }
  return out;
}

/**
 * Marks lying wholly inside a band's line, anywhere along the row: at ~150 DPI a photo's blur runs a leader's dots
 * together into bars that are neither dots on the grid nor dashes (tuning photo form-dots 73: "....Việt Nam......"),
 * and the dots between a value's words are off the grid where the value was typed over them. A mark with ink just
 * above it (the dot under ạ, ị, ộ) is a letter's, and stays. Tuning forms 51-75 (14 photos, 4 scans; native
 * tesseract): mean CER 2.38% with this pass, 3.79% without (form-dots 73: 3.2% against 10.0%).
 */
function eraseMergedRuns(img: GreyImage, bands: LeaderBand[], ink: number): number {
  if (bands.length === 0) return 0;
  const { width: w, data } = img;
  const marks = components(img, ink);
  const { above, letterBefore } = neighbours(marks, Math.max(...bands.map((b) => b.xHeight)));
  let erased = 0;
  for (const c of marks) {
    const cx = (c.x0 + c.x1) / 2;
    const band = bands.find((b) => {
      const centre = b.y(cx);
      const reach = Math.ceil(b.half) + 1;
      return c.y0 >= centre - reach - 1 && c.y1 <= centre + reach + 1 && c.y1 - c.y0 + 1 <= 2 * b.half + 3;
    });
    if (!band || above(c, band.xHeight)) continue;
    // a comma is taller than wide (3 x 5 px at 150 DPI) and right after a letter; a blurred dot can be taller too
    if (c.y1 - c.y0 > c.x1 - c.x0 + 1 && letterBefore(c, band.xHeight)) continue;
    for (let y = c.y0; y <= c.y1; y++) {
      for (let x = c.x0; x <= c.x1; x++) {
        const i = y * w + x;
        if ((data[i] ?? 255) < 235) {
          data[i] = 255;
          erased++;
        }
      }
    }
  }
  return erased;
}

type Near = (c: Component, xHeight: number) => boolean;

/**
 * `above`: another mark, not grain (see isGrain), overlaps a mark's columns and ends within 0.8 x-heights above it;
 * `letterBefore`: a mark reaching half an x-height higher ends within 0.4 x-heights to its left.
 */
function neighbours(list: Component[], maxXHeight: number): { above: Near; letterBefore: Near } {
  const column = Math.max(4, Math.round(maxXHeight));
  const byColumn = byColumns(list, column);
  const above: Near = (c, xHeight) => {
    for (let k = Math.floor(c.x0 / column); k <= Math.floor(c.x1 / column); k++) {
      for (const other of byColumn.get(k) ?? []) {
        if (other === c || other.x1 < c.x0 || other.x0 > c.x1) continue;
        if (isGrain(other, c)) continue;
        if (other.y1 < c.y0 && c.y0 - other.y1 <= xHeight * 0.8) return true;
      }
    }
    return false;
  };
  const letterBefore: Near = (c, xHeight) => {
    const from = c.x0 - xHeight * 0.4;
    for (let k = Math.floor(from / column); k <= Math.floor(c.x0 / column); k++) {
      for (const other of byColumn.get(k) ?? []) {
        if (other !== c && other.x1 >= from && other.x1 <= c.x0 && other.y0 < c.y0 - xHeight * 0.5 && other.y1 >= c.y0) return true;
      }
    }
    return false;
  };
  return { above, letterBefore };
}
