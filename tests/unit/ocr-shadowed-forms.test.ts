// Photographed forms: the paper's edge left as a long thin vertical line is erased; a shadow's grain over a leader
// does not keep its dots.
import { describe, expect, it } from 'vitest';
import { components } from '../../electron/core/ocr/preprocess/components';
import { findDotLeaders } from '../../electron/core/ocr/preprocess/leaders';
import type { GreyImage } from '../../electron/core/ocr/preprocess/raster';
import { eraseVerticalRules } from '../../electron/core/ocr/preprocess/vertical-rules';

function fill(img: GreyImage, x0: number, y0: number, x1: number, y1: number, value: number): void {
  for (let y = y0; y < y1; y++) img.data.fill(value, y * img.width + x0, y * img.width + x1);
}

const count = (img: GreyImage, x0: number, x1: number, below: number): number => {
  let n = 0;
  for (let y = 0; y < img.height; y++) for (let x = x0; x < x1; x++) if ((img.data[y * img.width + x] ?? 255) < below) n++;
  return n;
};

describe('vertical lines', () => {
  it('erases a long thin vertical line (a page edge) and keeps letters touching it and short strokes', () => {
    const page: GreyImage = { data: new Uint8Array(300 * 400).fill(250), width: 300, height: 400 };
    const xHeight = 16;
    fill(page, 20, 10, 22, 390, 140); // the paper's edge line, 2 px wide, the page's height
    fill(page, 20, 200, 40, 204, 30); // a letter's bar touching it
    fill(page, 100, 50, 103, 80, 20); // a letter's stem: ~2 x-heights
    fill(page, 200, 30, 203, 60, 20); // stems of letters on successive lines, parted by line spacing
    fill(page, 200, 75, 203, 105, 20);
    fill(page, 200, 120, 203, 150, 20);
    eraseVerticalRules(page, xHeight, 210);
    expect(count(page, 15, 25, 210)).toBe(5 * 4); // the letter bar's own pixels alone: the line is gone above and below it
    expect(count(page, 22, 41, 210)).toBe(18 * 4);
    expect(count(page, 95, 110, 210)).toBe(3 * 30);
    expect(count(page, 195, 210, 210)).toBe(3 * 30 * 3);
  });
});

describe('leader under a shadow\'s grain', () => {
  // x-height 14: a leader of 4 x 4 px dots every 8 px on y 99-102, each with a 1-2 px speck of grain 4 px above it,
  // and a colon (two 4 x 4 dots) whose upper dot must keep the lower one
  function row(): GreyImage {
    const page: GreyImage = { data: new Uint8Array(600 * 160).fill(250), width: 600, height: 160 };
    for (let x = 100; x < 500; x += 8) {
      fill(page, x, 99, x + 4, 103, 120);
      fill(page, x + 1, 93, x + 2, 95, 190);
    }
    fill(page, 36, 90, 40, 94, 30); // the colon's upper dot
    fill(page, 36, 99, 40, 103, 30); // ...and its lower one, on the leader's line and grid (x 100 - 64)
    return page;
  }

  it('finds the leader\'s dots with grain above them and keeps the colon', () => {
    const found = findDotLeaders(components(row(), 210), 14, 0);
    expect(found.filter((d) => d.y0 >= 99 && d.x0 >= 100)).toHaveLength(50);
    expect(found.some((d) => d.x0 === 36)).toBe(false);
  });
});
