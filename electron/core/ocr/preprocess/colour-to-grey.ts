// Colour to grey for OCR, optionally dropping red ink (stamps, con dấu) while black and blue writing stays dark.
import type { GreyImage, RgbImage } from './raster';

/**
 * 50: how far red must exceed both green and blue for a pixel to count as red ink. Black or grey text with JPEG
 * chroma noise stays under ~25; the stamps of the bench are 60-180 over. A warm phone cast (red 10-30 over) is not
 * affected.
 */
const RED_MARGIN = 50;
/**
 * 2 px around red ink count as red too: JPEG keeps colour at half resolution, so a stamp's rim has the darkness of
 * the ink but not its colour, and would otherwise stay behind as a grey outline of the stamp.
 */
const RIM = 2;

export type GreyConversion = { image: GreyImage; redPixels: number };

function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const across = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (!mask[row + x]) continue;
      across.fill(1, row + Math.max(0, x - radius), row + Math.min(width, x + radius + 1));
    }
  }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!across[y * width + x]) continue;
      for (let d = Math.max(0, y - radius); d <= Math.min(height - 1, y + radius); d++) out[d * width + x] = 1;
    }
  }
  return out;
}

/**
 * Luminance (Rec. 601) of each pixel; with `dropRed`, red ink and its rim take the red channel instead, which is as
 * light as the paper under the ink (a stamp multiplies the paper by roughly its red colour), so the stamp fades to a
 * light grey while text printed under it, dark in all three channels, keeps its contrast.
 */
export function colourToGrey(rgb: RgbImage, dropRed: boolean): GreyConversion {
  const n = rgb.width * rgb.height;
  const out = new Uint8Array(n);
  const src = rgb.data;
  const red = new Uint8Array(dropRed ? n : 0);
  let redPixels = 0;
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    const r = src[i] ?? 0;
    const g = src[i + 1] ?? 0;
    const b = src[i + 2] ?? 0;
    out[p] = (77 * r + 150 * g + 29 * b) >> 8;
    if (dropRed && r - (g > b ? g : b) > RED_MARGIN) {
      red[p] = 1;
      redPixels++;
    }
  }
  if (redPixels > 0) {
    const rim = dilate(red, rgb.width, rgb.height, RIM);
    for (let p = 0; p < n; p++) if (rim[p]) out[p] = Math.max(out[p] ?? 0, src[p * 3] ?? 0);
  }
  return { image: { data: out, width: rgb.width, height: rgb.height }, redPixels };
}
