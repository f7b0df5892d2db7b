// Page layout from ink projection profiles: quarter-turn orientation, skew angle, upside-down, x-height.
import type { GreyImage } from './raster';

export type InkPoints = { xs: Float32Array; ys: Float32Array; count: number };

/** Dark pixels of a flattened page (paper ~255) as point lists; at most ~200k of them, evenly subsampled. */
export function inkPoints(img: GreyImage, threshold: number): InkPoints {
  let total = 0;
  for (const v of img.data) if (v < threshold) total++;
  const step = Math.max(1, Math.ceil(total / 200_000));
  const count = Math.ceil(total / step);
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  let seen = 0;
  let n = 0;
  for (let i = 0; i < img.data.length; i++) {
    if ((img.data[i] ?? 255) >= threshold) continue;
    if (seen++ % step === 0 && n < count) {
      xs[n] = i % img.width;
      ys[n] = Math.floor(i / img.width);
      n++;
    }
  }
  return { xs, ys, count: n };
}

/** Row profile of the points after turning them `degrees` clockwise (y' = x·sin + y·cos), 1 px bins. */
export function rowProfile(points: InkPoints, degrees: number): Float64Array {
  const t = (degrees * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  let min = Infinity;
  let max = -Infinity;
  const proj = new Float32Array(points.count);
  for (let i = 0; i < points.count; i++) {
    const y = (points.xs[i] ?? 0) * sin + (points.ys[i] ?? 0) * cos;
    proj[i] = y;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  const bins = new Float64Array(Math.max(1, Math.ceil(max - min) + 1));
  for (const y of proj) bins[Math.floor(y - min)] = (bins[Math.floor(y - min)] ?? 0) + 1;
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

/** Best clockwise turn within base ± range: a 0.5° sweep, then 0.05° steps around the best. */
export function bestAngle(points: InkPoints, base: number, range: number): { angle: number; score: number } {
  let best = { angle: base, score: -1 };
  for (let a = base - range; a <= base + range + 1e-9; a += 0.5) {
    const score = peakiness(rowProfile(points, a));
    if (score > best.score) best = { angle: a, score };
  }
  const coarse = best.angle;
  for (let a = coarse - 0.5; a <= coarse + 0.5 + 1e-9; a += 0.05) {
    const score = peakiness(rowProfile(points, a));
    if (score > best.score) best = { angle: a, score };
  }
  return best;
}

export type LineStats = { lines: number; xHeight: number; above: number; below: number };

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
    let coreTop = top;
    while ((profile[coreTop] ?? 0) < linePeak * 0.5) coreTop++;
    let coreBottom = bottom;
    while ((profile[coreBottom] ?? 0) < linePeak * 0.5) coreBottom--;
    heights.push(coreBottom - coreTop + 1);
    for (let y = top; y < coreTop; y++) above += profile[y] ?? 0;
    for (let y = coreBottom + 1; y <= bottom; y++) below += profile[y] ?? 0;
  }
  heights.sort((a, b) => a - b);
  return { lines: heights.length, xHeight: heights[Math.floor(heights.length / 2)] ?? 0, above, below };
}

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
};

/** Orientation (which of the four quarter turns reads upright) and skew within ±maxSkew degrees. */
export function analyseLayout(points: InkPoints, maxSkew: number): PageLayout {
  const level = bestAngle(points, 0, maxSkew);
  const sideways = bestAngle(points, 90, maxSkew);
  const horizontal = level.score >= sideways.score;
  const chosen = horizontal ? level : sideways;
  const stats = lineStats(rowProfile(points, chosen.angle));
  const upsideDown = stats.below > stats.above;
  const turn = (((chosen.angle + (upsideDown ? 180 : 0)) % 360) + 360) % 360;
  return {
    turn,
    skew: chosen.angle - (horizontal ? 0 : 90),
    xHeight: stats.xHeight,
    lines: stats.lines,
    directionConfidence: Math.max(level.score, sideways.score) / Math.max(1e-9, Math.min(level.score, sideways.score)),
  };
}
