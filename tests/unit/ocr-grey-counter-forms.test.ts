// Photographed forms on grey counters: leader dots blurred into pairs and triples still found as a leader, letters
// sitting on a leader keep their bottoms, and blue print under a purple stamp in the print's colour cluster stays.
import { describe, expect, it } from 'vitest';
import { colourToGrey } from '../../electron/core/ocr/preprocess/colour-to-grey';
import type { Component } from '../../electron/core/ocr/preprocess/components';
import type { Background } from '../../electron/core/ocr/preprocess/illumination';
import type { InkCluster } from '../../electron/core/ocr/preprocess/ink-colours';
import { eraseLeaderBands, leaderBands } from '../../electron/core/ocr/preprocess/leader-bands';
import { findDotLeaders, type DotBox } from '../../electron/core/ocr/preprocess/leaders';
import type { GreyImage } from '../../electron/core/ocr/preprocess/raster';
import { splitStampInk } from '../../electron/core/ocr/preprocess/stamp-split';
import { SWATCH_HEIGHT as h, SWATCH_WIDTH as w, stampSwatch, type Rgb } from '../support/stamp-swatch';

const box = (x0: number, y0: number, w: number, h: number): Component => ({ x0, y0, x1: x0 + w - 1, y1: y0 + h - 1, area: Math.round(w * h * 0.8) });

describe('leader dots run together in pairs and triples (photo form-dots 154, grey counter)', () => {
  // x-height 16, dots 5 px wide every 6.4 px on y 590-594; the blur joined some neighbours into 12 and 18 px marks
  function leader(): Component[] {
    const widths = [1, 1, 2, 1, 1, 3, 1, 2, 1, 1, 1, 3, 2, 1, 1, 1, 1, 2, 1, 3, 1, 1, 2, 1, 1, 1, 1, 3, 1, 2, 1, 1];
    const marks: Component[] = [];
    let dot = 0;
    for (const n of widths) {
      const x = Math.round(840 + dot * 6.4);
      marks.push(box(x, 590, Math.round(5 + (n - 1) * 6.4), 5));
      dot += n;
    }
    return marks;
  }

  it('takes every mark of the row, single or merged, as the leader', () => {
    const marks = leader();
    const found = findDotLeaders(marks, 16, 0);
    expect(found).toHaveLength(marks.length);
  });

  it('still ignores a row of letters-sized hyphens at no common pitch', () => {
    const marks = [box(100, 300, 6, 2), box(160, 300, 6, 2), box(171, 300, 6, 2), box(260, 300, 6, 2), box(300, 300, 6, 2), box(390, 300, 6, 2)];
    expect(findDotLeaders(marks, 16, 0)).toHaveLength(0);
  });
});

describe('a value typed over a leader', () => {
  function fill(img: GreyImage, x0: number, y0: number, x1: number, y1: number, value: number): void {
    for (let y = y0; y <= y1; y++) img.data.fill(value, y * img.width + x0, y * img.width + x1 + 1);
  }
  const at = (img: GreyImage, x: number, y: number) => img.data[y * img.width + x] ?? -1;

  it("keeps the bottom of a u between its stems and erases the leader's stroke that touches one letter", () => {
    const page: GreyImage = { data: new Uint8Array(400 * 120).fill(255), width: 400, height: 120 };
    const dots: DotBox[] = [];
    for (let x = 20; x < 320; x += 6) {
      if (x > 190 && x < 260) continue; // the value's letters sit here
      fill(page, x, 99, x + 2, 101, 90);
      dots.push({ x0: x, y0: 99, x1: x + 2, y1: 101 });
    }
    // a u: two stems from the x-height down to the line, joined by its bottom lying on the line
    fill(page, 200, 86, 202, 101, 40);
    fill(page, 211, 86, 213, 101, 40);
    fill(page, 203, 99, 210, 101, 40);
    // a letter's stem with the leader's stroke running into it from the right (touching one letter only)
    fill(page, 240, 86, 242, 101, 40);
    fill(page, 243, 99, 250, 101, 90);
    eraseLeaderBands(page, leaderBands(dots, 14), 210);
    expect(at(page, 206, 100)).toBe(40);
    expect(at(page, 247, 100)).toBe(255);
    expect(at(page, 241, 92)).toBe(40);
  });
});

describe('blue print under a purple stamp, one colour cluster (photo form-dots 154)', () => {
  const paperRgb: Rgb = [235, 232, 225];
  const print: Rgb = [60, 85, 165];
  const stamp: Rgb = [135, 95, 180];

  const page = () => stampSwatch(paperRgb, print, stamp);

  it('fades the stamp and keeps the print under it', () => {
    const { rgb, label, chroma, marks } = page();
    const split = splitStampInk(label, chroma, marks.stamp, 0, 1);
    expect(split).not.toBeNull();
    const clusters: InkCluster[] = [{ chroma: [-0.03, 0.5], share: 1, textLike: 0.8, text: true, ...(split ? { split } : {}) }];
    const paper = paperRgb.map((v) => ({ cell: 200, cols: 1, rows: 1, levels: new Float32Array([v]) })) as [Background, Background, Background];
    const out = colourToGrey(rgb, clusters, paper, marks, 1);
    expect(out.image.data[70 * w + 120]).toBeGreaterThan(150); // stamp faded
    expect(out.image.data[53 * w + 115]).toBeLessThan(110); // print under it kept dark
    // without the split the print under the stamp goes with it (the behaviour this guards against)
    const faded = colourToGrey(rgb, [{ chroma: [-0.03, 0.5], share: 1, textLike: 0.8, text: true }], paper, marks, 1);
    expect(faded.image.data[53 * w + 115]).toBeGreaterThan(150);
  });

  it('leaves a stamp of the print\'s own colour to be faded whole', () => {
    const { label, chroma, marks } = page();
    for (let p = 0; p < w * h; p++) {
      const x = p % w;
      const y = Math.floor(p / w);
      if (x >= 80 && x <= 150 && y >= 20 && y <= 90) {
        chroma[p * 2] = chroma[5 * 2 + 10 * w * 2] ?? 0;
        chroma[p * 2 + 1] = chroma[5 * 2 + 1 + 10 * w * 2] ?? 0;
      }
    }
    expect(splitStampInk(label, chroma, marks.stamp, 0, 1)).toBeNull();
  });
});
