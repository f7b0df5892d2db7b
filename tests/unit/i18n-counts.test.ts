// Counts in the privacy, backup and change-procedure texts: "1 dossier" / "2 dossiers" in English, Vietnamese unchanged.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/i18n/i18n-setup';

const vi = createI18n('vi');
const en = createI18n('en');

describe('counted things inside a sentence', () => {
  it('agree with their number in English and read as before in Vietnamese', () => {
    const ran = (lang: typeof en, d: number, p: number, f: number) =>
      lang.t('retention.ran', {
        dossiers: lang.t('count.dossiers', { count: d }),
        pages: lang.t('count.pages', { count: p }),
        files: lang.t('count.imageFiles', { count: f }),
      });
    expect(ran(en, 1, 1, 1)).toBe('Purged: 1 dossier, 1 page, 1 image file.');
    expect(ran(en, 2, 7, 0)).toBe('Purged: 2 dossiers, 7 pages, 0 image files.');
    expect(ran(vi, 1, 7, 2)).toBe('Đã xoá: 1 hồ sơ, 7 trang, 2 tệp ảnh.');
  });

  it('say a single item in the singular where the count is the sentence\'s own', () => {
    expect(en.t('privacy.found', { name: 'A', count: 1 })).toBe('A: 1 dossier');
    expect(en.t('privacy.found', { name: 'A', count: 3 })).toBe('A: 3 dossiers');
    expect(en.t('privacy.accessCount', { count: 1 })).toBe('This data was viewed once (see the access log)');
    expect(en.t('retention.days', { count: 1 })).toBe('1 day');
    expect(en.t('retention.days', { count: 30 })).toBe('30 days');
    expect(en.t('retention.previewHeld', { count: 1 })).toBe('1 dossier on legal hold is skipped.');
    expect(en.t('backup.lastMissing', { count: 1 })).toMatch(/^1 page file was missing/);
    expect(en.t('restore.lossPages', { count: 1 })).toBe('1 scanned page');
    expect(en.t('restore.lossPages', { count: 4 })).toBe('4 scanned pages');
    expect(en.t('procedure.movedOther', { count: 1, from: 'B' })).toMatch(/^1 page of "B" went/);
    expect(en.t('procedure.movedOther', { count: 2, from: 'B' })).toMatch(/^2 pages of "B" went/);
    expect(vi.t('retention.days', { count: 1 })).toBe('1 ngày');
    expect(vi.t('procedure.changeKeeps', { count: 3 })).toContain('3 trang đã quét');
  });

  it('the restore summary names the dossiers still waiting for the portal in the right number', () => {
    const say = (lang: typeof en, pending: number) =>
      lang.t('restore.summary', {
        at: '01/12/2026 17:00',
        dossiers: lang.t('count.dossiers', { count: 12 }),
        pages: lang.t('count.pages', { count: 40 }),
        pending: lang.t('count.dossiers', { count: pending }),
      });
    expect(say(en, 1)).toBe('Backup of 01/12/2026 17:00: 12 dossiers, 40 pages; 1 dossier waiting for the portal (sent exactly once after the restore).');
    expect(say(vi, 2)).toMatch(/^Bản sao lưu lúc 01\/12\/2026 17:00: 12 hồ sơ, 40 trang; 2 hồ sơ đang chờ gửi cổng/);
  });
});
