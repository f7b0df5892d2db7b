// The three catalog layers: a curated profile replaces the parsed checklist, office corrections patch it, conflicts show.
import { describe, expect, it } from 'vitest';
import type {
  CatalogDocument,
  CatalogProcedure,
  CuratedProfile,
  ProcedureCorrection,
  ProcedureMode,
} from '../../electron/common/catalog';
import { feeRuleFromAmount } from '../../electron/common/fee';
import { documentFingerprint, feeFingerprint } from '../../electron/core/catalog/catalog-keys';
import { applyCorrection, applyProfile } from '../../electron/core/catalog/catalog-merge';
import { withBases } from '../../electron/core/catalog/corrections';
import { join } from 'node:path';
import { loadProfiles, parseProfileText } from '../../electron/core/catalog/profiles';
import { mergeProfiles } from '../../electron/core/catalog/shipped-catalog';

function doc(key: string, name: string, extra: Partial<CatalogDocument> = {}): CatalogDocument {
  return {
    key,
    name,
    label: null,
    kind: 'submit',
    originals: 1,
    copies: 0,
    requirement: 'required',
    condition: null,
    onlyModes: null,
    requirementByMode: null,
    pageKind: 'document',
    formId: null,
    ...extra,
  };
}

function mode(m: ProcedureMode['mode'], feeVnd: number | null, deadlineValue: number | null = 3): ProcedureMode {
  return {
    mode: m,
    deadlineValue,
    deadlineUnit: 'working_day',
    deadlineText: deadlineValue === null ? '' : `${deadlineValue} ngày làm việc`,
    feeVnd,
    feeText: '',
    fee: feeRuleFromAmount(feeVnd, ''),
    feeVariants: [],
  };
}

const parsed: CatalogProcedure = {
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  level: 'Cấp Xã',
  field: 'Hộ tịch',
  agency: null,
  procedureType: null,
  decisionNo: '163/QĐ-BTP',
  resultText: null,
  applicantTypes: null,
  source: 'national',
  active: true,
  modes: [mode('online', 0, 1), mode('direct', 0, 1)],
  documents: [
    doc('cá-nhân', 'Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch'),
    doc('to-khai', 'Tờ khai đăng ký khai sinh theo mẫu'),
  ],
  cases: [],
  notes: [],
  subject: null,
};

const profile: CuratedProfile = {
  format: 'dai-ly-dvc-profile',
  version: 1,
  profileVersion: '2026-12-01',
  legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP'],
  procedure: {
    ...parsed,
    name: 'Đăng ký khai sinh',
    modes: [mode('direct', 0, null), { ...mode('online', 0, 1), deadlineText: 'Trong ngày' }],
    documents: [
      doc('to-khai', 'Tờ khai đăng ký khai sinh (Mẫu TP/HT-2020-KS.1)', { label: 'Tờ khai', pageKind: 'form' }),
      doc('giay-chung-sinh', 'Giấy chứng sinh', { label: 'Giấy chứng sinh' }),
      doc('uy-quyen', 'Văn bản ủy quyền', { requirement: 'conditional', condition: 'nếu nộp thay qua ủy quyền' }),
    ],
    notes: [{ text: 'Người đi đăng ký là ông, bà thì không cần văn bản ủy quyền.', caseKey: null }],
    subject: { label: 'Trẻ được khai sinh', formField: 'child.fullName' },
  },
};

describe('layer 2: a curated profile', () => {
  it('replaces the parsed documents, notes and subject wholesale, keeping the record identity and its deadlines', () => {
    const merged = applyProfile(parsed, profile);
    expect(merged.documents.map((d) => d.key)).toEqual(['to-khai', 'giay-chung-sinh', 'uy-quyen']);
    expect(merged.notes).toHaveLength(1);
    expect(merged.subject?.formField).toBe('child.fullName');
    expect(merged.name).toBe('Thủ tục đăng ký khai sinh');
    // the profile lists direct without a deadline: the record's applies; online keeps the profile's own words
    expect(merged.modes.map((m) => [m.mode, m.deadlineValue, m.deadlineText])).toEqual([
      ['direct', 1, '1 ngày làm việc'],
      ['online', 1, 'Trong ngày'],
    ]);
  });

  it('keeps the parsed modes when the profile lists none, and stands alone for a code the catalog lacks', () => {
    expect(applyProfile(parsed, { ...profile, procedure: { ...profile.procedure, modes: [] } }).modes).toEqual(parsed.modes);
    const alone = mergeProfiles(
      { format: 'dai-ly-dvc-catalog', version: 2, catalogVersion: 'national-x', exportedAt: '', procedures: [] },
      new Map([['1.001193', profile]]),
    );
    expect(alone.procedures.map((p) => [p.code, p.source])).toEqual([['1.001193', 'curated']]);
    expect(alone.catalogVersion).toBe('national-x+curated-2026-12-01');
  });

  it('loads every profile shipped in resources/catalog/profiles', () => {
    const { profiles, problems } = loadProfiles(join(__dirname, '..', '..', 'resources', 'catalog', 'profiles'));
    expect(problems).toEqual([]);
    expect(profiles.size).toBeGreaterThanOrEqual(12);
    expect(profiles.get('1.001193')?.legalBasis.length).toBeGreaterThan(0);
  });

  it('refuses a profile file whose keys repeat or whose name is not its code', () => {
    const text = JSON.stringify(profile);
    expect(parseProfileText(text, '1.001193').procedure.code).toBe('1.001193');
    expect(() => parseProfileText(text, '1.000656')).toThrow(/tên tệp ghi mã 1.000656/);
    const twice = { ...profile, procedure: { ...profile.procedure, documents: [doc('a', 'A'), doc('a', 'B')] } };
    expect(() => parseProfileText(JSON.stringify(twice), '1.001193')).toThrow(/"a" lặp lại/);
    expect(() => parseProfileText(JSON.stringify({ ...profile, legalBasis: [] }))).toThrow(/legalBasis/);
  });
});

describe('layer 3: the office correction', () => {
  const below = applyProfile(parsed, profile);
  const correct = (input: Parameters<typeof withBases>[0]): ProcedureCorrection => withBases(input, below);

  it('patches documents by key: label, requirement per mode, condition; a hidden document disappears', () => {
    const correction = correct({
      procedureCode: '1.001193',
      documents: {
        'to-khai': { label: 'Tờ khai KS', requirementByMode: { online: 'optional' } },
        'uy-quyen': { condition: 'khi người khác nộp thay' },
        'giay-chung-sinh': { hidden: true },
      },
    });
    const { procedure, conflicts } = applyCorrection(below, correction);
    expect(conflicts).toEqual([]);
    expect(procedure.documents.map((d) => [d.key, d.label, d.requirementByMode, d.condition])).toEqual([
      ['to-khai', 'Tờ khai KS', { online: 'optional' }, null],
      ['uy-quyen', null, null, 'khi người khác nộp thay'],
    ]);
  });

  it('sets a fee per mode and drops patches that change nothing', () => {
    const fee = { ...feeRuleFromAmount(8000, 'Lệ phí cấp bản sao'), source: 'Thông tư 281/2016/TT-BTC' };
    const correction = correct({ procedureCode: '1.001193', documents: { 'to-khai': {} }, modes: { direct: { fee } } });
    expect(Object.keys(correction.documents)).toEqual([]);
    expect(correction.modes.direct?.base).toBe(feeFingerprint(below.modes[0]?.fee ?? feeRuleFromAmount(null, '')));
    const { procedure } = applyCorrection(below, correction);
    expect(procedure.modes.map((m) => [m.mode, m.feeVnd])).toEqual([
      ['direct', 8000],
      ['online', 0],
    ]);
  });

  it('reports a conflict when the catalog changed the document or dropped it since the office corrected it', () => {
    const correction = correct({
      procedureCode: '1.001193',
      documents: { 'to-khai': { label: 'Tờ khai KS' }, 'uy-quyen': { requirement: 'optional' } },
    });
    const [toKhai] = below.documents;
    expect(correction.documents['to-khai']?.base).toBe(toKhai && documentFingerprint(toKhai));
    const updated: CatalogProcedure = {
      ...below,
      documents: below.documents
        .filter((d) => d.key !== 'uy-quyen')
        .map((d) => (d.key === 'to-khai' ? { ...d, name: 'Tờ khai đăng ký khai sinh (Mẫu mới 2026)' } : d)),
    };
    const { procedure, conflicts } = applyCorrection(updated, correction);
    expect(conflicts.map((c) => c.target)).toEqual(['document:to-khai', 'document:uy-quyen']);
    expect(conflicts[0]?.message).toContain('Danh mục mới đã thay đổi giấy tờ');
    expect(conflicts[1]?.message).toContain('không còn trong danh mục mới');
    // the office's label still applies to the changed document
    expect(procedure.documents[0]?.label).toBe('Tờ khai KS');
    // saving again against the new catalog accepts it: no conflict left for the changed document
    const resaved = withBases(correction, updated);
    expect(applyCorrection(updated, resaved).conflicts.map((c) => c.target)).toEqual(['document:uy-quyen']);
  });
});
