// Prefill: ID card, applicant and OCR readings go into the right person's fields, badged, and wait for the agent.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyPrefill,
  emptyStoredForm,
  prefillFromApplicant,
  prefillFromDocument,
  prefillFromIdCard,
  unconfirmedPaths,
} from '../../electron/common/forms/prefill';
import { loadFormRegistry } from '../../electron/core/forms/form-registry';

const registry = loadFormRegistry(path.resolve(__dirname, '../../resources'));
const def = registry.get('to-khai-khai-sinh');
if (!def) throw new Error('no khai sinh form');
const motherCard = { fullName: 'Lê Thị Hồng Nhung', idNumber: '001195067890', dateOfBirth: '1995-03-04', sex: 'female', address: 'Số 12, Phường Láng, Thành phố Hà Nội' };

describe('reading a CCCD into a person of the form', () => {
  it('fills that person\'s fields only, marked with the source and unconfirmed', () => {
    const values = prefillFromIdCard(def, 'mother', motherCard, 'qr');
    expect(Object.keys(values).sort()).toEqual(['mother.dateOfBirth', 'mother.fullName', 'mother.idNumber', 'mother.residence']);
    const stored = applyPrefill(emptyStoredForm(def), values);
    expect(stored.data.mother).toMatchObject({ fullName: 'Lê Thị Hồng Nhung', idNumber: '001195067890' });
    expect(stored.sources['mother.idNumber']).toEqual({ source: 'qr' });
    expect(unconfirmedPaths(def, stored)).toEqual(['mother.fullName', 'mother.dateOfBirth', 'mother.idNumber', 'mother.residence']);
  });

  it('never overwrites what the agent typed or confirmed; a better reading replaces an unconfirmed one', () => {
    let stored = applyPrefill(emptyStoredForm(def), { 'mother.fullName': { value: 'Lê Thị Nhung', source: 'typed', confirmed: true } });
    stored = applyPrefill(stored, prefillFromIdCard(def, 'mother', motherCard, 'mrz'));
    expect(stored.data.mother).toMatchObject({ fullName: 'Lê Thị Nhung', idNumber: '001195067890' });
    expect(stored.sources['mother.fullName']).toBeUndefined();
    stored = { ...stored, confirmed: [...stored.confirmed, 'mother.idNumber'] };
    stored = applyPrefill(stored, { 'mother.idNumber': { value: '001195000000', source: 'qr' }, 'mother.dateOfBirth': { value: '1995-03-05', source: 'qr' } });
    expect(stored.data.mother).toMatchObject({ idNumber: '001195067890', dateOfBirth: '1995-03-05' });
    expect(unconfirmedPaths(def, stored)).toEqual(['mother.dateOfBirth', 'mother.residence']);
  });

  it('typing over a reading makes it the agent\'s own value', () => {
    let stored = applyPrefill(emptyStoredForm(def), prefillFromIdCard(def, 'mother', motherCard, 'qr'));
    stored = applyPrefill(stored, { 'mother.fullName': { value: 'Lê Thị Hồng Nhung', source: 'typed', confirmed: true } });
    expect(stored.sources['mother.fullName']).toBeUndefined();
    expect(unconfirmedPaths(def, stored)).not.toContain('mother.fullName');
  });
});

describe('the applicant and OCR of a Giấy chứng sinh', () => {
  it('reuses the applicant for the requester', () => {
    const values = prefillFromApplicant(def, 'requester', { fullName: 'Trần Văn Bình', idNumber: '001093012345', address: 'Số 12, Phường Láng, Thành phố Hà Nội', phone: '0912345678' });
    expect(values['requester.fullName']).toEqual({ value: 'Trần Văn Bình', source: 'applicant', confirmed: false });
    expect(Object.keys(values)).toEqual(['requester.fullName', 'requester.residence', 'requester.idNumber']);
  });

  it('fills the child and the mother from the extractor\'s fields, with the confidence the agent sees', () => {
    const values = prefillFromDocument(def, 'giay-chung-sinh', {
      childFullName: { value: 'Trần Ngọc Ánh Dương', confidence: 0.93 },
      childSex: { value: 'Nữ', confidence: 0.99 },
      dateOfBirth: { value: '20/11/2026', confidence: 0.88 },
      timeOfBirth: { value: '08:45', confidence: 0.7 },
      placeOfBirth: { value: 'Bệnh viện Phụ sản Hà Nội', confidence: 0.6 },
      motherFullName: { value: 'Lê Thị Hồng Nhung', confidence: 0.9 },
      motherIdNumber: { value: '001195067890', confidence: 0.95 },
    });
    expect(values['child.fullName']).toEqual({ value: 'Trần Ngọc Ánh Dương', source: 'ocr', confirmed: false, confidence: 0.93 });
    expect(values['mother.idNumber']?.confidence).toBe(0.95);
    expect(Object.keys(values)).toHaveLength(7);
    const stored = applyPrefill(emptyStoredForm(def), values);
    expect(stored.sources['child.dateOfBirth']).toEqual({ source: 'ocr', confidence: 0.88 });
    expect(unconfirmedPaths(def, stored)[0]).toBe('child.fullName');
  });
});
