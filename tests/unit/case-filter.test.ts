// The case picker's filter: accent-insensitive words, the typed phrase first, catalog order kept within each group.
import { describe, expect, it } from 'vitest';
import { filterCases } from '../../electron/common/case-filter';

const cases = [
  {
    key: 'so-huu',
    name: 'Nhà của mình (chủ sở hữu)',
    description: 'Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình.',
  },
  {
    key: 've-o',
    name: 'Về ở với người thân',
    description: 'Tại chỗ ở hợp pháp không thuộc quyền sở hữu của mình khi được chủ hộ đồng ý.',
  },
  { key: 'thue', name: 'Nhà thuê, mượn, ở nhờ', description: null },
];

describe('filterCases', () => {
  it('matches words without accents, in the name or the legal wording', () => {
    expect(filterCases(cases, 'thue muon').map((c) => c.key)).toEqual(['thue']);
    expect(filterCases(cases, 'NGƯỜI THÂN').map((c) => c.key)).toEqual(['ve-o']);
    expect(filterCases(cases, '  ').map((c) => c.key)).toEqual(['so-huu', 've-o', 'thue']);
    expect(filterCases(cases, 'tàu thuyền')).toEqual([]);
  });

  it('puts the case that holds the typed phrase first', () => {
    expect(filterCases(cases, 'chỗ ở hợp pháp thuộc quyền sở hữu').map((c) => c.key)).toEqual([
      'so-huu',
      've-o',
    ]);
    expect(filterCases(cases, 'khong thuoc quyen so huu').map((c) => c.key)).toEqual(['ve-o']);
  });
});
