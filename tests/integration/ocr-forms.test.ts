// Forms in every style are read: leaders of dots, dashes, underscores or rules, stamps of any colour, blue ink kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrEngine } from '../../electron/core/ocr/ocr-engine';
import { preprocessPage } from '../../electron/core/ocr/preprocess';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';
import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { countErrors } from '../../scripts/bench/cer';
import { scanWithGeometry } from '../support/degrade-page';
import { checkInkKept } from '../support/ink-check';
import { makeFormPage, type FormStyle } from '../support/make-form-page';
import { TEST_FIRST_SEED } from '../support/ocr-page-set';

/**
 * Each leader style and each stamp colour at least once, values in blue on two of them. No longer held out: issue 14's
 * sessions tuned the leader-band step on 322 and the stamp rim and signature erasing on 321-324 (docs/BENCHMARKS.md).
 */
const styles: [number, FormStyle][] = [
  [TEST_FIRST_SEED + 20, { leaders: 'dots', stamp: 'red', printInk: 'black', valueInk: 'black', signature: true }],
  [TEST_FIRST_SEED + 21, { leaders: 'dashes', stamp: 'blue', printInk: 'black', valueInk: 'blue', signature: true }],
  [TEST_FIRST_SEED + 22, { leaders: 'underscores', stamp: 'purple', printInk: 'black', valueInk: 'black', signature: false }],
  [TEST_FIRST_SEED + 23, { leaders: 'underline', stamp: 'red', printInk: 'blue', valueInk: 'blue', signature: true }],
];

/**
 * Issue 14's aim for forms in every leader style and stamp colour; judged on held-out pages by `npm run bench:ocr`.
 * These pages read at 0.3-1.5% (02/12/2026, after the stamp rim and signature fixes; 3.6% and 4.4% on 321 and 324
 * before them).
 */
const MAX_CER = 0.03;

let engine: OcrEngine;
let raw: OcrEngine;

beforeAll(() => {
  const langPath = resolveTessdataDir();
  engine = createOcrEngine({ langPath, workers: 2, preprocess: true });
  raw = createOcrEngine({ langPath, workers: 2 });
});

afterAll(async () => {
  await Promise.all([engine.terminate(), raw.terminate()]);
});

describe('scanned forms of every style', () => {
  it.each(styles)('seed %i: %o is read within the aim, far better than without cleaning, and no glyph is lost', async (seed, style) => {
    const form = await makeFormPage(seed, style);
    const scan = await scanWithGeometry(form.png, { seed, maxSkewDeg: 1.5, dust: 20 });
    const [cleaned, plain, prepared] = await Promise.all([engine.recognize(scan.bytes), raw.recognize(scan.bytes), preprocessPage(scan.bytes)]);
    const cer = (text: string) => {
      const c = countErrors(text, form.groundTruth);
      return c.errors / c.chars;
    };
    const read = `CER ${(100 * cer(cleaned.text)).toFixed(2)}% with cleaning, ${(100 * cer(plain.text)).toFixed(2)}% without`;
    expect(cer(cleaned.text), read).toBeLessThanOrEqual(MAX_CER);
    expect(cer(cleaned.text), read).toBeLessThan(cer(plain.text));
    // values filled in blue are writing: they are read, not faded out with the stamp
    expect(cleaned.text.replace(/\s+/g, ' ')).toContain('Trần Thị Mai Phương');
    const check = await checkInkKept(form.textPng, scan.scanToPage, prepared);
    expect(check.lost).toBe(0);
  });
});
