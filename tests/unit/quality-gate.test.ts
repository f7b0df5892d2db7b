// Quality gate on generated pages: each kind of bad scan gets its own Vietnamese warning, good scans get none.
import { beforeAll, describe, expect, it } from 'vitest';
import { assessPageQuality, judgeQuality, qualityMessage, type QualityAssessment } from '../../electron/core/quality';
import { makeQualityCases, type QualityCase } from '../support/make-quality-pages';

let cases: QualityCase[] = [];
const results = new Map<string, QualityAssessment>();

beforeAll(async () => {
  cases = await makeQualityCases(7);
  for (const c of cases) results.set(c.name, await assessPageQuality(c.bytes, { pageNo: 2 }));
}, 120_000);

const codes = (name: string) => (results.get(name)?.warnings ?? []).map((w) => w.code).sort();

describe('assessPageQuality', () => {
  it.each(['clean', 'scanned', 'form', '200dpi', 'one-line'])('passes a good page without warnings: %s', (name) => {
    expect(codes(name)).toEqual([]);
  });

  it.each([
    ['blurry', ['blurry']],
    ['slightly-blurry', ['blurry']],
    ['dark', ['too_dark']],
    ['washed-out', ['too_bright']],
    ['150dpi', ['low_resolution']],
    ['phone', ['low_resolution']],
    ['cut-left', ['cut_off']],
    ['cut-bottom', ['cut_off']],
    ['blank', ['nearly_blank']],
    ['blank-show-through', ['nearly_blank']],
  ])('flags %s with exactly %j', (name, expected) => {
    expect(codes(name)).toEqual(expected);
  });

  it('tells the agent, in Vietnamese, which page and what to do', () => {
    expect(results.get('blurry')?.warnings[0]?.message).toBe('Trang 2 bị mờ, hãy quét lại.');
    expect(results.get('cut-left')?.warnings[0]?.message).toMatch(/^Trang 2 bị mất nội dung ở mép trái/);
    expect(results.get('cut-bottom')?.warnings[0]?.message).toMatch(/mép dưới/);
    expect(results.get('150dpi')?.warnings[0]?.message).toMatch(/khoảng 150 DPI\), hãy quét lại ở 200–300 DPI/);
    expect(results.get('blank')?.warnings[0]?.message).toMatch(/gần như trắng/);
    for (const result of results.values()) {
      for (const w of result.warnings) expect(w.message).toBe(w.message.normalize('NFC'));
    }
  });

  it('renumbers a stored finding for the page position it has now', () => {
    const finding = results.get('dark')?.findings[0];
    expect(finding).toEqual({ code: 'too_dark' });
    expect(qualityMessage(finding ?? { code: 'too_dark' }, 5)).toBe('Trang 5 quá tối, hãy quét lại với độ sáng cao hơn.');
  });

  it('trusts a scanner DPI on a small document (an ID card at 300 DPI is not low resolution)', () => {
    const metrics = results.get('clean')?.metrics;
    expect(metrics).toBeDefined();
    if (!metrics) return;
    const card = { ...metrics, width: 1012, height: 638, a4Dpi: 77, declaredDpi: 300 };
    expect(judgeQuality(card).map((f) => f.code)).toEqual([]);
    expect(judgeQuality({ ...card, declaredDpi: null }).map((f) => f.code)).toEqual(['low_resolution']);
  });
});
