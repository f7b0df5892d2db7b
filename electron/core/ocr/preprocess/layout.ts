// Page layout from ink projection profiles: quarter-turn orientation, skew angle, upside-down, x-height.
import type { GreyImage } from './raster';

export type InkPoints = { xs: Float32Array; ys: Float32Array; count: number; width: number; height: number };

/** Dark pixels of a flattened page (paper ~255) as point lists; at most `limit` of them, evenly subsampled. */
export function inkPoints(img: GreyImage, threshold: number, limit = 150_000): InkPoints {
  const { data, width, height } = img;
  let total = 0;
  for (let i = 0; i < data.length; i++) if ((data[i] ?? 255) < threshold) total++;
  const step = Math.max(1, Math.ceil(total / limit));
  const count = Math.ceil(total / step);
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  let seen = 0;
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    if ((data[i] ?? 255) >= threshold) continue;
    if (seen++ % step === 0 && n < count) {
      xs[n] = i % width;
      ys[n] = Math.floor(i / width);
      n++;
    }
  }
  return { xs, ys, count: n, width, height };
}

/** Every k-th point, for the coarse sweeps. */
function thin(points: InkPoints, limit: number): InkPoints {
  const step = Math.max(1, Math.floor(points.count / limit));
  if (step === 1) return points;
  const count = Math.floor(points.count / step);
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    xs[i] = points.xs[i * step] ?? 0;
    ys[i] = points.ys[i * step] ?? 0;
  }
  return { ...points, xs, ys, count };
}

/** Row profile of the points after turning them `degrees` clockwise (y' = x·sin + y·cos), 1 px bins. */
export function rowProfile(points: InkPoints, degrees: number): Float64Array {
  const t = (degrees * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  // the extremes of y' over the image are at its corners
  const corners = [0, points.width * sin, points.height * cos, points.width * sin + points.height * cos];
  const min = Math.min(...corners);
  const bins = new Float64Array(Math.ceil(Math.max(...corners) - min) + 2);
  const { xs, ys, count } = points;
  for (let i = 0; i < count; i++) {
    const b = Math.floor((xs[i] ?? 0) * sin + (ys[i] ?? 0) * cos - min);
    bins[b] = (bins[b] ?? 0) + 1;
  }
  return bins;
}

/**
 * How line-like the profile is: Σh²/(Σh)² times the span of occupied bins. ~1 for ink spread evenly, several
 * times more when the ink gathers into text lines along the tested direction.
 */
export function peakiness(profile: Float64Array): number {
  let sum = 0;
  let squares = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < profile.length; i++) {
    const v = profile[i] ?? 0;
    sum += v;
    squares += v * v;
    if (v > 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return sum === 0 ? 0 : (squares / (sum * sum)) * (last - first + 1);
}

/** The angle in [from, to] (by `step` degrees) whose row profile is peakiest: the text lines' direction. */
export function sweep(points: InkPoints, from: number, to: number, step: number): { angle: number; score: number } {
  let best = { angle: from, score: -1 };
  for (let a = from; a <= to + 1e-9; a += step) {
    const score = peakiness(rowProfile(points, a));
    if (score > best.score) best = { angle: a, score };
  }
  return best;
}

/** Refines a coarse angle on all points: 0.25° steps within ±1°, then 0.05° steps within ±0.25°. */
function refine(points: InkPoints, coarse: number): { angle: number; score: number } {
  const mid = sweep(points, coarse - 1, coarse + 1, 0.25);
  return sweep(points, mid.angle - 0.25, mid.angle + 0.25, 0.05);
}

/**
 * A text line's core (rows over half its peak) is 0.4-0.7 of the line's height (ascenders, descenders and stacked
 * diacritics make up the rest); one under a quarter of it is a rule or a leader's row, not letters.
 */
const RULE_CORE_SHARE = 0.25;

/** First and last row from `top` to `bottom` at or over half of `peak`. */
function coreBand(profile: ArrayLike<number>, top: number, bottom: number, peak: number): [number, number] {
  let coreTop = top;
  while (coreTop < bottom && (profile[coreTop] ?? 0) < peak * 0.5) coreTop++;
  let coreBottom = bottom;
  while (coreBottom > coreTop && (profile[coreBottom] ?? 0) < peak * 0.5) coreBottom--;
  return [coreTop, coreBottom];
}

/** Grey opening (min then max over `width` rows) of the profile's rows `top`-`bottom`: runs narrower than it are cut. */
function openProfile(profile: Float64Array, top: number, bottom: number, width: number): number[] {
  const n = bottom - top + 1;
  const at = (i: number) => profile[top + Math.min(n - 1, Math.max(0, i))] ?? 0;
  const eroded = Array.from({ length: n }, (_, i) => Math.min(...Array.from({ length: width }, (_, k) => at(i - Math.floor(width / 2) + k))));
  const ero = (i: number) => eroded[Math.min(n - 1, Math.max(0, i))] ?? 0;
  return eroded.map((_, i) => Math.max(...Array.from({ length: width }, (_, k) => ero(i + Math.floor(width / 2) - k))));
}

/** `span`: profile bins from the first line's top to the last line's bottom */
export type LineStats = { lines: number; xHeight: number; above: number; below: number; span: number };

/**
 * Text lines in the row profile (runs above 5% of its highest bin) and, in each, the core band (rows at over half
 * the line's peak: the x-height). Latin script puts ascenders, capitals and (in Vietnamese) most diacritics above the
 * core and only a few descenders below it, so `above` > `below` on an upright page and the reverse upside down.
 */
export function lineStats(profile: Float64Array): LineStats {
  let peak = 0;
  for (const v of profile) peak = Math.max(peak, v);
  const cut = peak * 0.05;
  const heights: number[] = [];
  let above = 0;
  let below = 0;
  let first = -1;
  let last = -1;
  let i = 0;
  while (i < profile.length) {
    if ((profile[i] ?? 0) <= cut) {
      i++;
      continue;
    }
    const top = i;
    while (i < profile.length && (profile[i] ?? 0) > cut) i++;
    const bottom = i - 1;
    let linePeak = 0;
    for (let y = top; y <= bottom; y++) linePeak = Math.max(linePeak, profile[y] ?? 0);
    if (bottom - top < 3 || linePeak < peak * 0.15) continue; // specks, rules, stray marks
    if (first < 0) first = top;
    last = bottom;
    let [coreTop, coreBottom] = coreBand(profile, top, bottom, linePeak);
    // a form's leader or rule on the line is a spike a few rows thick that outweighs the letters: the "core" found is
    // the rule alone (a 27 px x-height measured as 10 px on a dashed form). Read then the letters' own level, the
    // profile opened by a fifth of the line's height (narrower spikes cut down to their neighbours).
    if (coreBottom - coreTop + 1 < (bottom - top + 1) * RULE_CORE_SHARE) {
      const opened = openProfile(profile, top, bottom, Math.max(2, Math.round((bottom - top + 1) * 0.2)));
      const level = Math.max(...opened);
      [coreTop, coreBottom] = coreBand(opened, 0, opened.length - 1, level).map((y) => y + top) as [number, number];
    }
    heights.push(coreBottom - coreTop + 1);
    for (let y = top; y < coreTop; y++) above += profile[y] ?? 0;
    for (let y = coreBottom + 1; y <= bottom; y++) below += profile[y] ?? 0;
  }
  heights.sort((a, b) => a - b);
  return { lines: heights.length, xHeight: heights[Math.floor(heights.length / 2)] ?? 0, above, below, span: first < 0 ? 0 : last - first + 1 };
}

/**
 * Guards against turning a page on weak evidence (a photo, a card, two lines of text): a quarter turn needs the
 * sideways profile 2% peakier than the level one, and any turn needs 3 text lines; upside down needs 20% more ink
 * under the lines' cores than above (counted per tile, see tiledAboveBelow). Upright bench pages measured above/below
 * 1.4-10 (phone photos lowest), the sideways ones a direction score 1.05-2.6 times the other.
 */
const SIDEWAYS_MARGIN = 1.02;
/**
 * Text lines are many times longer than the distance between them. Read the wrong way, one or two lines of text
 * look like a row of short "lines" (the letters' columns), peakier than the true line: a quarter turn needs the ink
 * to stretch along the lines at least this many line pitches (A4 text: 20-40; a lone line read sideways: ~2-4).
 */
const MIN_LINE_LENGTH_IN_PITCHES = 8;
const UPSIDE_DOWN_MARGIN = 1.2;
const MIN_LINES = 3;
/**
 * One or two long lines (a signature block, a caption, a card field) are turned only on a plain verdict: upside down
 * when the ink under the lines' cores is 4 times the ink above (rendered and scanned mixed-case lines measured ratios
 * over 100 one way and under 0.01 the other; all-capital lines give no verdict, and are left as they are).
 */
const SHORT_TEXT_MARGIN = 4;

export type PageLayout = {
  /** clockwise degrees that bring the text upright and level (quarter turns plus the skew) */
  turn: number;
  /** the skew part alone, degrees */
  skew: number;
  /** median x-height in pixels of the analysed image, 0 when no text line was found */
  xHeight: number;
  lines: number;
  /** profile score of the chosen direction over the other: under ~1.3 the page has too little text to tell */
  directionConfidence: number;
  /** ink under the lines' cores over ink above them, as the lines lie before any half turn (> UPSIDE_DOWN_MARGIN: upside down) */
  belowOverAbove: number;
};

/**
 * Orientation (which of the four quarter turns reads upright) and skew within ±maxSkew degrees: a 1° sweep around
 * level and around a quarter turn on ~30k points picks the direction of the lines, then finer steps on ~60k points.
 */
export function analyseLayout(points: InkPoints, maxSkew: number): PageLayout {
  const few = thin(points, 30_000);
  const level = sweep(few, -maxSkew, maxSkew, 1);
  const sideways = sweep(few, 90 - maxSkew, 90 + maxSkew, 1);
  // a direction whose "lines" are short is letters read the wrong way, whatever its score
  const levelLong = linesAreLong(points, level.angle);
  const sidewaysLong = linesAreLong(points, sideways.angle);
  const horizontal = levelLong === sidewaysLong ? !(sideways.score > level.score * SIDEWAYS_MARGIN) : levelLong;
  const chosen = refine(thin(points, 60_000), horizontal ? level.angle : sideways.angle);
  const stats = lineStats(rowProfile(points, chosen.angle));
  const tiled = tiledAboveBelow(points, chosen.angle);
  const linesLong = horizontal ? levelLong : sidewaysLong;
  const enoughText = stats.lines >= MIN_LINES && linesLong;
  // one or two lines, long in one direction only: the direction is sure; which way up only on a plain verdict
  const shortText = !enoughText && stats.lines > 0 && levelLong !== sidewaysLong;
  const plainlyDown = stats.below > stats.above * SHORT_TEXT_MARGIN;
  const plainlyUp = stats.above > stats.below * SHORT_TEXT_MARGIN;
  const upsideDown = enoughText ? tiled.below > tiled.above * UPSIDE_DOWN_MARGIN : shortText && plainlyDown;
  const skew = chosen.angle - (horizontal ? 0 : 90);
  const sure = enoughText || (shortText && (plainlyUp || plainlyDown));
  const quarter = (horizontal || !sure ? 0 : 90) + (upsideDown ? 180 : 0);
  return {
    turn: (((quarter + skew) % 360) + 360) % 360,
    skew,
    xHeight: stats.xHeight,
    lines: stats.lines,
    directionConfidence: Math.max(level.score, sideways.score) / Math.max(1e-9, Math.min(level.score, sideways.score)),
    belowOverAbove: tiled.below / Math.max(1, tiled.above),
  };
}

/** Tiles across and down the page for the upside-down count, and the fewest ink points a tile needs to count. */
const TILES = 3;
const MIN_TILE_POINTS = 400;

/**
 * Ink above and under the lines' cores, summed over 3 x 3 tiles of the ink's extent, each at its own angle (within 2°
 * of the page's). Counted over the whole page at one angle, a photo whose perspective was not undone (a white page on a
 * white table, no outline found) smears its converging lines into each other: below/above measured 0.8-1.0 upright
 * and 0.9-1.2 turned on white-table tuning photos (seeds 21-34), where a tile's lines are near parallel.
 */
function tiledAboveBelow(points: InkPoints, degrees: number): { above: number; below: number } {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.count; i++) {
    const x = points.xs[i] ?? 0;
    const y = points.ys[i] ?? 0;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const tw = (x1 - x0 + 1) / TILES;
  const th = (y1 - y0 + 1) / TILES;
  const tiles = Array.from({ length: TILES * TILES }, () => ({ xs: [] as number[], ys: [] as number[] }));
  for (let i = 0; i < points.count; i++) {
    const x = points.xs[i] ?? 0;
    const y = points.ys[i] ?? 0;
    const tile = tiles[Math.min(TILES - 1, Math.floor((y - y0) / th)) * TILES + Math.min(TILES - 1, Math.floor((x - x0) / tw))];
    tile?.xs.push(x);
    tile?.ys.push(y);
  }
  let above = 0;
  let below = 0;
  for (const tile of tiles) {
    if (tile.xs.length < MIN_TILE_POINTS) continue;
    const own: InkPoints = { xs: Float32Array.from(tile.xs), ys: Float32Array.from(tile.ys), count: tile.xs.length, width: points.width, height: points.height };
    const coarse = sweep(own, degrees - 2, degrees + 2, 0.5);
    const stats = lineStats(rowProfile(own, sweep(own, coarse.angle - 0.5, coarse.angle + 0.5, 0.1).angle));
    above += stats.above;
    below += stats.below;
  }
  return above + below > 0 ? { above, below } : { above: 1, below: 0 };
}

/** Whether the ink, read as lines at `degrees`, stretches along them for at least MIN_LINE_LENGTH_IN_PITCHES pitches. */
function linesAreLong(points: InkPoints, degrees: number): boolean {
  const stats = lineStats(rowProfile(points, degrees));
  if (stats.lines === 0) return false;
  const pitch = stats.span / stats.lines;
  return alongExtent(points, degrees) >= MIN_LINE_LENGTH_IN_PITCHES * pitch;
}

/** Extent of the ink along the lines at `degrees` (u = x·cos − y·sin), 2nd to 98th percentile, in pixels. */
function alongExtent(points: InkPoints, degrees: number): number {
  const t = (degrees * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  const few = thin(points, 20_000);
  const us = new Float64Array(few.count);
  for (let i = 0; i < few.count; i++) us[i] = (few.xs[i] ?? 0) * cos - (few.ys[i] ?? 0) * sin;
  us.sort();
  const at = (q: number) => us[Math.min(us.length - 1, Math.floor(q * us.length))] ?? 0;
  return at(0.98) - at(0.02);
}
