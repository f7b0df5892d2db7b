// The interface's messages through i18next: plurals in English, none in Vietnamese, error messages by code in both.
import { describe, expect, it } from 'vitest';
import { errorMessages, formatErrorMessage } from '../../electron/common/errors';
import { en } from '../../renderer/i18n/en';
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

  it('fill {placeholders} and keep dots and colons in keys and texts as they are', () => {
    expect(english.t('page.label', { n: 3 })).toBe('Page 3');
    expect(vi.t('app.startFailed', { detail: 'a: b' })).toBe('Không khởi động được ứng dụng: a: b');
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
