// Plane maps and page outlines: word boxes must land back on the photo, and the page's corners must be found.
import { describe, expect, it } from 'vitest';
import { apply, compose, homographyFromQuad, invert, mapBox, rotation, type Point } from '../../electron/core/ocr/preprocess/projective';
import { pageQuads } from '../../electron/core/ocr/preprocess/page-detect';
import { deskInRim, expandOutline, whitenRim } from '../../electron/core/ocr/preprocess/warp';
import { findPageOutline } from '../../electron/core/ocr/preprocess/page-find';
import { decodeGrey, decodeRgb, type RgbImage } from '../../electron/core/ocr/preprocess/raster';
import { makeBenchPage } from '../support/ocr-page-set';

const close = (a: readonly number[], b: readonly number[], tolerance: number) =>
  a.every((v, i) => Math.abs(v - (b[i] ?? NaN)) <= tolerance);

describe('homographies', () => {
  it('take a photographed page\'s corners to a rectangle and back, and compose and invert consistently', () => {
    const photo: Point[] = [[120, 80], [980, 140], [1010, 1420], [60, 1300]];
    const page: Point[] = [[0, 0], [1000, 0], [1000, 1400], [0, 1400]];
    const toPage = homographyFromQuad(photo, page);
    photo.forEach((p, i) => expect(close(apply(toPage, p[0], p[1]), page[i] ?? [0, 0], 1e-6)).toBe(true));
    const back = invert(toPage);
    expect(close(apply(back, 500, 700), apply(compose(back, compose(toPage, back)), 500, 700), 1e-6)).toBe(true);
    // a quarter turn moves (10, 0) to (0, 10): clockwise on screen, y down
    expect(close(apply(rotation(90), 10, 0), [0, 10], 1e-9)).toBe(true);
  });

  it('whiten the desk kept beyond a side found on the paper\'s edge shadow, even a desk of the paper\'s own tone', () => {
    // a warped page 300 x 400 px: paper 230 with a text line, a 12 px rim of white table (230) beyond a shadow line (200)
    const [w, h, rim] = [300, 400, 12];
    const data = new Uint8Array(w * h).fill(230);
    for (let x = 0; x < w; x++) data[rim * w + x] = 200;
    for (let x = 40; x < 260; x += 3) data[60 * w + x] = 20;
    const unseen = deskInRim({ data, width: w, height: h }, [rim, 0, 0, 0]);
    expect(unseen).toEqual([]); // no contrast: paper, or a desk that cannot be told from it, is kept
    const img = { data: data.slice(), width: w, height: h };
    whitenRim(img, deskInRim(img, [rim, 0, 0, 0], [true, false, false, false]));
    expect(img.data[rim * w + 150]).toBe(255); // the shadow line is gone
    expect(img.data[60 * w + 40]).toBe(20); // the text below it is not
  });

  it('map a word box to the axis-aligned box around its image, clamped to the photo', () => {
    const m = homographyFromQuad([[0, 0], [100, 0], [100, 100], [0, 100]], [[10, 10], [110, 20], [100, 120], [0, 110]]);
    const box = mapBox(m, { x0: 0, y0: 0, x1: 100, y1: 100 }, 105, 500);
    expect(box).toEqual({ x0: 0, y0: 10, x1: 105, y1: 120 });
  });

  it('grow an outline outwards on its own sides only, never on a side that is the frame\'s edge', () => {
    const corners: [Point, Point, Point, Point] = [[100, 100], [900, 100], [900, 1100], [100, 1100]];
    const grown = expandOutline({ corners, onFrame: [false, false, true, false], score: 1 }, 20);
    expect(grown.map((p) => p.map(Math.round))).toEqual([[80, 80], [920, 80], [920, 1100], [80, 1100]]);
  });
});

/** Distance from (x, y) to the segment a→b. */
function toSegment(x: number, y: number, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
}

/**
 * A light page (a tilted quadrilateral) with dark "text lines" inside, on a desk of the given colour; `edgeShadow`
 * darkens the desk by that fraction within 1.5 px of the paper's edge (the shadow of the paper's thickness).
 */
function scene(desk: [number, number, number], page: Point[], w = 400, h = 520, edgeShadow = 0): RgbImage {
  const data = new Uint8Array(w * h * 3);
  const inside = (x: number, y: number) =>
    page.every((a, i) => {
      const b = page[(i + 1) % 4] ?? a;
      return (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) >= 0;
    });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const onPage = inside(x, y);
      const line = onPage && y % 14 < 3 && y > 150 && y < 400 && x > 140 && x < 300;
      const nearEdge = !onPage && edgeShadow > 0 && page.some((a, i) => toSegment(x, y, a, page[(i + 1) % 4] ?? a) < 1.5);
      const v: [number, number, number] = line ? [40, 40, 40] : onPage ? [235, 233, 228] : nearEdge ? (desk.map((c) => c * (1 - edgeShadow)) as [number, number, number]) : desk;
      data.set(v, (y * w + x) * 3);
    }
  }
  return { data, width: w, height: h };
}

describe('page outline', () => {
  const corners: Point[] = [[70, 60], [330, 85], [350, 470], [40, 440]];
  it.each([
    ['a dark wood desk', [110, 80, 55] as [number, number, number]],
    ['a grey counter', [150, 148, 144] as [number, number, number]],
    ['a white table a little lighter than the paper', [252, 252, 252] as [number, number, number]],
  ])('finds the four corners of a keystoned page on %s', (_, desk) => {
    const best = pageQuads(scene(desk, corners))[0];
    expect(best).toBeDefined();
    best?.corners.forEach((p, i) => expect(Math.hypot(p[0] - (corners[i]?.[0] ?? 0), p[1] - (corners[i]?.[1] ?? 0))).toBeLessThan(4));
  });

  it('finds a white page on a white table of its own tone by the thin shadow along its edge', () => {
    const best = pageQuads(scene([235, 233, 228], corners, 400, 520, 0.12))[0];
    expect(best?.support).not.toContain(-1);
    best?.corners.forEach((p, i) => expect(Math.hypot(p[0] - (corners[i]?.[0] ?? 0), p[1] - (corners[i]?.[1] ?? 0))).toBeLessThan(4));
  });

  // tuning photos (never reported on) of a page on a white table (73) and a light grey counter (63): text lines outvote
  // the paper's faint top edge, and the frame stood in for it, leaving a strip of desk in the page; on a white table
  // (90, 108, phone seeds 81-130) where the paper's edge shows only as its thin shadow, paper and table of one tone: the
  // frame stood in for two sides (90), or no outline was found (108)
  it.each([63, 73, 90, 108])('takes the paper\'s own faint edge, not the frame, on a light desk (seed %i)', async (seed) => {
    const page = await makeBenchPage('phone-light-desk', seed);
    const [thumb, grey, text] = await Promise.all([decodeRgb(page.bytes, 0, 512), decodeGrey(page.bytes, 0), decodeGrey(page.textPng, 0)]);
    const toPhoto = invert(page.toPage);
    const truth = [[0, 0], [text.width, 0], [text.width, text.height], [0, text.height]].map(([x = 0, y = 0]) => apply(toPhoto, x, y));
    const outline = findPageOutline(thumb, grey);
    expect(outline?.onFrame).toEqual([false, false, false, false]);
    outline?.corners.forEach((p, i) => expect(Math.hypot(p[0] - (truth[i]?.[0] ?? 0), p[1] - (truth[i]?.[1] ?? 0))).toBeLessThan(0.01 * Math.hypot(grey.width, grey.height)));
  }, 60_000);

  // tuning pages: a photo on a white table where the top of a text line with a blank line under it passed for the
  // paper's top side (keystone 125), and a scanned form whose printed rule passed for the paper's edge shadow (form 83):
  // the crop would have taken the first fifth of the page, text and all
  it.each([
    ['phone-side-keystone', 125],
    ['form-dots', 83],
  ] as const)('never cuts into the page along a text line or a rule (%s, seed %i)', async (condition, seed) => {
    const page = await makeBenchPage(condition, seed);
    const [thumb, grey, text] = await Promise.all([decodeRgb(page.bytes, 0, 512), decodeGrey(page.bytes, 0), decodeGrey(page.textPng, 0)]);
    const toPhoto = invert(page.toPage);
    const outline = findPageOutline(thumb, grey);
    const q = outline?.corners ?? [[0, 0], [grey.width, 0], [grey.width, grey.height], [0, grey.height]];
    const kept = (x: number, y: number) => q.every((a, i) => {
      const b = q[(i + 1) % 4] ?? a;
      return (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) >= 0;
    });
    const lost: Point[] = [];
    for (let v = 0.02; v < 1; v += 0.04) {
      for (let u = 0.02; u < 1; u += 0.04) {
        const p = apply(toPhoto, u * text.width, v * text.height);
        if (!kept(p[0], p[1])) lost.push(p);
      }
    }
    expect(lost).toEqual([]);
  }, 60_000);

  it('finds no outline on a page that fills the frame', () => {
    const full: Point[] = [[-5, -5], [405, -5], [405, 525], [-5, 525]];
    expect(pageQuads(scene([235, 233, 228], full))).toEqual([]);
  });
});
