// The Vietnamese text pieces field extraction stands on: syllable shape, fuzzy label search, name mark repair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessSurname, repairCheckedTone, repairNameSyllable } from '../../electron/core/extract/name-syllables';
import {
  approximateSearch,
  isVietnameseSyllable,
  letterKey,
  properCase,
  splitGlued,
} from '../../electron/core/extract/vietnamese-text';

describe('isVietnameseSyllable', () => {
  it('accepts syllables of names and places, refuses what leaders and stamps leave behind', () => {
    for (const word of [
      'Nguyễn',
      'Quỳnh',
      'người',
      'Khuyến',
      'Giang',
      'Trường',
      'Y',
      'Đắk',
      'Lắk',
      'oanh',
      'KHOA',
    ]) {
      expect(isVietnameseSyllable(word), word).toBe(true);
    }
    for (const word of ['II', 'tt', 'CC', 'nnnnt', 'TBIỆUL', 'MAIHẠNH', '2026', 'gram.']) {
      expect(isVietnameseSyllable(word), word).toBe(false);
    }
  });

  it('refuses words of the right shape that break spelling rules: open â/ă, a checked final with the wrong tone', () => {
    for (const word of ['phố', 'Đậu', 'Lâm', 'Bắc', 'Bạch', 'Thach', 'THẠCH', 'ấy', 'Hằng'])
      expect(isVietnameseSyllable(word), word).toBe(true);
    for (const word of ['phấ', 'Bă', 'THẬ', 'Thàch', 'Lộcc', 'Phũc', 'Hiềp'])
      expect(isVietnameseSyllable(word), word).toBe(false);
  });
});

describe('approximateSearch', () => {
  it('finds a label OCR misspelt inside a line, with where it starts and ends', () => {
    const line = letterKey('Ho và tên mẹ/ngưòi nuôi dưỡng: PHAN HỒNG NGÂN');
    const match = approximateSearch('hovatenmenguoinuoiduong', line);
    expect(match).toEqual({ start: 0, end: 23, cost: 0 });
    const slipped = approximateSearch('gioitinhcuacon', letterKey('Gioi tinh cua cn: Nam'));
    expect(slipped?.cost).toBe(1);
    expect(approximateSearch('dasinhconvaoluc', letterKey('Nơi đăng ký thường trú'))?.cost).toBeGreaterThan(
      5,
    );
  });

  it('costs never more than the pattern length, and 0 when the pattern is in the text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (pattern, before, after) => {
          const exact = approximateSearch(pattern, before + pattern + after);
          expect(exact?.cost).toBe(0);
          const other = approximateSearch(pattern, before);
          if (other) expect(other.cost).toBeLessThanOrEqual(pattern.length);
        },
      ),
    );
  });
});

describe('names', () => {
  it('puts names in proper case with their marks', () => {
    expect(['DƯƠNG', 'thị', 'ĐẶNG', 'Ánh'].map(properCase)).toEqual(['Dương', 'Thị', 'Đặng', 'Ánh']);
  });

  it('takes off a tone mark OCR added, keeps a read syllable that is itself a name', () => {
    expect(repairNameSyllable('Đỉnh', 'surname')).toEqual({ syllable: 'Đinh', repaired: true, known: true });
    expect(repairNameSyllable('Ngận', 'other').syllable).toBe('Ngân');
    expect(repairNameSyllable('Thu', 'other')).toEqual({ syllable: 'Thu', repaired: false, known: true });
    expect(repairNameSyllable('Xyz', 'other')).toEqual({ syllable: 'Xyz', repaired: false, known: false });
  });

  it('reads a rare surname one mark from a common one as the common one ("Trình" -> "Trịnh"), never the other way', () => {
    expect(repairNameSyllable('Trình', 'surname')).toEqual({ syllable: 'Trịnh', repaired: true, known: true });
    expect(repairNameSyllable('Trịnh', 'surname')).toEqual({ syllable: 'Trịnh', repaired: false, known: true });
    expect(repairNameSyllable('Tống', 'surname').syllable).toBe('Tống'); // rare, but no common one has its letters
    expect(repairNameSyllable('Trình', 'other').syllable).toBe('Trình'); // as a given name it stays
  });

  it('guesses the surname in a garbled word before a name only when one surname is clearly closest', () => {
    expect(guessSurname('TTỰNH')).toBe('Trịnh');
    expect(guessSurname('.VGÔ')).toBe('Ngô');
    expect(guessSurname('„TBIỆUL')).toBeNull(); // Triệu or Thiệu
    expect(guessSurname('äương')).toBeNull(); // Lương, Dương or Trương
    expect(guessSurname('——')).toBeNull();
    expect(guessSurname('G9')).toBeNull();
    expect(guessSurname('Xkqwz')).toBeNull();
  });

  it('gives a syllable ending in c, ch, p, t the tone it must have when the names allow only one', () => {
    expect(repairCheckedTone('Thach')).toBe('Thạch');
    expect(repairCheckedTone('Thạch')).toBeNull(); // sound
    expect(repairCheckedTone('Bàn')).toBeNull(); // not a checked ending
    expect(repairCheckedTone('Zat')).toBeNull(); // no name syllable with these letters
  });

  it('cuts words OCR glued together back into syllables', () => {
    expect(splitGlued('MAIHẠNH', isVietnameseSyllable)).toEqual(['MAI', 'HẠNH']);
    expect(splitGlued('thànhphố', isVietnameseSyllable)).toEqual(['thành', 'phố']);
    expect(splitGlued('xyzw', isVietnameseSyllable)).toBeNull();
  });
});
