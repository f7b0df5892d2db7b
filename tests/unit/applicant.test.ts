// Applicant validation: personal ID structure vs date of birth and sex, phone formats, the full/draft schemas.
import { describe, expect, it } from 'vitest';
import {
  applicantDraftSchema,
  applicantSchema,
  checkApplicant,
  createApplicantSchema,
  decodeIdNumber,
  normalizePhone,
  provinceOfIdNumber,
  validateIdNumber,
  validatePhone,
} from '../../electron/common/applicant';
import { provinceCodes } from '../../electron/common/province-codes';

/** The applicant has exactly one problem, on `path`, and its message mentions `fragment`. */
function expectOnlyProblem(problems: Record<string, string>, path: string, fragment: string) {
  expect(Object.keys(problems)).toEqual([path]);
  expect(problems[path]).toContain(fragment);
}

const reasonOf = (result: { ok: boolean; reason?: string }) => (result.ok ? '' : (result.reason ?? ''));

describe('validateIdNumber', () => {
  it('accepts a well-formed ID that matches the date of birth and sex', () => {
    expect(validateIdNumber('001099012345', '1999-03-14', 'male')).toEqual({ ok: true });
    expect(validateIdNumber('079305001234', '2005-12-01', 'female')).toEqual({ ok: true });
    expect(validateIdNumber('096188000001', '1988-01-01', 'female')).toEqual({ ok: true });
  });

  it('accepts the spaces and dots people type inside the number', () => {
    expect(validateIdNumber('001 099 012345', '1999-03-14', 'male')).toEqual({ ok: true });
  });

  it('refuses a wrong length and recognises the old 9-digit ID card number', () => {
    expect(reasonOf(validateIdNumber('00109901234'))).toContain('đúng 12 chữ số (đang có 11)');
    expect(reasonOf(validateIdNumber('123456789'))).toContain('CMND cũ');
    expect(reasonOf(validateIdNumber(''))).toContain('Hãy nhập');
    expect(reasonOf(validateIdNumber('00109901234A'))).toContain('chỉ gồm chữ số');
  });

  it('refuses an unknown province code, naming it', () => {
    for (const code of ['000', '003', '005', '097', '099', '100', '999']) {
      expect(reasonOf(validateIdNumber(`${code}099012345`))).toContain(`"${code}"`);
    }
  });

  it('refuses a century digit that contradicts the date of birth', () => {
    // digit 4 = 0: male born 1900-1999, but the date of birth is in 2001
    const reason = reasonOf(validateIdNumber('001001012345', '2001-05-05', 'male'));
    expect(reason).toContain('Chữ số thứ 4 (0)');
    expect(reason).toContain('1900–1999');
    expect(validateIdNumber('001201012345', '2001-05-05', 'male')).toEqual({ ok: true });
  });

  it('refuses birth-year digits that differ from the date of birth', () => {
    const reason = reasonOf(validateIdNumber('001099012345', '1998-03-14', 'male'));
    expect(reason).toContain('(99)');
    expect(reason).toContain('1998');
  });

  it('refuses a sex digit that contradicts the chosen sex', () => {
    expect(reasonOf(validateIdNumber('001099012345', '1999-03-14', 'female'))).toContain('giới tính nam');
    expect(reasonOf(validateIdNumber('001199012345', '1999-03-14', 'male'))).toContain('giới tính nữ');
  });

  it('refuses an ID whose encoded birth year has not happened yet', () => {
    expect(reasonOf(validateIdNumber('001299012345', undefined, undefined, { currentYear: 2026 }))).toContain(
      '2099',
    );
    expect(reasonOf(validateIdNumber('001425012345', undefined, undefined, { currentYear: 2026 }))).toContain(
      '2125',
    );
  });

  it('decodes every century/sex digit', () => {
    const years = [1950, 1950, 2050, 2050, 2150, 2150, 2250, 2250, 2350, 2350];
    years.forEach((year, digit) => {
      const decoded = decodeIdNumber(`001${digit}50123456`);
      expect(decoded?.birthYear).toBe(year);
      expect(decoded?.sex).toBe(digit % 2 === 0 ? 'male' : 'female');
    });
  });
});

describe('provinceOfIdNumber', () => {
  it('names the province with diacritics', () => {
    expect(provinceOfIdNumber('001099012345')).toBe('Hà Nội');
    expect(provinceOfIdNumber('079099012345')).toBe('Thành phố Hồ Chí Minh');
    expect(provinceOfIdNumber('066099012345')).toBe('Đắk Lắk');
    expect(provinceOfIdNumber('003099012345')).toBeNull();
  });

  it('knows all 63 province codes of Circular 07/2016/TT-BCA', () => {
    const codes = Object.keys(provinceCodes);
    expect(codes).toHaveLength(63);
    expect(codes.every((code) => /^0\d\d$/.test(code) && code >= '001' && code <= '096')).toBe(true);
    expect(Object.values(provinceCodes).every((name) => name === name.normalize('NFC'))).toBe(true);
  });
});

describe('phone numbers', () => {
  it('normalises the usual ways of writing a mobile number', () => {
    for (const raw of [
      '0912345678',
      '091 234 5678',
      '0912.345.678',
      '0912-345-678',
      '+84912345678',
      '+84 91 234 5678',
      '84912345678',
      '0084912345678',
      '+84 0912 345 678',
    ]) {
      expect(normalizePhone(raw), raw).toBe('0912345678');
    }
    for (const prefix of ['03', '05', '07', '08', '09']) {
      expect(normalizePhone(`${prefix}12345678`)).toBe(`${prefix}12345678`);
    }
  });

  it('accepts 11-digit landlines with a 02x area code', () => {
    expect(normalizePhone('024 3825 1234')).toBe('02438251234');
    expect(normalizePhone('+84 28 3829 1234')).toBe('02838291234');
  });

  it('explains what is wrong in Vietnamese', () => {
    expect(reasonOf(validatePhone('091234567'))).toContain('10 chữ số (đang có 9)');
    expect(reasonOf(validatePhone('01681234567'))).toContain('0381234567');
    expect(reasonOf(validatePhone('0612345678'))).toContain('Đầu số 061');
    expect(reasonOf(validatePhone('+1 202 555 0100'))).toContain('+84');
    expect(reasonOf(validatePhone('09l2345678'))).toContain('chỉ gồm chữ số');
    expect(reasonOf(validatePhone('0243825123'))).toContain('11 chữ số');
    expect(normalizePhone('')).toBeNull();
  });
});

const complete = {
  fullName: '  Nguyễn   Thị  Hồng ',
  idNumber: '001 185 012345',
  dateOfBirth: '1985-02-28',
  sex: 'female',
  address: 'Số 12 ngõ 34 phố Hàng Bông, phường Hàng Gai, Hà Nội',
  phone: '+84 912 345 678',
};

describe('applicantSchema', () => {
  it('tidies and normalises a complete applicant', () => {
    const nfd = { ...complete, fullName: complete.fullName.normalize('NFD') };
    const parsed = applicantSchema.parse(nfd);
    expect(parsed.fullName).toBe('Nguyễn Thị Hồng');
    expect(parsed.fullName).toBe(parsed.fullName.normalize('NFC'));
    expect(parsed.idNumber).toBe('001185012345');
    expect(parsed.phone).toBe('0912345678');
    expect(parsed.relationship).toBe('bản thân');
    expect(parsed.onBehalfOf).toBeNull();
    expect(parsed.email).toBeUndefined();
  });

  it('checks the ID against the date of birth and sex', () => {
    const result = applicantSchema.safeParse({ ...complete, sex: 'male' });
    expect(result.success).toBe(false);
    expectOnlyProblem(checkApplicant({ ...complete, sex: 'male' }), 'idNumber', 'giới tính nữ');
  });
});

describe('checkApplicant', () => {
  it('returns an empty object for a complete, valid applicant', () => {
    expect(checkApplicant(complete)).toEqual({});
    expect(checkApplicant({ ...complete, email: 'hong.nt@example.vn' })).toEqual({});
  });

  it('lists every missing field of an empty draft', () => {
    const problems = checkApplicant({});
    expect(Object.keys(problems).sort()).toEqual([
      'address',
      'dateOfBirth',
      'fullName',
      'idNumber',
      'phone',
      'sex',
    ]);
    expect(problems.fullName).toBe('Hãy nhập họ và tên người nộp.');
  });

  it('reports field and cross-field problems together', () => {
    const problems = checkApplicant({
      ...complete,
      phone: '0912',
      email: 'khong-phai-email',
      dateOfBirth: '1986-02-28',
      fullName: 'Nguyễn Thị 2',
    });
    expect(Object.keys(problems).sort()).toEqual(['email', 'fullName', 'idNumber', 'phone']);
    expect(problems.idNumber).toContain('(85)');
  });

  it('refuses impossible and future dates of birth', () => {
    expect(checkApplicant({ ...complete, dateOfBirth: '1985-02-30' }).dateOfBirth).toContain('không hợp lệ');
    const today = () => '2026-03-01';
    const future = { ...complete, idNumber: '001326012345', dateOfBirth: '2026-05-01' };
    expect(checkApplicant(future, { today }).dateOfBirth).toContain('tương lai');
    expect(createApplicantSchema({ today }).safeParse(future).success).toBe(false);
  });

  it('requires the represented person when filing for someone else', () => {
    expectOnlyProblem(
      checkApplicant({ ...complete, relationship: 'cha/mẹ' }),
      'onBehalfOf.fullName',
      'người được nộp thay',
    );
    expect(
      checkApplicant({ ...complete, relationship: 'cha/mẹ', onBehalfOf: { fullName: 'Trần Minh Khôi' } }),
    ).toEqual({});
    expectOnlyProblem(
      checkApplicant({ ...complete, onBehalfOf: { fullName: 'Trần Minh Khôi' } }),
      'relationship',
      'quan hệ',
    );
    expectOnlyProblem(
      checkApplicant({
        ...complete,
        relationship: 'người được uỷ quyền',
        onBehalfOf: { fullName: 'Trần Minh Khôi', idNumber: '001185012345' },
      }),
      'onBehalfOf.idNumber',
      'trùng',
    );
    expectOnlyProblem(
      checkApplicant({
        ...complete,
        relationship: 'con',
        onBehalfOf: { fullName: 'Trần Minh Khôi', idNumber: '12' },
      }),
      'onBehalfOf.idNumber',
      '12 chữ số',
    );
  });
});

describe('applicantDraftSchema', () => {
  it('accepts any partial draft, including blanks', () => {
    expect(applicantDraftSchema.safeParse({}).success).toBe(true);
    expect(applicantDraftSchema.safeParse({ fullName: 'Ng', phone: '', onBehalfOf: null }).success).toBe(
      true,
    );
    expect(applicantDraftSchema.safeParse({ fullName: 12 }).success).toBe(false);
  });
});
