// Where each ink's marks lie on the page and how text-like they are: text-sized marks, furniture, stamp boxes.
import { componentMoments, dilateMask, thickness } from './components';
import { findRing, MIN_RING } from './stamp-ring';

/**
 * Where the coloured inks' marks are, on the analysed image's grid: `stamp` has bit `inkBit(k)` set inside the box of
 * a round stamp's ring (see STAMP_ASPECT) of ink k; `furniture` has it inside the box of any furniture-shaped mark of
 * ink k (ring, star, signature); `textOf` is k on a text-sized mark of ink k.
 */
export type InkMarks = { width: number; height: number; stamp: Uint8Array; furniture: Uint8Array; textOf: Int8Array };

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

export type Shares = { pixels: number; share: number };

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
export function textLikeShares(label: Int8Array, w: number, h: number, count: number, marks: InkMarks): { black: Shares; clusters: Shares[] } {
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
