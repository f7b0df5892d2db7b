// A photo in which the page runs off the frame: whatever writing the photo holds is kept, none of it cut as desk.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { preprocessPage } from '../../electron/core/ocr/preprocess';
import { components } from '../../electron/core/ocr/preprocess/components';
import { apply, compose, invert, translation, type Homography } from '../../electron/core/ocr/preprocess/projective';
import { checkInkKept } from '../support/ink-check';
import { makeBenchPage, type OcrCondition } from '../support/ocr-page-set';

type Side = 'left' | 'right' | 'top' | 'bottom';

/** Photo pixels next to the frame's edge whose glyphs are not held to the check (see textInside). */
const EDGE = 4;

/**
 * Tuning photos (bench:ocr seeds 1101-1140, see docs/BENCHMARKS.md): a dark desk, a white table and a side keystone,
 * each cut so that a sixth of the page lies beyond one side of the frame. The second look at page edges
 * (page-find.ts) could take a shadow or a text column inside the page for the missing side; this holds it to the
 * ink guard's rule on what is left in the photo.
 */
const cases: { condition: OcrCondition; seed: number; side: Side }[] = [
  { condition: 'phone-dark-desk', seed: 1121, side: 'right' },
  { condition: 'phone-light-desk', seed: 1122, side: 'bottom' },
  { condition: 'phone-side-keystone', seed: 1123, side: 'left' },
  { condition: 'phone-light-desk', seed: 1124, side: 'top' },
];

/** What to cut off the photo so that `share` of the page's extent on `side` falls outside it. */
function cutFor(corners: [number, number][], side: Side, share: number, width: number, height: number) {
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const dx = Math.round((x1 - x0) * share);
  const dy = Math.round((y1 - y0) * share);
  if (side === 'right') return { left: 0, top: 0, width: Math.round(x1) - dx, height };
  if (side === 'left') return { left: Math.round(x0) + dx, top: 0, width: width - Math.round(x0) - dx, height };
  if (side === 'bottom') return { left: 0, top: 0, width, height: Math.round(y1) - dy };
  return { left: 0, top: Math.round(y0) + dy, width, height: height - Math.round(y0) - dy };
}

/**
 * The text-only page with every glyph the cut photo does not hold whole made paper: a glyph (8-connected component) is
 * dropped when a corner of its box lies outside the photo or within 4 px of its edge, where the frame cuts letters in
 * part and what is left of them is a few rows of pixels that resampling blends with the edge.
 */
async function textInside(textPng: Uint8Array, cutToPage: Homography, width: number, height: number) {
  const { data, info } = await sharp(textPng).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const text = { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  const pageToCut = invert(cutToPage);
  const inside = (x: number, y: number) => {
    const [px, py] = apply(pageToCut, x, y);
    return px >= EDGE && py >= EDGE && px <= width - EDGE && py <= height - EDGE;
  };
  for (const g of components(text, 128)) {
    if (inside(g.x0, g.y0) && inside(g.x1 + 1, g.y0) && inside(g.x0, g.y1 + 1) && inside(g.x1 + 1, g.y1 + 1)) continue;
    for (let y = g.y0; y <= g.y1; y++) text.data.fill(255, y * text.width + g.x0, y * text.width + g.x1 + 1);
  }
  return new Uint8Array(await sharp(text.data, { raw: { width: info.width, height: info.height, channels: 1 } }).png().toBuffer());
}

describe('a page that runs off the frame', () => {
  it.each(cases)('$condition $seed, off the $side side: every glyph in the photo is kept', async ({ condition, seed, side }) => {
    const page = await makeBenchPage(condition, seed);
    const meta = await sharp(page.bytes).metadata();
    const [w, h] = [meta.width ?? 0, meta.height ?? 0];
    const { width: pw = 0, height: ph = 0 } = await sharp(page.textPng).metadata();
    const photoOfPage = invert(page.toPage);
    const corners = ([[0, 0], [pw, 0], [pw, ph], [0, ph]] as const).map(([x, y]) => apply(photoOfPage, x, y));
    const cut = cutFor(corners, side, 1 / 6, w, h);
    const bytes = new Uint8Array(await sharp(page.bytes).extract(cut).jpeg({ quality: 92 }).toBuffer());
    const cutToPage = compose(page.toPage, translation(cut.left, cut.top));
    const text = await textInside(page.textPng, cutToPage, cut.width, cut.height);

    const cleaned = await preprocessPage(bytes);
    const check = await checkInkKept(text, cutToPage, cleaned);
    // a sixth of the page is gone, so the photo still holds hundreds of glyphs: the check has something to hold
    expect(check.glyphs).toBeGreaterThan(500);
    expect(check.lostAt).toEqual([]);
    expect(check.keptFraction).toBeGreaterThan(0.97);
  });
});
