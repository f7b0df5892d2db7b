// Blank backs of duplex scans are offered for removal; a page with even one word on it is not.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BLANK_INK_RATIO, inkRatio, isNearlyBlank } from '../../electron/core/scanner/blank-page';
import { scanLike } from '../support/degrade-page';
import { makeTextPage } from '../support/make-text-page';

// text pages at 150 DPI (a common scanner setting, 4x faster to make); the dusty blank at 300 DPI, since the dust
// specks of scanLike have a size in pixels
const size = { width: 1240, height: 1754 };
const paper = () => sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#f4f2ec' } }).jpeg().toBuffer();
const text = (line: string) => makeTextPage({ lines: [line], format: 'jpeg', ...size, fontSize: 6 });

describe('blank page check', () => {
  it('flags empty backs, also with scanner noise and dust', async () => {
    expect(await isNearlyBlank(await paper())).toBe(true);
    expect(await isNearlyBlank(await scanLike(await paper(), { seed: 3, noise: 8, dust: 30, quality: 70 }))).toBe(true);
  });

  it('keeps a page with a single word or a single line', async () => {
    const word = await text('Ký tên');
    const line = await scanLike(await text('Chữ ký của người khai'), { seed: 5, noise: 8, dust: 30, quality: 70 });
    expect(await inkRatio(word)).toBeGreaterThan(BLANK_INK_RATIO);
    expect(await isNearlyBlank(word)).toBe(false);
    expect(await isNearlyBlank(line)).toBe(false);
  });
});
