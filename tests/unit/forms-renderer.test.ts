// The form renderer's pure parts: paths and ids, rule dependencies, readings merged by trust, row shifts, type-ahead.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IdCardReadingOutput } from '../../electron/common/digitize-contract';
import { emptyStoredForm, type StoredForm } from '../../electron/common/forms/prefill';
import { loadFormRegistry } from '../../electron/core/forms/form-registry';
import { dataPathOf, dependentNames, fieldId, numberedLabel, paperRank, problemsOf, rhfName, ruleDependencies, takesDocument } from '../../renderer/features/forms/form-model';
import { applicantPrefill, detailOfOldAddress, forgetPath, idCardPrefill, mergeReadings, normalizeReadings, pendingUnder, shiftRows } from '../../renderer/features/forms/form-prefill';
import { formResolver } from '../../renderer/features/forms/form-resolver';
import { exactOption, filterOptions } from '../../renderer/features/forms/pick-filter';

const registry = loadFormRegistry(path.resolve(__dirname, '../../resources'));
const khaiSinh = registry.get('to-khai-khai-sinh');
const ct01 = registry.get('ct01');
if (!khaiSinh || !ct01) throw new Error('forms missing');
const units = registry.units;

const reading = (over: Partial<IdCardReadingOutput> = {}): IdCardReadingOutput => ({
  source: 'qr',
  fields: { fullName: 'Hồ Bích Mỹ Quỳnh', idNumber: '064300184963', dateOfBirth: '2000-03-14', sex: 'female', address: 'Số 12 ngõ 5 phố Chùa Láng, Phường Láng, Thành phố Hà Nội' },
  perField: { fullName: 'qr', idNumber: 'qr', dateOfBirth: 'qr', sex: 'qr', address: 'qr' },
  extra: { oldIdNumber: null, issueDate: null, expiryDate: null },
  conflicts: [],
  fieldWarnings: {},
  problems: [],
  notes: [],
  qrVersion: null,
  attachedTo: null,
  ...over,
});

describe('paths between the data, react-hook-form and the DOM', () => {
  it('round-trips repeat rows and makes stable ids', () => {
    expect(rhfName('members[2].idNumber')).toBe('members.2.idNumber');
    expect(dataPathOf('members.2.idNumber')).toBe('members[2].idNumber');
    expect(dataPathOf('child.dateOfBirth')).toBe('child.dateOfBirth');
    expect(fieldId('members[0].fullName')).toBe('form-members-0-fullName');
    expect(fieldId('mother.residence')).toBe('form-mother-residence');
  });

  it('labels fields as the paper numbers them', () => {
    expect(numberedLabel({ label: 'Số định danh cá nhân', number: '4', footnote: '(3)' })).toBe('4. Số định danh cá nhân (3)');
    expect(numberedLabel({ label: 'Kính gửi', footnote: '(1)' })).toBe('Kính gửi (1)');
  });

  it('re-checks the fields a change can affect: the rule partners and the group\'s ID number, per row', () => {
    const deps = ruleDependencies(khaiSinh);
    expect(dependentNames(deps, 'signing.date')).toContain('child.dateOfBirth');
    expect(dependentNames(deps, 'mother.idNumber')).toContain('father.idNumber');
    expect(dependentNames(deps, 'mother.dateOfBirth')).toEqual(expect.arrayContaining(['child.dateOfBirth', 'mother.idNumber']));
    const rows = ruleDependencies(ct01);
    expect(dependentNames(rows, 'members[1].sex')).toEqual(['members.1.idNumber']);
  });

  it('orders problems as the paper does, rows by their number', () => {
    const rank = paperRank(ct01);
    const sorted = ['signing.place', 'members[1].fullName', 'members[0].relationship', 'declarant.fullName', 'members'].sort((a, b) => rank(a) - rank(b));
    expect(sorted).toEqual(['declarant.fullName', 'members', 'members[0].relationship', 'members[1].fullName', 'signing.place']);
  });

  it('knows which forms a Giấy chứng sinh can fill', () => {
    expect(takesDocument(khaiSinh, 'giay-chung-sinh')).toBe(true);
    expect(takesDocument(ct01, 'giay-chung-sinh')).toBe(false);
  });
});

describe('the resolver: the shared validator\'s messages by react-hook-form name', () => {
  it('puts a cross-field message on the child\'s birth date and a row\'s message in its row', async () => {
    const resolve = formResolver(khaiSinh, units, '2026-12-02');
    const values = { child: { dateOfBirth: '2026-07-22' }, signing: { date: '2026-01-01' } };
    const result = await resolve(values, undefined, { fields: {}, shouldUseNativeValidation: false, names: undefined });
    const errors = result.errors as { child?: { dateOfBirth?: { message?: string } } };
    expect(errors.child?.dateOfBirth?.message).toBe('Ngày sinh của trẻ sau ngày làm tờ khai. Hãy kiểm tra lại ngày sinh hoặc ngày làm tờ khai.');
    const rows = problemsOf(ct01, { members: [{ fullName: 'Nguyễn Minh Khôi', dateOfBirth: '05/09/2015', sex: 'male' }] }, units, '2026-12-02');
    expect(rows['members[0].relationship']).toBe('Hãy chọn mối quan hệ với chủ hộ.');
    expect(rows['members[0].dateOfBirth']).toBeUndefined(); // dd/MM/yyyy typed is normalised before checking
  });
});

describe('readings into the form', () => {
  const fresh = (): StoredForm => emptyStoredForm(khaiSinh);

  it('a card read into the mother: each field with its own source and the card\'s warning, the address as today\'s units', () => {
    const values = normalizeReadings(
      khaiSinh,
      idCardPrefill(khaiSinh, 'mother', reading({ perField: { fullName: 'mrz', idNumber: 'qr', dateOfBirth: 'qr', sex: 'qr', address: 'qr' }, fieldWarnings: { fullName: 'Họ tên đọc từ dòng MRZ không có dấu.' } })),
      units,
    );
    expect(values['mother.fullName']).toMatchObject({ source: 'mrz', warning: 'Họ tên đọc từ dòng MRZ không có dấu.' });
    expect(values['mother.idNumber']).toMatchObject({ source: 'qr', value: '064300184963' });
    expect(values['mother.residence']?.value).toEqual({ detail: 'Số 12 ngõ 5 phố Chùa Láng', communeCode: '00199', provinceCode: '01' });
    expect(Object.keys(values).every((p) => p.startsWith('mother.'))).toBe(true);
  });

  it('the applicant fills the requester through its marked fields, and the mother through her card fields', () => {
    const applicant = { fullName: 'Hồ Bích Mỹ Quỳnh', idNumber: '064300184963', dateOfBirth: '2000-03-14', sex: 'female', address: 'Số 12, Phường Láng, Thành phố Hà Nội', phone: '0912345678' };
    expect(Object.keys(applicantPrefill(khaiSinh, 'requester', applicant)).sort()).toEqual(['requester.fullName', 'requester.idNumber', 'requester.residence']);
    const mother = applicantPrefill(khaiSinh, 'mother', applicant);
    expect(mother['mother.idNumber']).toMatchObject({ value: '064300184963', source: 'applicant', confirmed: false });
  });

  it('OCR does not replace what a card read; a differing value is pointed out on the field', () => {
    const card = mergeReadings(fresh(), normalizeReadings(khaiSinh, idCardPrefill(khaiSinh, 'mother', reading()), units)).stored;
    const { stored, applied } = mergeReadings(card, {
      'mother.fullName': { value: 'Hồ Bích Mỹ Quỳnh', source: 'ocr', confidence: 0.93, confirmed: false },
      'mother.idNumber': { value: '064300184968', source: 'ocr', confidence: 0.6, confirmed: false },
      'child.fullName': { value: 'Lưu Gia Tuấn', source: 'ocr', confidence: 0.95, confirmed: false },
    });
    expect(applied).toEqual(['child.fullName']);
    expect(stored.sources['mother.idNumber']).toMatchObject({ source: 'qr', warning: 'Giấy chứng sinh ghi "064300184968", khác với thẻ căn cước. Hãy đối chiếu.' });
    expect(stored.sources['mother.fullName']?.warning).toBeUndefined();
    expect(stored.sources['child.fullName']).toEqual({ source: 'ocr', confidence: 0.95 });
    expect(pendingUnder(stored, 'child')).toEqual(['child.fullName']);
  });

  it('typing over a reading makes it the agent\'s; removing a row moves the readings of the rows after it', () => {
    const meta = { sources: { 'members[0].fullName': { source: 'qr' as const }, 'members[1].fullName': { source: 'qr' as const }, 'members[2].idNumber': { source: 'mrz' as const } }, confirmed: ['members[2].idNumber'] };
    expect(forgetPath(meta, 'members[0].fullName').sources).not.toHaveProperty('members[0].fullName');
    expect(shiftRows(meta, 'members', 1)).toEqual({ sources: { 'members[0].fullName': { source: 'qr' }, 'members[1].idNumber': { source: 'mrz' } }, confirmed: ['members[1].idNumber'] });
  });

  it('keeps the house and street of an old address when today\'s units are picked', () => {
    expect(detailOfOldAddress('Số 170 Lê Lợi, Phường 3, Thị xã Gò Công, Tiền Giang')).toBe('Số 170 Lê Lợi');
    expect(detailOfOldAddress('Thôn Đông, Xã Vân Nội, Huyện Đông Anh, Hà Nội')).toBe('Thôn Đông');
    expect(detailOfOldAddress('Xã Vân Nội, Hà Nội')).toBe('');
  });
});

describe('type-ahead in pick lists', () => {
  const communes = units.communesOf('01').map((c) => ({ value: c.code, label: c.name }));
  it('finds without accents, words in any place, the closest first', () => {
    expect(filterOptions(communes, 'lang')[0]?.label).toBe('Phường Láng');
    expect(filterOptions(communes, 'ba dinh').map((o) => o.label)).toContain('Phường Ba Đình');
    const provinces = units.provinces.map((p) => ({ value: p.code, label: p.name, keys: [p.short] }));
    expect(filterOptions(provinces, 'ho chi minh')[0]?.label).toBe('Thành phố Hồ Chí Minh');
    expect(exactOption(provinces, 'ha noi')?.value).toBe('01');
    expect(exactOption(provinces, 'ha')).toBeUndefined();
    const ethnic = [{ value: 'Khơ-me', label: 'Khơ-me', keys: ['Khmer'] }, { value: 'Kinh', label: 'Kinh' }];
    expect(exactOption(ethnic, 'khmer')?.value).toBe('Khơ-me');
  });
});
