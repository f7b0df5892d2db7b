// Faint writing made dark (glare over a shadow), and dashed leaders erased where they touch a value's letters.
import { describe, expect, it } from 'vitest';
import { stretchFaintInk } from '../../electron/core/ocr/preprocess/faint-ink';
import { eraseLeaderBands, leaderBands } from '../../electron/core/ocr/preprocess/leader-bands';
import type { DotBox } from '../../electron/core/ocr/preprocess/leaders';
import type { GreyImage } from '../../electron/core/ocr/preprocess/raster';

function blankPage(width: number, height: number, level = 255): GreyImage {
  return { data: new Uint8Array(width * height).fill(level), width, height };
}

function fill(img: GreyImage, x0: number, y0: number, x1: number, y1: number, value: number): void {
  for (let y = y0; y <= y1; y++) img.data.fill(value, y * img.width + x0, y * img.width + x1 + 1);
}

const at = (img: GreyImage, x: number, y: number) => img.data[y * img.width + x] ?? -1;

describe('faint ink', () => {
  it('darkens strokes left pale by glare, leaves dark text and blank paper as they are', () => {
    const page = blankPage(600, 200);
    // left: dark strokes (text in normal light); middle: strokes at 185 on paper at 255 (glare over a shadow)
    for (let x = 20; x < 180; x += 12) fill(page, x, 80, x + 3, 110, 20);
    for (let x = 220; x < 380; x += 12) fill(page, x, 80, x + 3, 110, 185);
    // paper's noise in the right part: light marks only
    for (let x = 440; x < 580; x += 9) fill(page, x, 95, x + 1, 96, 225);
    const out = stretchFaintInk(page, page, 20, 1);
    expect(at(out, 21, 90)).toBe(20);
    expect(at(out, 28, 90)).toBe(255);
    expect(at(out, 305, 90)).toBeLessThan(90);
    expect(at(out, 310, 90)).toBe(255);
    expect(at(out, 440, 95)).toBe(225);
  });

  it('leaves mid-grey text (a scan\'s blue values, 200 DPI blur) as it is: stretching it filled the gaps of 5 and 6', () => {
    const page = blankPage(300, 200);
    for (let x = 20; x < 280; x += 12) fill(page, x, 80, x + 3, 110, 100);
    fill(page, 150, 120, 152, 122, 190); // anti-aliased edge next to a stroke: it must not turn into ink
    const out = stretchFaintInk(page, page, 20, 1);
    expect(at(out, 21, 90)).toBe(100);
    expect(at(out, 151, 121)).toBe(190);
  });
});

describe('leader bands', () => {
  // a dashed leader at y 100-102 from x 20 to 580, dashes 12 px long every 20 px, with a "letter" over part of it
  function formRow(): { page: GreyImage; dashes: DotBox[] } {
    const page = blankPage(600, 160);
    const dashes: DotBox[] = [];
    for (let x = 20; x < 580; x += 20) {
      fill(page, x, 100, x + 11, 102, 30);
      // the free dashes are the marks findDotLeaders reports; those under the letter (x 300-360) touch it
      if (x < 290 || x > 370) dashes.push({ x0: x, y0: 100, x1: x + 11, y1: 102 });
    }
    fill(page, 305, 70, 308, 101, 30); // a stem standing on the line
    fill(page, 340, 97, 352, 99, 30); // the bottom stroke of a letter lying right on top of the line (thicker there)
    fill(page, 340, 70, 343, 99, 30);
    return { page, dashes };
  }

  it('erases the line between and under the letters, keeps the letters', () => {
    const { page, dashes } = formRow();
    const bands = leaderBands(dashes, 20);
    expect(bands).toHaveLength(1);
    const erased = eraseLeaderBands(page, bands, 210);
    expect(erased).toBeGreaterThan(0);
    // the dash at 320-331 touched nothing but the line: gone
    expect(at(page, 325, 101)).toBe(255);
    // the stem and the letter's own bottom stroke stay
    expect(at(page, 306, 80)).toBe(30);
    expect(at(page, 306, 101)).toBe(30);
    expect(at(page, 346, 98)).toBe(30);
  });

  it('finds no line in fewer than six marks at one level', () => {
    const { dashes } = formRow();
    expect(leaderBands(dashes.slice(0, 5), 20)).toHaveLength(0);
  });
});
