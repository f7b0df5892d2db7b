// The interface's messages through i18next: plurals in English, none in Vietnamese, error messages by code in both.
import { describe, expect, it } from 'vitest';
import { errorMessages, formatErrorMessage } from '../../electron/common/errors';
import { en } from '../../renderer/i18n/en';
import { vi as viMessages } from '../../renderer/i18n/vi';
import { createI18n } from '../../renderer/i18n/i18n-setup';

const vi = createI18n('vi');
const english = createI18n('en');

describe('counts', () => {
  it('say "1 page" and "2 pages" in English, "1 trang" and "2 trang" in Vietnamese', () => {
    expect(english.t('intake.pageCount', { count: 1 })).toBe('1 page');
    expect(english.t('intake.pageCount', { count: 2 })).toBe('2 pages');
    expect(english.t('intake.pageCount', { count: 0 })).toBe('0 pages');
    expect(vi.t('intake.pageCount', { count: 1 })).toBe('1 trang');
    expect(vi.t('intake.pageCount', { count: 2 })).toBe('2 trang');
  });

  it('agree in English wherever a count is shown: ranges, days late, moved pages, validation limits', () => {
    expect(english.t('queue.range', { from: 1, to: 1, total: 1, count: 1 })).toBe('1–1 of 1 dossier');
    expect(english.t('queue.range', { from: 1, to: 50, total: 120, count: 120 })).toBe('1–50 of 120 dossiers');
    expect(english.t('chase.daysOverdue', { days: 1, count: 1 })).toBe('1 day late');
    expect(english.t('chase.daysOverdue', { days: 3, count: 3 })).toBe('3 days late');
    expect(english.t('checklist.movedPages', { pages: 1, count: 1, from: 'A' })).toMatch(/^Moved 1 page of "A"/);
    expect(english.t('validation.tooShort', { count: 1 })).toBe('At least 1 character.');
    expect(english.t('validation.tooShort', { count: 3 })).toBe('At least 3 characters.');
    expect(vi.t('chase.daysOverdue', { days: 1, count: 1 })).toBe('Quá 1 ngày');
  });

  it('have an English singular only beside a key that exists, naming the same parameters', () => {
    const texts: Record<string, string> = en;
    for (const key of Object.keys(texts).filter((k) => k.endsWith('_one'))) {
      const plural = texts[key.slice(0, -'_one'.length)];
      expect(plural, key).toBeDefined();
    }
  });

  it('fill {placeholders} and keep dots and colons in keys and texts as they are', () => {
    expect(english.t('page.label', { n: 3 })).toBe('Page 3');
    expect(vi.t('app.startFailed', { detail: 'a: b' })).toBe('Không khởi động được ứng dụng: a: b');
  });
});

describe('both languages', () => {
  it('has an English text for every Vietnamese key, and no English key that Vietnamese lacks', () => {
    const english: Record<string, string> = en;
    const missing = Object.keys(viMessages).filter((k) => !english[k]);
    expect(missing).toEqual([]);
    const extra = Object.keys(english).filter(
      (k) => !(k in viMessages) && !k.startsWith('error.') && !k.endsWith('_one'),
    );
    expect(extra).toEqual([]);
  });
});

describe('error messages by code', () => {
  it('has an English message for every error code, naming the same parameters as the Vietnamese one', () => {
    for (const [code, text] of Object.entries(errorMessages)) {
      const english = en[`error.${code}` as keyof typeof en];
      expect(english, code).toBeTruthy();
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(english ?? ''), code).toEqual(names(text));
    }
  });

  it('words a refusal in the interface language with its details', () => {
    expect(english.t('error.CONFLICT', { at: '09:41' })).toBe('The dossier was changed in another window at 09:41; reload to see the latest version.');
    expect(vi.t('error.CONFLICT', { at: '09:41' })).toBe(formatErrorMessage('CONFLICT', { at: '09:41' }));
  });
});
