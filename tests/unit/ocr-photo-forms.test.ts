// Photographed forms: merged leader dots and pale bars erased (commas and letters kept), a stamp's ring found inside a
// mark it shares with a signature, and colour fringes of black print left alone when the page has a coloured stamp.
import { describe, expect, it } from 'vitest';
import { colourToGrey } from '../../electron/core/ocr/preprocess/colour-to-grey';
import type { Background } from '../../electron/core/ocr/preprocess/illumination';
import type { InkCluster } from '../../electron/core/ocr/preprocess/ink-colours';
import type { InkMarks } from '../../electron/core/ocr/preprocess/ink-marks';
import { eraseLeaderBands, leaderBands } from '../../electron/core/ocr/preprocess/leader-bands';
import type { DotBox } from '../../electron/core/ocr/preprocess/leaders';
import type { GreyImage, RgbImage } from '../../electron/core/ocr/preprocess/raster';
import { eraseBars } from '../../electron/core/ocr/preprocess/rules';
import { findRing } from '../../electron/core/ocr/preprocess/stamp-ring';

function blankPage(width: number, height: number, level = 255): GreyImage {
  return { data: new Uint8Array(width * height).fill(level), width, height };
}

function fill(img: GreyImage, x0: number, y0: number, x1: number, y1: number, value: number): void {
  for (let y = y0; y <= y1; y++) img.data.fill(value, y * img.width + x0, y * img.width + x1 + 1);
}

const at = (img: GreyImage, x: number, y: number) => img.data[y * img.width + x] ?? -1;

describe('leader dots run together (a photo at ~150 DPI)', () => {
  // x-height 14: a leader on the baseline at y 99-101, dots every 6 px from x 20 (the marks found on the grid), then
  // from x 300 a stretch where the blur ran the dots into bars; a word "Nam," ends at x 296 with a comma under it
  function row(): { page: GreyImage; dots: DotBox[] } {
    const page = blankPage(600, 160);
    const dots: DotBox[] = [];
    for (let x = 20; x < 200; x += 6) {
      fill(page, x, 99, x + 2, 101, 120);
      dots.push({ x0: x, y0: 99, x1: x + 2, y1: 101 });
    }
    fill(page, 300, 99, 340, 101, 150); // merged dots: one bar, on the leader's line, off its grid
    fill(page, 360, 98, 362, 101, 150); // a lone blurred dot, a pixel taller than wide
    fill(page, 230, 88, 233, 101, 40); // a letter's stem standing on the line
    fill(page, 280, 88, 294, 101, 40); // the word before the comma
    fill(page, 296, 98, 298, 103, 40); // the comma: 3 x 6, taller than wide, right after the word
    fill(page, 420, 104, 423, 106, 40); // the dot under ạ: below the line, with the letter above it
    fill(page, 418, 88, 425, 101, 40);
    return { page, dots };
  }

  it('erases merged dot runs along the leader and keeps letters, commas and the dots under letters', () => {
    const { page, dots } = row();
    const bands = leaderBands(dots, 14);
    expect(bands).toHaveLength(1);
    eraseLeaderBands(page, bands, 210);
    expect(at(page, 320, 100)).toBe(255);
    expect(at(page, 361, 100)).toBe(255);
    expect(at(page, 231, 92)).toBe(40);
    expect(at(page, 297, 101)).toBe(40);
    expect(at(page, 421, 105)).toBe(40);
  });
});

describe('pale bars', () => {
  it('erases a flat pale bar of 2 x-heights or more whole and the dots left along its line, keeps letters and a hyphen', () => {
    const page = blankPage(400, 100);
    fill(page, 20, 50, 120, 52, 180); // a leader run into one pale bar, 100 px for an x-height of 14
    fill(page, 150, 40, 165, 53, 60); // a letter
    fill(page, 170, 46, 176, 47, 60); // a hyphen: flat but short
    fill(page, 200, 50, 300, 52, 100); // a darker bar, too
    for (let x = 320; x < 390; x += 6) fill(page, x, 50, x + 2, 52, 90); // the rest of that leader: dots apart
    expect(eraseBars(page, 14)).toBeGreaterThan(0);
    expect(at(page, 333, 51)).toBe(255);
    expect(at(page, 70, 51)).toBe(255);
    expect(at(page, 250, 51)).toBe(255);
    expect(at(page, 157, 45)).toBe(60);
    expect(at(page, 173, 46)).toBe(60);
  });
});

describe('stamp ring', () => {
  function ringWithSignature(signature: boolean): { mask: Uint8Array; w: number } {
    const w = 300;
    const mask = new Uint8Array(w * 160);
    // a ring of radius 60 round (80, 80), 4 px thick, broken in three places where the ink did not take
    for (let y = 0; y < 160; y++) {
      for (let x = 0; x < w; x++) {
        const d = Math.hypot(x - 80, y - 80);
        const angle = (Math.atan2(y - 80, x - 80) * 180) / Math.PI;
        const broken = Math.abs(angle - 30) < 8 || Math.abs(angle + 100) < 8 || Math.abs(angle - 160) < 8;
        if (d >= 56 && d <= 60 && !broken) mask[y * w + x] = 1;
      }
    }
    // a signature's stroke from inside the ring out to the right, a wave
    if (signature) for (let x = 60; x < 290; x++) for (let t = 0; t < 3; t++) mask[(80 + Math.round(20 * Math.sin(x / 15)) + t) * w + x] = 1;
    return { mask, w };
  }

  it('finds the ring inside a mark it shares with a signature crossing it', () => {
    const { mask, w } = ringWithSignature(true);
    const ring = findRing(mask, w, { x0: 20, y0: 20, x1: 289, y1: 140 }, 40);
    expect(ring).not.toBeNull();
    expect(Math.abs((ring?.x0 ?? 0) + (ring?.x1 ?? 0) - 160)).toBeLessThanOrEqual(8);
    expect(Math.abs((ring?.x1 ?? 0) - (ring?.x0 ?? 0) - 120)).toBeLessThanOrEqual(12);
  });

  it('finds none in a signature alone', () => {
    const { mask, w } = ringWithSignature(false);
    const only = new Uint8Array(mask.length);
    for (let x = 60; x < 290; x++) for (let t = 0; t < 3; t++) only[(80 + Math.round(20 * Math.sin(x / 15)) + t) * w + x] = 1;
    expect(findRing(only, w, { x0: 60, y0: 58, x1: 289, y1: 103 }, 40)).toBeNull();
  });
});

describe('colour fringes of black print', () => {
  it('leaves bluish fringes of black print far from the stamp as they are and fades the stamp', () => {
    const w = 200;
    const h = 100;
    const data = new Uint8Array(w * h * 3).fill(230);
    const put = (x0: number, x1: number, y0: number, y1: number, rgb: [number, number, number]) => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data.set(rgb, (y * w + x) * 3);
    };
    put(10, 60, 40, 50, [30, 30, 30]); // black print
    put(10, 60, 51, 51, [150, 140, 190]); // its fringe, bluish-purple (a photo's blur, JPEG's colour)
    put(130, 190, 20, 80, [150, 60, 170]); // the purple stamp
    const rgb: RgbImage = { data, width: w, height: h };
    const paper: Background = { cell: 100, cols: 2, rows: 1, levels: new Float32Array([230, 230]) };
    const clusters: InkCluster[] = [{ chroma: [-0.17, 0.35], share: 1, textLike: 0.05, text: false }];
    const marks: InkMarks = { width: w, height: h, stamp: new Uint8Array(w * h), furniture: new Uint8Array(w * h), textOf: new Int8Array(w * h).fill(-1) };
    for (let y = 15; y <= 85; y++) marks.furniture.fill(1, y * w + 125, y * w + 195);
    const out = colourToGrey(rgb, clusters, [paper, paper, paper], marks, 1);
    // the fringe is not faded, nor is the print under it by the fade's rim
    expect(out.mask[51 * w + 30]).toBe(0);
    expect(out.mask[48 * w + 30]).toBe(0);
    // the stamp is
    expect(out.mask[50 * w + 160]).toBe(1);
    expect(out.image.data[50 * w + 160]).toBeGreaterThan(150);
  });
});
