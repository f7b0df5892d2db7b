// Colour to grey for OCR, optionally dropping red ink (stamps, con dấu) while black and blue writing stays dark.
import type { GreyImage, RgbImage } from './raster';

/**
 * 50: how far red must exceed both green and blue for a pixel to count as red ink. Black or grey text with JPEG
 * chroma noise stays under ~25; the stamps of the bench (and the pinkish anti-aliased rims of their strokes) are
 * 60-180 over. A warm phone cast (red 10-30 over) is not affected.
 */
const RED_MARGIN = 50;

export type GreyConversion = { image: GreyImage; redPixels: number };

/**
 * Luminance (Rec. 601) of each pixel; with `dropRed`, a red-ink pixel takes its red channel instead, which is as
 * light as the paper under the ink (a stamp multiplies the paper by roughly its red colour), so the stamp fades
 * to a light grey while the text printed under it, dark in all three channels, keeps its contrast.
 */
export function colourToGrey(rgb: RgbImage, dropRed: boolean): GreyConversion {
  const n = rgb.width * rgb.height;
  const out = new Uint8Array(n);
  const src = rgb.data;
  let redPixels = 0;
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    const r = src[i] ?? 0;
    const g = src[i + 1] ?? 0;
    const b = src[i + 2] ?? 0;
    if (dropRed && r - (g > b ? g : b) > RED_MARGIN) {
      out[p] = r;
      redPixels++;
    } else {
      out[p] = (77 * r + 150 * g + 29 * b) >> 8;
    }
  }
  return { image: { data: out, width: rgb.width, height: rgb.height }, redPixels };
}
