// Scanned forms printed in blue ink under a blue stamp: a stamp only a little bluer than the print, but paler, is split
// from it, so the print under the stamp, and where the stamp overlaps it, is kept while the stamp is faded (tuning scans
// form-dashes 268, form-blue-ink 268).
import { describe, expect, it } from 'vitest';
import { colourToGrey } from '../../electron/core/ocr/preprocess/colour-to-grey';
import type { Background } from '../../electron/core/ocr/preprocess/illumination';
import { absorption, type InkCluster, type InkMarks } from '../../electron/core/ocr/preprocess/ink-colours';
import type { RgbImage } from '../../electron/core/ocr/preprocess/raster';
import { splitStampInk } from '../../electron/core/ocr/preprocess/stamp-split';

describe('blue stamp on a page printed in blue, scanned', () => {
  const w = 160;
  const h = 100;
  const paperRgb: [number, number, number] = [235, 232, 225];
  // navy print (chroma 0.02, 0.42; absorption 1.95) and a brighter blue stamp (0.02, 0.55; absorption 1.51): 0.13 apart
  const print: [number, number, number] = [45, 55, 140];
  const stamp: [number, number, number] = [81, 86, 174];
  // the stamp's chroma at 1.4 times its absorption (2.11): darker than the print
  const overlap: [number, number, number] = [20, 28, 153];

  function page(): { rgb: RgbImage; label: Int8Array; chroma: Float32Array; total: Float32Array; marks: InkMarks } {
    const data = new Uint8Array(w * h * 3);
    for (let p = 0; p < w * h; p++) data.set(paperRgb, p * 3);
    const put = (x0: number, x1: number, y0: number, y1: number, rgb: [number, number, number]) => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data.set(rgb, (y * w + x) * 3);
    };
    put(5, 60, 10, 30, print); // print outside the stamp
    put(80, 150, 20, 90, stamp); // the stamp
    put(90, 140, 50, 56, print); // print under the stamp
    put(90, 140, 62, 66, overlap); // print in the stamp's shade, darker than either (the two inks overlapping)
    const label = new Int8Array(w * h).fill(-1);
    const chroma = new Float32Array(w * h * 2);
    const total = new Float32Array(w * h);
    for (let p = 0; p < w * h; p++) {
      const a = absorption(data[p * 3] ?? 0, data[p * 3 + 1] ?? 0, data[p * 3 + 2] ?? 0, ...paperRgb);
      if (a.total < 0.9) continue;
      label[p] = 0;
      chroma[p * 2] = a.chroma[0];
      chroma[p * 2 + 1] = a.chroma[1];
      total[p] = a.total;
    }
    const marks: InkMarks = { width: w, height: h, stamp: new Uint8Array(w * h), furniture: new Uint8Array(w * h), textOf: new Int8Array(w * h).fill(-1) };
    for (let y = 18; y <= 92; y++) for (let x = 78; x <= 152; x++) marks.stamp[y * w + x] = 1;
    return { rgb: { data, width: w, height: h }, label, chroma, total, marks };
  }

  it('keeps the print under a paler stamp and fades the stamp', () => {
    const { rgb, label, chroma, total, marks } = page();
    const split = splitStampInk(label, chroma, marks.stamp, 0, 1, total);
    expect(split).not.toBeNull();
    const clusters: InkCluster[] = [{ chroma: [0.02, 0.45], share: 1, textLike: 0.8, text: true, ...(split ? { split } : {}) }];
    const paper = paperRgb.map((v) => ({ cell: 200, cols: 1, rows: 1, levels: new Float32Array([v]) })) as [Background, Background, Background];
    const out = colourToGrey(rgb, clusters, paper, marks, 1);
    expect(out.image.data[70 * w + 120]).toBeGreaterThan(150); // stamp faded
    expect(out.image.data[53 * w + 115]).toBeLessThan(110); // print under it kept dark
    expect(out.image.data[64 * w + 115]).toBeLessThan(110); // print overlapped by the stamp kept dark, not hollowed
  });

  it('leaves a stamp as dark as the print, only a little bluer, to be faded whole', () => {
    const { label, chroma, marks } = page();
    const asDark = new Float32Array(w * h).fill(1.95);
    expect(splitStampInk(label, chroma, marks.stamp, 0, 1, asDark)).toBeNull();
  });
});
