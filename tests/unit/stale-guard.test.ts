// Two windows on one dossier: the intake adopts a newer version only when what it edits is untouched there (issue 13).
import { describe, expect, it } from 'vitest';
import { sameIntakeFields } from '../../renderer/features/intake/stale-guard';
import type { IntakeDraft } from '../../renderer/features/intake/stale-guard';

const base: IntakeDraft = {
  applicant: { fullName: 'Lê Thị Lan', idNumber: '001190012345', phone: '' },
  delivery: { method: 'counter' },
  mode: 'online',
  subjectName: 'Lê Minh An',
};

describe('sameIntakeFields', () => {
  it('a newer version with the same applicant (a page, the fee, the form changed) may be saved over', () => {
    const server: IntakeDraft = { ...base, applicant: { phone: undefined, idNumber: '001190012345', fullName: 'Lê  Thị Lan ' } };
    expect(sameIntakeFields(base, server, false)).toBe(true);
  });

  it('a phone another window saved is a conflict: saving the stale applicant would blank it', () => {
    const server: IntakeDraft = { ...base, applicant: { ...base.applicant, phone: '0912345678' } };
    expect(sameIntakeFields(base, server, false)).toBe(false);
  });

  it('another filing mode or delivery address is a conflict too', () => {
    expect(sameIntakeFields(base, { ...base, mode: 'direct' }, false)).toBe(false);
    expect(sameIntakeFields(base, { ...base, delivery: { method: 'post', address: 'Số 5 Đội Cấn' } }, false)).toBe(false);
  });

  it('the subject named by the declaration form is not the intake field: its change is no conflict', () => {
    const server: IntakeDraft = { ...base, subjectName: 'Lê Minh Anh' };
    expect(sameIntakeFields(base, server, false)).toBe(false);
    expect(sameIntakeFields(base, server, true)).toBe(true);
  });

  it('NFC and NFD spellings of one name are the same value', () => {
    const nfd: IntakeDraft = { ...base, applicant: { ...base.applicant, fullName: 'Lê Thị Lan'.normalize('NFD') } };
    expect(sameIntakeFields(base, nfd, false)).toBe(true);
  });
});
