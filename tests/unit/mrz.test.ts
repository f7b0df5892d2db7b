// TD1 MRZ: check digits verified and every kind of corruption caught; OCR look-alikes repaired only when checks pass.
import { describe, expect, it } from 'vitest';
import { findTd1Lines, mrzCheckDigit, parseTd1, type Td1Reading } from '../../electron/core/idcard/mrz';
import { corruptTd1, fakeCitizen, makeRng, makeTd1Lines, mrzCorruptions } from '../support/fake-citizen';

function read(lines: string | readonly string[]): Td1Reading {
  const result = parseTd1(lines, { currentYear: 2026 });
  if (!result.ok) throw new Error(result.reason);
  return result.reading;
}

const replaceAt = (line: string, at: number, char: string) =>
  `${line.slice(0, at)}${char}${line.slice(at + 1)}`;

describe('mrzCheckDigit', () => {
  it('matches the ICAO 9303 specimen values', () => {
    expect(mrzCheckDigit('D23145890')).toBe(7);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('<<<<<<')).toBe(0);
  });
});

describe('parseTd1', () => {
  it('reads the ICAO 9303 part 5 specimen card', () => {
    const r = read([
      'I<UTOD231458907<<<<<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<6',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ]);
    expect(r.valid).toBe(true);
    expect(r.data).toMatchObject({
      documentCode: 'I<',
      issuingState: 'UTO',
      documentNumber: 'D23145890',
      dateOfBirth: '1974-08-12',
      sex: 'female',
      expiryDate: '2012-04-15',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      idNumber: null,
    });
  });

  it('reads a Vietnamese CCCD: the 12-digit ID from optional data, the century from the ID', () => {
    const rng = makeRng(11);
    for (let i = 0; i < 50; i += 1) {
      const citizen = fakeCitizen(rng);
      const r = read(makeTd1Lines(citizen));
      expect(r.valid, makeTd1Lines(citizen).join('\n')).toBe(true);
      expect(r.data.idNumber).toBe(citizen.idNumber);
      expect(r.data.documentNumber).toBe(citizen.idNumber.slice(3));
      expect(r.data.dateOfBirth).toBe(citizen.dateOfBirth);
      expect(r.data.expiryDate).toBe(citizen.expiryDate);
      expect(r.data.sex).toBe(citizen.sex);
      expect(r.data.nationality).toBe('VNM');
      expect(r.failed).toEqual([]);
    }
  });

  it('catches every kind of corrupted field or check digit, and names the check that failed', () => {
    const rng = makeRng(5);
    const expectedFailure = {
      documentNumber: 'documentNumber',
      documentNumberCheck: 'documentNumber',
      personalNumber: 'personalNumber',
      personalNumberCheck: 'personalNumber',
      dateOfBirth: 'dateOfBirth',
      dateOfBirthCheck: 'dateOfBirth',
      expiryDate: 'expiryDate',
      expiryDateCheck: 'expiryDate',
      optionalData2: 'composite',
      compositeCheck: 'composite',
    } as const;
    let corrupted = 0;
    for (let i = 0; i < 40; i += 1) {
      const lines = makeTd1Lines(fakeCitizen(rng));
      for (const kind of mrzCorruptions) {
        const r = read(corruptTd1(lines, kind, rng));
        corrupted += 1;
        expect(r.valid, `${kind}: ${r.lines.join(' ')}`).toBe(false);
        expect(r.failed).toContain(expectedFailure[kind]);
        expect(r.problems.join(' ')).toContain('không khớp');
      }
    }
    expect(corrupted).toBe(400);
  });

  it('repairs O/0, I/1 and B/8 look-alikes only when the check digit then passes, and says so', () => {
    const citizen = {
      ...fakeCitizen(makeRng(3)),
      idNumber: '001088012345',
      dateOfBirth: '1988-10-08',
      sex: 'male' as const,
    };
    const [l1, l2, l3] = makeTd1Lines(citizen);
    const ocrLine1 = l1.replace('IDVNM088012345', 'IDVNMO88OI2345');
    const ocrLine2 = replaceAt(l2, 2, 'I').replace(/^881/, '88I');
    const r = read([ocrLine1, replaceAt(ocrLine2, 0, 'B'), l3]);
    expect(r.valid).toBe(true);
    expect(r.data.documentNumber).toBe('088012345');
    expect(r.data.dateOfBirth).toBe('1988-10-08');
    expect(r.corrections).toHaveLength(2);
    expect(r.corrections[0]).toContain('"O88OI2345');
  });

  it('does not "repair" a look-alike when the check digit still fails', () => {
    const citizen = { ...fakeCitizen(makeRng(4)), idNumber: '001088012345' };
    const [l1, l2, l3] = makeTd1Lines(citizen);
    // O for 0 plus a real digit error: the repair does not pass the check, so nothing is claimed
    const broken = l1.replace('IDVNM088012345', 'IDVNMO88012346');
    const r = read([broken, l2, l3]);
    expect(r.valid).toBe(false);
    expect(r.failed).toContain('documentNumber');
    expect(r.corrections).toEqual([]);
  });

  it('rejects what is not three lines of 30 MRZ characters', () => {
    const reasonOf = (result: ReturnType<typeof parseTd1>) => (result.ok ? '' : result.reason);
    expect(reasonOf(parseTd1(['IDVNM', 'x', 'y']))).toContain('Dòng 1');
    expect(reasonOf(parseTd1('IDVNM0880123451001088012345<<4'))).toContain('3 dòng');
  });
});

describe('findTd1Lines', () => {
  it('finds the MRZ in OCR text with spaces, « for << and lost trailing fillers', () => {
    const lines = makeTd1Lines(fakeCitizen(makeRng(9)));
    const ocr = [
      'Ngày, tháng, năm / Date, month, year: 10/05/2021',
      lines[0].replace('<<', '«').replace(/(.{10})/, '$1 '),
      lines[1],
      lines[2].replace(/<+$/, ''),
      '',
    ].join('\n');
    expect(findTd1Lines(ocr)).toEqual(lines);
    expect(findTd1Lines('no mrz here\nat all')).toBeNull();
  });
});
