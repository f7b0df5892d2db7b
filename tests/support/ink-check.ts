// Fixture check: does preprocessing keep all of a page's writing? Ground-truth glyphs mapped onto the cleaned image.
import sharp from 'sharp';
import { components } from '../../electron/core/ocr/preprocess/components';
import { apply, compose, invert, type Homography } from '../../electron/core/ocr/preprocess/projective';
import type { PreprocessedPage } from '../../electron/core/ocr/preprocess';

/**
 * The definition the guard tests hold preprocessing to:
 * - the page's writing is the text-only render of the page (no leaders, stamp or signature), pixels under 128;
 *   a glyph is one 8-connected component of it (a letter, or a letter's accent on its own) of at least 12 pixels;
 * - each of a glyph's pixels (every other one in x and y) is mapped through the capture (page -> photo or scan) and
 *   back through preprocessing (image as given -> cleaned image);
 * - a pixel is kept when the cleaned image has ink within `radius` of where it lands: a pixel under 200 of 255, i.e.
 *   not painted to paper (flattened paper measures 235-255); landing outside the cleaned image is lost;
 * - a glyph is lost when under half of its pixels are kept.
 * Cropping, blanking, erasing as furniture and washing out all lose glyphs; blur and resampling do not.
 */
export type InkCheck = { glyphs: number; lost: number; keptFraction: number; lostAt: { x: number; y: number }[] };

const INK = 128;
const KEPT_BELOW = 200;
const MIN_GLYPH = 12;

async function greyOf(png: Uint8Array): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(png).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** The cleaned image's pixels (the PGM's payload). */
function pixelsOf(page: PreprocessedPage): Uint8Array {
  return page.image.subarray(page.image.length - page.width * page.height);
}

export async function checkInkKept(textPng: Uint8Array, captureToPage: Homography, cleaned: PreprocessedPage, radius = 2): Promise<InkCheck> {
  const text = await greyOf(textPng);
  const pageToOutput = compose(invert(cleaned.toSource), invert(captureToPage));
  const out = pixelsOf(cleaned);
  const { width: w, height: h } = cleaned;
  const inkNear = (x: number, y: number): boolean => {
    const cx = Math.round(x);
    const cy = Math.round(y);
    if (cx < 0 || cy < 0 || cx >= w || cy >= h) return false;
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        const px = cx + dx;
        const py = cy + dy;
        if (px >= 0 && py >= 0 && px < w && py < h && (out[py * w + px] ?? 255) < KEPT_BELOW) return true;
      }
    }
    return false;
  };
  let glyphs = 0;
  let lost = 0;
  let kept = 0;
  let total = 0;
  const lostAt: { x: number; y: number }[] = [];
  for (const glyph of components(text, INK)) {
    if (glyph.area < MIN_GLYPH) continue;
    glyphs++;
    let inGlyph = 0;
    let keptInGlyph = 0;
    for (let y = glyph.y0; y <= glyph.y1; y += 2) {
      for (let x = glyph.x0; x <= glyph.x1; x += 2) {
        if ((text.data[y * text.width + x] ?? 255) >= INK) continue;
        inGlyph++;
        const [ox, oy] = apply(pageToOutput, x + 0.5, y + 0.5);
        if (inkNear(ox, oy)) keptInGlyph++;
      }
    }
    total += inGlyph;
    kept += keptInGlyph;
    if (inGlyph > 0 && keptInGlyph * 2 < inGlyph) {
      lost++;
      if (lostAt.length < 20) lostAt.push({ x: glyph.x0, y: glyph.y0 });
    }
  }
  return { glyphs, lost, keptFraction: total === 0 ? 1 : kept / total, lostAt };
}
