// ICAO 9303 TD1 machine-readable zone (3 lines of 30): parse, verify every check digit, repair OCR slips safely.
import { isIsoDate } from '../../common/applicant';

export type MrzCheckedField =
  'documentNumber' | 'dateOfBirth' | 'expiryDate' | 'personalNumber' | 'composite';

export type MrzCheck = { field: MrzCheckedField; ok: boolean; expected: string; found: string };

export type Td1Data = {
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  optionalData1: string;
  /** yyyy-MM-dd; null when the field is not a real date */
  dateOfBirth: string | null;
  sex: 'male' | 'female' | null;
  /** yyyy-MM-dd; null when absent ("<<<<<<", cards without expiry) or not a real date */
  expiryDate: string | null;
  nationality: string;
  optionalData2: string;
  surname: string;
  givenNames: string;
  /** "SURNAME GIVEN NAMES": MRZ names carry no Vietnamese diacritics */
  fullName: string;
  /** the 12-digit personal ID that Vietnamese cards put in optional data 1, when present */
  idNumber: string | null;
};

export type Td1Reading = {
  /** every check digit passed and the dates are real */
  valid: boolean;
  data: Td1Data;
  checks: MrzCheck[];
  failed: MrzCheckedField[];
  /** OCR slips that were repaired because the check digit then passed, in Vietnamese */
  corrections: string[];
  problems: string[];
  lines: [string, string, string];
};

export type Td1ParseResult = { ok: true; reading: Td1Reading } | { ok: false; reason: string };

export type Td1Options = { currentYear?: number };

const fieldLabels: Record<MrzCheckedField, string> = {
  documentNumber: 'số giấy tờ',
  dateOfBirth: 'ngày sinh',
  expiryDate: 'ngày hết hạn',
  personalNumber: 'số định danh',
  composite: 'chữ số kiểm tra tổng hợp',
};

/** ICAO 9303 part 3 §4.9: weights 7, 3, 1 repeating; '<' = 0, 0-9 as is, A = 10 ... Z = 35; sum mod 10. */
export function mrzCheckDigit(value: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    let n = 0;
    if (code >= 48 && code <= 57) n = code - 48;
    else if (code >= 65 && code <= 90) n = code - 55;
    else if (value[i] !== '<') throw new RangeError(`Ký tự không hợp lệ trong MRZ: "${value[i] ?? ''}"`);
    sum += n * (weights[i % 3] ?? 1);
  }
  return sum % 10;
}

// Letters OCR engines produce where the MRZ font has a digit (OCR-B): O/Q/D for 0, I/L for 1, B for 8 ...
const letterToDigit: Readonly<Record<string, string>> = {
  O: '0',
  Q: '0',
  D: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  G: '6',
  B: '8',
};
const digitToLetter: Readonly<Record<string, string>> = {
  '0': 'O',
  '1': 'I',
  '2': 'Z',
  '5': 'S',
  '6': 'G',
  '8': 'B',
};

const asDigits = (value: string) => value.replace(/[A-Z]/g, (c) => letterToDigit[c] ?? c);
const asLetters = (value: string) => value.replace(/[0-9]/g, (c) => digitToLetter[c] ?? c);

type Checked = { value: string; check: MrzCheck; correction: string | null };

/**
 * Verifies `value` + `checkChar`. When they hold letters in places that must be digits and the check fails,
 * retries with the look-alike digits, and keeps the repair only if the check digit then passes.
 */
function verify(field: MrzCheckedField, value: string, checkChar: string, numeric: boolean): Checked {
  const passes = (v: string, c: string) =>
    (/^\d$/.test(c) && mrzCheckDigit(v) === Number(c)) || (c === '<' && /^<+$/.test(v)); // "no date": all filler
  const expectedOf = (v: string) => String(mrzCheckDigit(v));
  if (passes(value, checkChar)) {
    return { value, check: { field, ok: true, expected: checkChar, found: checkChar }, correction: null };
  }
  const fixedValue = numeric ? asDigits(value) : value;
  const fixedCheck = asDigits(checkChar);
  if ((fixedValue !== value || fixedCheck !== checkChar) && passes(fixedValue, fixedCheck)) {
    return {
      value: fixedValue,
      check: { field, ok: true, expected: fixedCheck, found: checkChar },
      correction: `Đã sửa lỗi nhận dạng ở ${fieldLabels[field]}: "${value}${checkChar}" → "${fixedValue}${fixedCheck}" (chữ số kiểm tra khớp sau khi sửa).`,
    };
  }
  return {
    value,
    check: { field, ok: false, expected: expectedOf(value), found: checkChar },
    correction: null,
  };
}

function mrzDate(
  yymmdd: string,
  century: number | null,
  currentYear: number,
  future: boolean,
): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  let year: number;
  if (century !== null) year = century + yy;
  else if (future) year = 2000 + yy;
  else year = 2000 + yy > currentYear ? 1900 + yy : 2000 + yy;
  const iso = `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  return isIsoDate(iso) ? iso : null;
}

function splitName(line3: string): { surname: string; givenNames: string } {
  const [primary = '', ...rest] = line3.replace(/<+$/, '').split('<<');
  const words = (part: string) =>
    part
      .split('<')
      .filter((w) => w !== '')
      .join(' ');
  return { surname: words(primary), givenNames: words(rest.join('<')) };
}

const isTd1Line = (line: string) => /^[A-Z0-9<]{30}$/.test(line);

type Line1 = {
  documentCode: string;
  issuingState: string;
  docNo: Checked;
  optionalData1: string;
  personal: Checked | null;
};
type Line2 = {
  dob: Checked;
  sexChar: string;
  expiry: Checked;
  noExpiry: boolean;
  nationality: string;
  optionalData2: string;
};

/** Fixes a 3-letter country code read with digits (VNM only: no check digit covers it). */
function countryCode(raw: string, notes: string[]): string {
  if (raw === 'VNM' || asLetters(raw) !== 'VNM') return raw;
  notes.push(`Đã sửa mã quốc gia "${raw}" → "VNM".`);
  return 'VNM';
}

function readLine1(l1: string, notes: string[]): Line1 {
  const issuingState = countryCode(l1.slice(2, 5), notes);
  const vietnamese = issuingState === 'VNM';
  const docNo = verify('documentNumber', l1.slice(5, 14), l1.slice(14, 15), vietnamese);
  let optionalData1 = l1.slice(15, 30);
  // Vietnamese cards: optional data 1 = the 12-digit personal ID, "<<", and the ID's own check digit.
  const vn = /^([0-9A-Z]{12})<<([0-9A-Z])$/.exec(optionalData1);
  let personal: Checked | null = null;
  if (vietnamese && vn?.[1] && vn[2]) {
    personal = verify('personalNumber', vn[1], vn[2], true);
    optionalData1 = `${personal.value}<<${asDigitsIf(personal, vn[2])}`;
  }
  return { documentCode: l1.slice(0, 2), issuingState, docNo, optionalData1, personal };
}

function readLine2(l2: string, notes: string[]): Line2 {
  const expiryRaw = l2.slice(8, 14);
  const noExpiry = /^<{6}$/.test(expiryRaw);
  return {
    dob: verify('dateOfBirth', l2.slice(0, 6), l2.slice(6, 7), true),
    sexChar: l2.slice(7, 8),
    expiry: verify('expiryDate', expiryRaw, l2.slice(14, 15), !noExpiry),
    noExpiry,
    nationality: countryCode(l2.slice(15, 18), notes),
    optionalData2: l2.slice(18, 29),
  };
}

/** Composite check over the repaired fields (ICAO 9303-5 §4.2.2.2): line 1 6-30, line 2 1-7, 9-15, 19-29. */
function compositeCheck(l1: string, l2: string, a: Line1, b: Line2): Checked {
  const input =
    `${a.docNo.value}${asDigitsIf(a.docNo, l1.slice(14, 15))}${a.optionalData1}` +
    `${b.dob.value}${asDigitsIf(b.dob, l2.slice(6, 7))}` +
    `${b.expiry.value}${asDigitsIf(b.expiry, l2.slice(14, 15))}${b.optionalData2}`;
  return verify('composite', input, l2.slice(29, 30), false);
}

function cleanLines(
  input: string | readonly string[],
): { lines: [string, string, string] } | { reason: string } {
  const raw = typeof input === 'string' ? input.split(/\r?\n/) : [...input];
  const cleaned = raw.map((line) => line.toUpperCase().replace(/\s+/g, '')).filter((line) => line !== '');
  if (cleaned.length !== 3) return { reason: `MRZ mẫu TD1 có 3 dòng, đọc được ${cleaned.length} dòng.` };
  const bad = cleaned.findIndex((line) => !isTd1Line(line));
  if (bad >= 0) {
    return {
      reason: `Dòng ${bad + 1} của MRZ phải có đúng 30 ký tự A-Z, 0-9 hoặc "<" (đọc được ${cleaned[bad]?.length ?? 0}).`,
    };
  }
  const [l1 = '', l2 = '', l3 = ''] = cleaned;
  return { lines: [l1, l2, l3] };
}

/** Parses three TD1 lines (an array, or text with the three lines) and verifies every check digit. */
export function parseTd1(input: string | readonly string[], options: Td1Options = {}): Td1ParseResult {
  const cleaned = cleanLines(input);
  if ('reason' in cleaned) return { ok: false, reason: cleaned.reason };
  const [l1, l2, l3] = cleaned.lines;
  const notes: string[] = [];
  const problems: string[] = [];
  const a = readLine1(l1, notes);
  const b = readLine2(l2, notes);
  const checked = [
    a.docNo,
    ...(a.personal ? [a.personal] : []),
    b.dob,
    b.expiry,
    compositeCheck(l1, l2, a, b),
  ];
  const corrections = [...notes, ...checked.flatMap((c) => (c.correction ? [c.correction] : []))];
  const checks = checked.map((c) => c.check);
  if (!/^[IAC]/.test(a.documentCode)) {
    problems.push(`Mã loại giấy tờ "${a.documentCode}" không phải thẻ TD1 (I, A hoặc C).`);
  }

  const idNumber = a.personal?.check.ok ? a.personal.value : null;
  if (idNumber !== null && a.docNo.check.ok && idNumber.slice(3) !== a.docNo.value) {
    problems.push('Số giấy tờ và số định danh trong MRZ không khớp nhau.');
  }
  // Vietnamese IDs give the birth century (4th digit); otherwise the usual pivot on the current year.
  const century = idNumber !== null ? 1900 + 100 * Math.floor(Number(idNumber[3]) / 2) : null;
  const currentYear = options.currentYear ?? new Date().getFullYear();
  const dateOfBirth = mrzDate(b.dob.value, century, currentYear, false);
  const expiryDate = b.noExpiry ? null : mrzDate(b.expiry.value, null, currentYear, true);
  if (dateOfBirth === null) problems.push(`Ngày sinh trong MRZ "${b.dob.value}" không phải ngày có thật.`);
  if (expiryDate === null && !b.noExpiry) {
    problems.push(`Ngày hết hạn trong MRZ "${b.expiry.value}" không phải ngày có thật.`);
  }

  const nameDigits = /[0-9]/.test(l3);
  const { surname, givenNames } = splitName(nameDigits ? asLetters(l3) : l3);
  if (nameDigits) {
    problems.push(
      'Dòng họ tên của MRZ có chữ số (nhận dạng nhầm); đã đoán lại chữ cái, hãy kiểm tra họ tên.',
    );
  }
  const failed = checks.filter((c) => !c.ok).map((c) => c.field);
  for (const field of failed) problems.push(`Chữ số kiểm tra của ${fieldLabels[field]} không khớp.`);
  return {
    ok: true,
    reading: {
      valid: failed.length === 0 && dateOfBirth !== null && (b.noExpiry || expiryDate !== null),
      data: {
        documentCode: a.documentCode,
        issuingState: a.issuingState,
        documentNumber: a.docNo.value.replace(/<+$/, ''),
        optionalData1: a.optionalData1,
        dateOfBirth,
        sex: b.sexChar === 'M' ? 'male' : b.sexChar === 'F' ? 'female' : null,
        expiryDate,
        nationality: b.nationality,
        optionalData2: b.optionalData2,
        surname,
        givenNames,
        fullName: [surname, givenNames].filter((p) => p !== '').join(' '),
        idNumber,
      },
      checks,
      failed,
      corrections,
      problems,
      lines: [l1, l2, l3],
    },
  };
}

/** The TD1 name line for a surname and given names ("TRAN", "DINH TRUNG" -> "TRAN<<DINH<TRUNG<<<..."), 30 chars. */
export function td1NameLine(surname: string, givenNames: string): string {
  const part = (words: string) =>
    words
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '')
      .join('<');
  return `${part(surname)}<<${part(givenNames)}`.padEnd(30, '<').slice(0, 30);
}

/** The check character as it was used: repaired to a digit when the field's repair was accepted. */
function asDigitsIf(field: Checked, checkChar: string): string {
  return field.correction ? asDigits(checkChar) : checkChar;
}

/**
 * Finds the three TD1 lines in OCR output: tolerates spaces inside lines, "«" for "<<", and filler
 * characters lost at the end of a line (padded back with "<").
 */
/**
 * Tesseract's Vietnamese model reads the leading "I" of "IDVNM" as "1", "T" or "T1" now and then (seen on generated
 * cards): a line whose last 29 MRZ characters start "DVNM"/"<VNM" after 1-3 stray ones gets its "I" back. The
 * document code is outside every check digit, so nothing checked is invented.
 */
function repairDocumentCode(line: string): string {
  if (line.length === 30 && /^[1TLJ|!][D<]VNM/.test(line)) return `I${line.slice(1)}`;
  if (line.length <= 30 || line.length > 33) return line;
  const tail = line.slice(line.length - 29);
  return /^[D<]VNM[A-Z0-9<]{25}$/.test(tail) ? `I${tail}` : line;
}

export function findTd1Lines(ocrText: string): [string, string, string] | null {
  const candidates = ocrText
    .split(/\r?\n/)
    .map((line) =>
      line
        .toUpperCase()
        .replace(/«/g, '<<')
        .replace(/[\s‹]/g, (c) => (c === '‹' ? '<' : '')),
    )
    .map((line) =>
      line.length >= 26 && line.length < 30 && /^[A-Z0-9<]+$/.test(line) ? line.padEnd(30, '<') : line,
    )
    .map((line) => (line.length > 30 && /^[A-Z0-9<]{30}<+$/.test(line) ? line.slice(0, 30) : line))
    .map(repairDocumentCode);
  for (let i = 0; i + 2 < candidates.length; i += 1) {
    const [a = '', b = '', nameLine = ''] = candidates.slice(i, i + 3);
    // The name line usually ends in a long run of fillers that OCR drops: pad it back.
    const c = /^[A-Z<]{2,30}$/.test(nameLine) ? nameLine.padEnd(30, '<') : nameLine;
    if (isTd1Line(a) && isTd1Line(b) && isTd1Line(c) && /^[IAC]/.test(a) && /^[0-9A-Z]{6}/.test(b))
      return [a, b, c];
  }
  return null;
}
