// Leader removal: rows of small, evenly spaced dots or dashes (the "......" and "- - -" of forms) erased before OCR.
import { byColumns, type Component } from './components';
import type { GreyImage } from './raster';
import { median } from '../../stats';


type Dot = { c: Component; cx: number; cy: number };

/**
 * A mark of a leader: a dot, small against the x-height (8-45%: a period is ~20% of it), about as wide as tall and
 * filled (a ring or a stroke fragment is not); or a dash, flat (at most 40% of the x-height tall), 30-160% of the
 * x-height long and solid (a hyphen in text is one of these too, but never six in a row at one pitch).
 */
function isLeaderMark(c: Component, xHeight: number): boolean {
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  const max = xHeight * 0.45;
  const min = Math.max(1, xHeight * 0.08);
  const dot = w <= max && h <= max && w >= min && h >= min && w / h < 2.5 && h / w < 2.5 && c.area >= 0.4 * w * h;
  const dash = h <= xHeight * 0.4 && w >= xHeight * 0.3 && w <= xHeight * 1.6 && w >= 1.5 * h && c.area >= 0.6 * w * h;
  return dot || dash;
}


/**
 * Leader dots among the dots of one row (sorted by x). A leader is a chain of 6 or more dots whose gaps are whole
 * multiples (1-4, within 25%) of the row's typical pitch; diacritic dots (the dot of ị, ạ) are far fewer and irregular,
 * so they never form one. Once a row has a leader, every dot of the row on its grid (within 20% of a pitch) goes too:
 * the few dots left visible between the words of a value typed over the leader.
 */
function leaderDots(marks: Dot[], xHeight: number): Dot[] {
  const { row, pitch: unitPitch } = splitMerged(marks, xHeight);
  const gaps: number[] = [];
  for (let i = 1; i < row.length; i++) {
    const gap = (row[i]?.cx ?? 0) - (row[i - 1]?.cx ?? 0);
    if (gap < xHeight * 1.5) gaps.push(gap);
  }
  if (gaps.length < 5) return [];
  const pitch = unitPitch ?? median(gaps);
  if (pitch <= 0) return [];
  // the longest chain, and the pitches it spans (a typed value hides some dots: one gap can be several pitches)
  let longest = { dots: [] as Dot[], steps: 0 };
  let chain = { dots: [] as Dot[], steps: 0 };
  for (const dot of row) {
    const prev = chain.dots[chain.dots.length - 1];
    if (prev) {
      const k = (dot.cx - prev.cx) / pitch;
      const fits = Math.round(k) >= 1 && Math.round(k) <= 4 && Math.abs(k - Math.round(k)) < 0.25;
      chain = fits ? { dots: [...chain.dots, dot], steps: chain.steps + Math.round(k) } : { dots: [dot], steps: 0 };
    } else {
      chain = { dots: [dot], steps: 0 };
    }
    if (chain.dots.length > longest.dots.length) longest = chain;
  }
  const first = longest.dots[0];
  const last = longest.dots[longest.dots.length - 1];
  if (longest.dots.length < 6 || !first || !last || longest.steps === 0) return [];
  // the median gap is biased by pixel rounding (gaps of 7 and 8 px give 7); the chain's span over its steps is not
  const grid = (last.cx - first.cx) / longest.steps;
  // the leader's own marks are alike: a comma or a colon's dot that happens to fall on the grid is taller or higher
  const height = median(longest.dots.map((d) => d.c.y1 - d.c.y0 + 1));
  const level = median(longest.dots.map((d) => d.cy));
  const kept = new Set<Component>();
  for (const dot of row) {
    const k = (dot.cx - first.cx) / grid;
    const alike = Math.abs(dot.c.y1 - dot.c.y0 + 1 - height) <= Math.max(1, height * 0.35) && Math.abs(dot.cy - level) <= xHeight * 0.15;
    if (Math.abs(k - Math.round(k)) < 0.2 && alike) kept.add(dot.c);
  }
  return marks.filter((dot) => kept.has(dot.c));
}

/**
 * A photo's blur runs neighbouring leader dots together (~150 DPI, dots 5 px apart by 1.5 px): a row of dots and of
 * marks two or three dots long, whose gaps put the median pitch between the two and break every chain (tuning photo
 * form-dots 154, grey counter: pitch 9.5 px for 6.4, two whole leaders kept and read as "....nnnnnnn"). When the row
 * has at least 5 gaps between single dots (marks under 1.4 times the row's median width), their median is the pitch,
 * and a mark as long as n dots on it (within a third of a pitch) stands for n dots.
 */
function splitMerged(row: Dot[], xHeight: number): { row: Dot[]; pitch: number | null } {
  const widthOf = (d: Dot) => d.c.x1 - d.c.x0 + 1;
  const unit = median(row.map(widthOf));
  const single = (d: Dot) => widthOf(d) <= unit * 1.4;
  const gaps: number[] = [];
  for (let i = 1; i < row.length; i++) {
    const a = row[i - 1];
    const b = row[i];
    if (a && b && single(a) && single(b) && b.cx - a.cx < xHeight * 1.5) gaps.push(b.cx - a.cx);
  }
  if (gaps.length < 5) return { row, pitch: null };
  // the mean of the gaps near their median: pixel rounding makes a 6.4 px pitch gaps of 6 and 7, whose median is one
  const near = gaps.filter((g) => Math.abs(g - median(gaps)) <= median(gaps) * 0.25);
  const pitch = near.reduce((a, b) => a + b, 0) / Math.max(1, near.length);
  if (pitch <= unit) return { row, pitch: null };
  const out: Dot[] = [];
  for (const dot of row) {
    const n = Math.round((widthOf(dot) - unit) / pitch) + 1;
    if (n < 2 || Math.abs(widthOf(dot) - unit - (n - 1) * pitch) > pitch / 3) {
      out.push(dot);
      continue;
    }
    const start = dot.cx - ((n - 1) * pitch) / 2;
    for (let i = 0; i < n; i++) out.push({ c: dot.c, cx: start + i * pitch, cy: dot.cy });
  }
  return { row: out, pitch };
}

export type DotBox = { x0: number; y0: number; x1: number; y1: number };

/**
 * Dots and dashes of leaders among a page's components, on a page whose median x-height is `xHeight` pixels and whose
 * lines run level once turned `turn` degrees clockwise (rows are grouped in that turned frame: no deskew needed).
 */
export function findDotLeaders(list: Component[], xHeight: number, turn: number): DotBox[] {
  const t = (turn * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  const dots: Dot[] = list
    .filter((c) => isLeaderMark(c, xHeight))
    .map((c) => {
      const x = (c.x0 + c.x1) / 2;
      const y = (c.y0 + c.y1) / 2;
      return { c, cx: x * cos - y * sin, cy: x * sin + y * cos };
    })
    .sort((a, b) => a.cy - b.cy);
  const found: DotBox[] = [];
  const capped = markAbove(list, xHeight);
  const tolerance = xHeight * 0.25;
  let start = 0;
  while (start < dots.length) {
    let end = start + 1;
    let sum = dots[start]?.cy ?? 0;
    while (end < dots.length && Math.abs((dots[end]?.cy ?? 0) - sum / (end - start)) <= tolerance) {
      sum += dots[end]?.cy ?? 0;
      end++;
    }
    const row = dots.slice(start, end).sort((a, b) => a.cx - b.cx);
    for (const { c } of leaderDots(row, xHeight)) if (!capped(c)) found.push({ x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 });
    start = end;
  }
  return found;
}

/**
 * Whether a mark has another one straight above it within 1.2 x-heights: the lower dot of a colon, a period under a
 * letter's tail. Leader dots have nothing above them (a value typed over a leader sits beside its dots, not on them),
 * so such a dot is kept even when it falls on the leader's grid. A speck of under a quarter of the dot's area is not
 * such a mark (see isGrain).
 */
function markAbove(list: Component[], xHeight: number): (c: Component) => boolean {
  const column = Math.max(4, Math.round(xHeight));
  const byColumn = byColumns(list, column);
  const reach = xHeight * 1.2;
  return (c) => {
    for (let k = Math.floor(c.x0 / column); k <= Math.floor(c.x1 / column); k++) {
      for (const other of byColumn.get(k) ?? []) {
        if (other === c || other.x1 < c.x0 || other.x0 > c.x1) continue;
        if (isGrain(other, c)) continue;
        if (other.y1 < c.y0 && c.y0 - other.y1 <= reach) return true;
      }
    }
    return false;
  };
}

/**
 * Paints the boxes white in `img`, which has `scale` pixels per pixel of the image the boxes were found on; each box
 * grows by one pixel of that image on every side to take the dot's anti-aliased rim.
 */
export function eraseBoxes(img: GreyImage, boxes: DotBox[], scale: number): void {
  for (const box of boxes) {
    const x0 = Math.max(0, Math.floor((box.x0 - 1) * scale));
    const y0 = Math.max(0, Math.floor((box.y0 - 1) * scale));
    const x1 = Math.min(img.width - 1, Math.ceil((box.x1 + 2) * scale) - 1);
    const y1 = Math.min(img.height - 1, Math.ceil((box.y1 + 2) * scale) - 1);
    for (let y = y0; y <= y1; y++) img.data.fill(255, y * img.width + x0, y * img.width + x1 + 1);
  }
}

/**
 * Whether `other` is grain beside `mark`: under a quarter of its area. The upper dot of a colon is as large as the lower
 * one and a letter far larger, while the grain of a shadowed photo's paper, darkened by the faint-ink stretch, leaves
 * 1-3 px specks over a leader's 3-6 px dots (500 in a 450 x 650 px region of tuning photo form-dots 84, dark cloth,
 * shadow over the right half): taken for marks above, they kept whole stretches of leaders, read as "ni 1097090091-229".
 * Tuning photos 76-100 (56 pages, native tesseract): form-dots 84 7.25% -> 3.78%, form-dashes 84 4.10% -> 3.26%,
 * form-blue-ink 88 3.26% -> 3.05%, the 53 others unchanged.
 */
export function isGrain(other: Component, mark: Component): boolean {
  return other.area * 4 < mark.area;
}
