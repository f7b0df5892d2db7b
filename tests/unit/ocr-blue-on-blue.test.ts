// Scanned forms printed in blue ink under a blue stamp: a stamp only a little bluer than the print, but paler, is split
// from it, so the print under the stamp, and where the stamp overlaps it, is kept while the stamp is faded (tuning scans
// form-dashes 268, form-blue-ink 268).
import { describe, expect, it } from 'vitest';
import { colourToGrey } from '../../electron/core/ocr/preprocess/colour-to-grey';
import type { Background } from '../../electron/core/ocr/preprocess/illumination';
import type { InkCluster } from '../../electron/core/ocr/preprocess/ink-colours';
import { splitStampInk } from '../../electron/core/ocr/preprocess/stamp-split';
import { SWATCH_HEIGHT as h, SWATCH_WIDTH as w, stampSwatch, type Rgb } from '../support/stamp-swatch';

describe('blue stamp on a page printed in blue, scanned', () => {
  const paperRgb: Rgb = [235, 232, 225];
  // navy print (chroma 0.02, 0.42; absorption 1.95) and a brighter blue stamp (0.02, 0.55; absorption 1.51): 0.13 apart
  const print: Rgb = [45, 55, 140];
  const stamp: Rgb = [81, 86, 174];
  // the stamp's chroma at 1.4 times its absorption (2.11): darker than the print
  const overlap: Rgb = [20, 28, 153];

  const page = () => stampSwatch(paperRgb, print, stamp, overlap);

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
