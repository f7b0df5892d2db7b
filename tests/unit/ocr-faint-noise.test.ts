// Faint-ink stretch tells glare-paled writing from a flattened shadow's noise: only the writing is darkened.
import { describe, expect, it } from 'vitest';
import { stretchFaintInk } from '../../electron/core/ocr/preprocess/faint-ink';
import type { GreyImage } from '../../electron/core/ocr/preprocess/raster';
import { seededRandom } from '../support/vietnamese-corpus';

/** Paper at `level` with Gaussian sensor noise of `sigma` (Box-Muller, seeded), clipped to 0-255. */
function noisyPaper(width: number, height: number, level: number, sigma: number, seed: number): GreyImage {
  const random = seededRandom(seed);
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    data[i] = Math.max(0, Math.min(255, Math.round(level + sigma * g)));
  }
  return { data, width, height };
}

function strokes(img: GreyImage, x0: number, x1: number, value: number): void {
  for (let x = x0; x < x1; x += 12) for (let y = 80; y <= 110; y++) img.data.fill(value, y * img.width + x, y * img.width + x + 4);
}

const darkPixels = (img: GreyImage, x0: number, x1: number, below: number): number => {
  let n = 0;
  for (let y = 0; y < img.height; y++) for (let x = x0; x < x1; x++) if ((img.data[y * img.width + x] ?? 255) < below) n++;
  return n;
};

describe('faint ink and noise', () => {
  it('leaves a flattened shadow\'s noise as it is: its darkest grains are not writing', () => {
    // a deep shadow flattened: paper at ~225 with noise of 15 levels, its darkest grains at 150-170
    const page = noisyPaper(400, 200, 225, 15, 36);
    const before = darkPixels(page, 0, 400, 150);
    const out = stretchFaintInk(page, page, 18, 1);
    expect(darkPixels(out, 0, 400, 150)).toBe(before);
    expect(Array.from(out.data)).toEqual(Array.from(page.data));
  });

  it('still darkens glare-paled strokes on lightly noisy paper', () => {
    const page = noisyPaper(400, 200, 250, 2, 304);
    strokes(page, 20, 380, 185);
    const out = stretchFaintInk(page, page, 18, 1);
    // the strokes' cores go from 185 to under 100; the paper between them stays light
    expect(out.data[90 * 400 + 201] ?? 255).toBeLessThan(100);
    expect(darkPixels(out, 0, 400, 120)).toBeGreaterThan(darkPixels(page, 0, 400, 120) + 2000);
    expect(out.data[90 * 400 + 207] ?? 0).toBeGreaterThan(200);
  });

  it('darkens pale strokes only where the paper lay in a deep shadow before flattening', () => {
    const page = noisyPaper(400, 200, 250, 2, 304);
    strokes(page, 20, 380, 185);
    // the left half was under a shadow at 40% of the lit paper's level, the right half in the light (90%)
    const shade = Float32Array.from({ length: 400 * 200 }, (_, i) => (i % 400 < 200 ? 0.4 : 0.9));
    const out = stretchFaintInk(page, page, 18, 1, shade);
    expect(out.data[90 * 400 + 33] ?? 255).toBeLessThan(100);
    expect(out.data[90 * 400 + 309] ?? 0).toBe(185);
    expect(darkPixels(out, 240, 400, 180)).toBe(darkPixels(page, 240, 400, 180));
  });

  it('leaves a shadowed rim\'s grain beyond the text block as it is, and still darkens the lines of writing', () => {
    const page = noisyPaper(600, 200, 250, 2, 783);
    strokes(page, 20, 400, 185);
    // the rim: a strip 10 px wide at the right edge, pale grains in a column (a sliver of desk inside the outline)
    for (let y = 10; y < 190; y += 9) page.data.fill(180, y * 600 + 585, y * 600 + 588);
    const out = stretchFaintInk(page, page, 18, 1);
    expect(out.data[90 * 600 + 201] ?? 255).toBeLessThan(100);
    expect(darkPixels(out, 560, 600, 175)).toBe(0);
    expect(darkPixels(out, 560, 600, 181)).toBe(darkPixels(page, 560, 600, 181));
  });
});
