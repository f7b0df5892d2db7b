// Finds a photographed page's four corners (the best supported quadrilateral of edge lines); hand-written: ~10 ms
// on a 512 px thumbnail, where OpenCV.js (7.7 MB, +0.45 s and +56 MB per worker thread to load) measured no better need.
import { edgesOf, houghLines, isShadowLine, luminance, separatesBackgrounds, sideSupport, type Line } from './edge-lines';
import type { Point } from './projective';
import type { RgbImage } from './raster';

export type PageQuad = {
  /** top-left, top-right, bottom-right, bottom-left, in the thumbnail's pixels */
  corners: [Point, Point, Point, Point];
  /** per side (top, right, bottom, left): fraction of its length with an edge along it; -1 for a side on the frame */
  support: [number, number, number, number];
  /** per side: shows as the thin shadow line the paper's edge casts on the desk (see shadowLineShare); false on the frame */
  shadowLine: [boolean, boolean, boolean, boolean];
  score: number;
};

/** Strongest lines of each direction combined into outlines. */
const LINES_PER_GROUP = 14;
/** Outermost lines of a group kept on each side besides the strongest ones, see strongestAndOutermost. */
const OUTERMOST = 3;

/** Lines looked at (the strongest first) before those that do not separate two backgrounds are dropped. */
const CANDIDATE_LINES = 80;

/** A line given by normal angle and distance from the image centre, as a point and a direction in pixels. */
function intersect(a: Line, b: Line, cx: number, cy: number): Point | null {
  const [ca, sa] = [Math.cos((a.theta * Math.PI) / 180), Math.sin((a.theta * Math.PI) / 180)];
  const [cb, sb] = [Math.cos((b.theta * Math.PI) / 180), Math.sin((b.theta * Math.PI) / 180)];
  const det = ca * sb - sa * cb;
  if (Math.abs(det) < 1e-6) return null;
  const x = (a.rho * sb - b.rho * sa) / det;
  const y = (ca * b.rho - cb * a.rho) / det;
  return [x + cx, y + cy];
}

function border(side: 'top' | 'bottom' | 'left' | 'right', w: number, h: number): Line {
  // θ = 90: horizontal line y - cy = ρ; θ = 0: vertical line x - cx = ρ
  if (side === 'top') return { theta: 90, rho: -h / 2, votes: 0, border: true };
  if (side === 'bottom') return { theta: 90, rho: h / 2, votes: 0, border: true };
  if (side === 'left') return { theta: 0, rho: -w / 2, votes: 0, border: true };
  return { theta: 0, rho: w / 2, votes: 0, border: true };
}

function convex(q: Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i] ?? [0, 0];
    const b = q[(i + 1) % 4] ?? [0, 0];
    const c = q[(i + 2) % 4] ?? [0, 0];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (cross === 0) return false;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

export function quadArea(q: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < q.length; i++) {
    const [ax, ay] = q[i] ?? [0, 0];
    const [bx, by] = q[(i + 1) % q.length] ?? [0, 0];
    sum += ax * by - bx * ay;
  }
  return Math.abs(sum) / 2;
}

/** A page covers at least a fifth of the frame; smaller light shapes are more likely a card, a hand or a reflection. */
const MIN_AREA = 0.2;
/** Every side not on the frame needs an edge along 55% of it: a text line's edge or a shadow rarely spans a whole side. */
const MIN_SIDE_SUPPORT = 0.55;
/** Corners may lie this far outside the frame (fraction of its size): a page slightly cut by the frame. */
const OUTSIDE = 0.04;

/**
 * A group's strongest lines, and its outermost ones on either side whatever their votes: on a white table the
 * text lines that cross the page outvote a faint paper edge (tuning light-desk 73: the top edge 50th of its group),
 * and a paper edge is the outermost line with desk beyond it. Without it the frame stood in for that side.
 */
function strongestAndOutermost(group: Line[], position: (l: Line) => number): Line[] {
  const chosen = group.slice(0, LINES_PER_GROUP);
  const byPosition = [...group].sort((a, b) => position(a) - position(b));
  for (const l of [...byPosition.slice(0, OUTERMOST), ...byPosition.slice(-OUTERMOST)]) if (!chosen.includes(l)) chosen.push(l);
  return chosen;
}

/**
 * Candidate page outlines in a thumbnail, best first: quadrilaterals of two roughly horizontal and two roughly
 * vertical lines (or the frame's own edges where the page runs off it), convex, at least a fifth of the frame, each
 * side supported by edges; scored by mean support times the square root of the area, so the page wins over the
 * text block inside it and over a larger outline that runs partly over the desk.
 */
export function pageQuads(thumb: RgbImage, limit = 6): PageQuad[] {
  const e = edgesOf(thumb);
  const { width: w, height: h } = thumb;
  const level = luminance(thumb);
  const lines = houghLines(e)
    .slice(0, CANDIDATE_LINES)
    .filter((l) => separatesBackgrounds(level, w, h, l));
  // where a line crosses the vertical (horizontal) centre line: orders the candidates top to bottom, left to right
  const yAtCentre = (l: Line) => l.rho / Math.sin((l.theta * Math.PI) / 180);
  const xAtCentre = (l: Line) => l.rho / Math.cos((l.theta * Math.PI) / 180);
  const horizontal = strongestAndOutermost(lines.filter((l) => l.theta >= 45 && l.theta < 135), yAtCentre);
  const vertical = strongestAndOutermost(lines.filter((l) => l.theta < 45 || l.theta >= 135), xAtCentre);
  horizontal.push(border('top', w, h), border('bottom', w, h));
  vertical.push(border('left', w, h), border('right', w, h));
  const cx = w / 2;
  const cy = h / 2;
  const found: PageQuad[] = [];
  const supportCache = new Map<string, number>(); // a side is one line cut by two others, whatever the opposite side
  const inside = (p: Point) => p[0] >= -OUTSIDE * w && p[1] >= -OUTSIDE * h && p[0] <= w * (1 + OUTSIDE) && p[1] <= h * (1 + OUTSIDE);
  for (const top of horizontal) {
    for (const bottom of horizontal) {
      if (yAtCentre(bottom) - yAtCentre(top) < 0.3 * h) continue;
      for (const left of vertical) {
        for (const right of vertical) {
          if (xAtCentre(right) - xAtCentre(left) < 0.3 * w) continue;
          if (top.border && bottom.border && left.border && right.border) continue;
          const tl = intersect(top, left, cx, cy);
          const tr = intersect(top, right, cx, cy);
          const br = intersect(bottom, right, cx, cy);
          const bl = intersect(bottom, left, cx, cy);
          if (!tl || !tr || !br || !bl) continue;
          const q: [Point, Point, Point, Point] = [tl, tr, br, bl];
          if (!q.every(inside) || !convex(q)) continue;
          const area = quadArea(q) / (w * h);
          if (area < MIN_AREA) continue;
          const sides: [Line, Line, Line, Point, Point][] = [[top, left, right, tl, tr], [right, top, bottom, tr, br], [bottom, left, right, br, bl], [left, top, bottom, bl, tl]];
          const support = sides.map(([line, from, to, a, b]) => {
            if (line.border) return -1;
            const key = `${String(lines.indexOf(line))}/${String(lines.indexOf(from))}/${String(lines.indexOf(to))}/${String(line.border)}${String(from.border)}${String(to.border)}${String(from.rho)}${String(to.rho)}`;
            let value = supportCache.get(key);
            if (value === undefined) {
              value = sideSupport(e, a, b);
              supportCache.set(key, value);
            }
            return value;
          }) as PageQuad['support'];
          const real = support.filter((s) => s >= 0);
          if (real.some((s) => s < MIN_SIDE_SUPPORT)) continue;
          // a side on the frame counts as half supported: the page is preferred where its own edge shows
          const mean = support.reduce((n, s) => n + (s < 0 ? 0.5 : s), 0) / 4;
          found.push({ corners: q, support, shadowLine: [false, false, false, false], score: mean * Math.sqrt(area) });
        }
      }
    }
  }
  found.sort((a, b) => b.score - a.score);
  const best = found.slice(0, limit);
  for (const quad of best) {
    quad.shadowLine = quad.corners.map((a, i) => quad.support[i] !== -1 && isShadowLine(level, w, h, a, quad.corners[(i + 1) % 4] ?? a)) as PageQuad['shadowLine'];
  }
  return best;
}
