// Preprocessing never deletes writing: phone photos on any desk, in any light, at any tilt, keep every glyph of the page.
import { describe, expect, it } from 'vitest';
import { preprocessPage, type PreprocessedPage } from '../../electron/core/ocr/preprocess';
import { compose, translation } from '../../electron/core/ocr/preprocess/projective';
import { scanWithGeometry } from '../support/degrade-page';
import { checkInkKept } from '../support/ink-check';
import { makeTextPage } from '../support/make-text-page';
import { TEST_FIRST_SEED } from '../support/ocr-page-set';
import { photographPage, type SceneOptions } from '../support/photo-scene';
import { pickSentences, seededRandom } from '../support/vietnamese-corpus';

/** Held-out seeds (never tuned on): a dark desk, a light one, a side keystone, and anything at all. */
const scenes: SceneOptions[] = [
  { seed: TEST_FIRST_SEED, desk: 'dark' },
  { seed: TEST_FIRST_SEED + 1, desk: 'dark' },
  { seed: TEST_FIRST_SEED + 2, desk: 'light' },
  { seed: TEST_FIRST_SEED + 3, desk: 'light' },
  { seed: TEST_FIRST_SEED + 4, keystone: 'left', tiltDeg: [14, 22] },
  { seed: TEST_FIRST_SEED + 5, keystone: 'right', tiltDeg: [14, 22] },
  { seed: TEST_FIRST_SEED + 6 },
  { seed: TEST_FIRST_SEED + 7 },
  { seed: TEST_FIRST_SEED + 8 },
  { seed: TEST_FIRST_SEED + 9 },
];

async function articlePage(seed: number): Promise<Uint8Array> {
  return makeTextPage({ lines: ['BÁO CÁO TÌNH HÌNH CẢI CÁCH THỦ TỤC HÀNH CHÍNH', ...pickSentences(seededRandom(seed), 12)], format: 'png' });
}

describe('preprocessing keeps the ink of the page (tests/support/ink-check.ts defines "kept")', () => {
  it('on phone photos of every kind of desk, light and tilt, no glyph is lost', async () => {
    const page = await articlePage(TEST_FIRST_SEED);
    const report: string[] = [];
    for (const scene of scenes) {
      const photo = await photographPage(page, scene);
      const cleaned = await preprocessPage(photo.bytes);
      const check = await checkInkKept(page, photo.photoToPage, cleaned);
      const s = photo.scene;
      report.push(`seed ${String(scene.seed)} ${s.desk} ${s.keystone} ${s.tilt.toFixed(0)}°: ${String(check.lost)}/${String(check.glyphs)} lost, page ${cleaned.report.page ? 'found' : 'kept whole'}`);
      expect(check.glyphs).toBeGreaterThan(1000);
      expect(check.lost, report.join('\n')).toBe(0);
      expect(check.keptFraction).toBeGreaterThan(0.995);
    }
    // the outline is found on most desks (a white page on a white table may stay whole: that is allowed, never a loss)
    expect(report.filter((line) => line.endsWith('found')).length).toBeGreaterThanOrEqual(7);
  });

  it('on flatbed scans nothing is cropped', async () => {
    for (const seed of [TEST_FIRST_SEED + 10, TEST_FIRST_SEED + 11]) {
      const page = await articlePage(seed);
      const scan = await scanWithGeometry(page, { seed });
      const check = await checkInkKept(page, scan.scanToPage, await preprocessPage(scan.bytes));
      expect(check.lost).toBe(0);
    }
  });

  it('the check itself catches a crop that cuts a line of text off', async () => {
    const page = await articlePage(TEST_FIRST_SEED + 12);
    const scan = await scanWithGeometry(page, { seed: TEST_FIRST_SEED + 12 });
    const cleaned = await preprocessPage(scan.bytes);
    // the same output with its top 12% cut away, as a wrong page outline would have done
    const cut = Math.round(cleaned.height * 0.12);
    const pixels = cleaned.image.subarray(cleaned.image.length - cleaned.width * cleaned.height);
    const cropped: PreprocessedPage = {
      ...cleaned,
      image: pixels.slice(cut * cleaned.width),
      height: cleaned.height - cut,
      toSource: compose(cleaned.toSource, translation(0, cut)),
    };
    const check = await checkInkKept(page, scan.scanToPage, cropped);
    expect(check.lost).toBeGreaterThan(50);
  });
});
