// Invented citizens (no real person's data) and what their chip CCCD would carry: QR text and TD1 MRZ lines.
import { provinceCodes } from '../../electron/common/province-codes';
import { foldVietnamese } from '../../electron/common/text';
import { mrzCheckDigit } from '../../electron/core/idcard/mrz';

export type Rng = () => number;

/** mulberry32: small seeded PRNG so generated sets are the same on every run. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(int(rng, 0, 9))).join('');
const pad = (n: number) => String(n).padStart(2, '0');

const surnames = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Trịnh',
  'Đinh',
];
const maleMiddles = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Gia', 'Thanh', 'Công', 'Xuân', 'Đình'];
const femaleMiddles = ['Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh', 'Mỹ', 'Bích', 'Diệu', 'Hồng'];
const maleGiven = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hiếu',
  'Hùng',
  'Khánh',
  'Long',
  'Nam',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Thắng',
  'Trung',
  'Tuấn',
  'Việt',
  'Đạt',
  'Lộc',
  'Nghĩa',
  'Khôi',
];
const femaleGiven = [
  'Anh',
  'Giang',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Nhung',
  'Quỳnh',
  'Tâm',
  'Thảo',
  'Thủy',
  'Trang',
  'Vân',
  'Yến',
  'Ánh',
  'Huyền',
  'Ngân',
  'Uyên',
];
const places = [
  'Hoà An',
  'Tân Lập',
  'Đồng Tâm',
  'Phú Thịnh',
  'Quảng Phú',
  'Xuân Hoà',
  'Thạch Bàn',
  'Nghĩa Đô',
  'Yên Thế',
  'Hưng Đạo',
  'Bình Minh',
  'Vĩnh Hưng',
];
const streets = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Trãi',
  'Hai Bà Trưng',
  'Quang Trung',
  'Lý Thường Kiệt',
  'Phan Đình Phùng',
];

export type FakeCitizen = {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  address: string;
  issueDate: string;
  /** null: no expiry (cards issued from age 58) */
  expiryDate: string | null;
};

function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = int(rng, fromYear, toYear);
  const month = int(rng, 1, 12);
  const day = int(rng, 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Expiry per Law on Citizen Identification 2014 art. 21: the 25th, 40th or 60th birthday; none from 58. */
function expiryFor(dateOfBirth: string, issueDate: string): string | null {
  const birthYear = Number(dateOfBirth.slice(0, 4));
  const ageAtIssue = Number(issueDate.slice(0, 4)) - birthYear;
  if (ageAtIssue >= 58) return null;
  const next = [25, 40, 60].find((age) => age - ageAtIssue > 2) ?? 60;
  return `${birthYear + next}${dateOfBirth.slice(4)}`;
}

export function fakeCitizen(rng: Rng): FakeCitizen {
  const sex = rng() < 0.5 ? 'male' : 'female';
  const fullName = [
    pick(rng, surnames),
    pick(rng, sex === 'male' ? maleMiddles : femaleMiddles),
    pick(rng, sex === 'male' ? maleGiven : femaleGiven),
  ].join(' ');
  const dateOfBirth = randomDate(rng, 1950, 2008);
  const year = Number(dateOfBirth.slice(0, 4));
  const centuryDigit = 2 * (Math.floor(year / 100) - 19) + (sex === 'female' ? 1 : 0);
  const provinceCode = pick(rng, Object.keys(provinceCodes));
  const idNumber = `${provinceCode}${centuryDigit}${dateOfBirth.slice(2, 4)}${digits(rng, 6)}`;
  const issueDate = randomDate(rng, Math.max(2021, year + 14), 2024);
  const address =
    rng() < 0.5
      ? `Thôn ${pick(rng, places)}, Xã ${pick(rng, places)}, Huyện ${pick(rng, places)}, ${provinceCodes[pick(rng, Object.keys(provinceCodes))] ?? ''}`
      : `Số ${int(rng, 1, 300)} ${pick(rng, streets)}, Phường ${pick(rng, places)}, ${provinceCodes[provinceCode] ?? ''}`;
  return {
    idNumber,
    oldIdNumber: year < 2000 && rng() < 0.7 ? digits(rng, 9) : null,
    fullName,
    dateOfBirth,
    sex,
    address,
    issueDate,
    expiryDate: expiryFor(dateOfBirth, issueDate),
  };
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;

export type QrVariant = '7-fields' | '6-fields-no-old-id' | '6-fields-no-issue-date';

/** The text the front QR would hold, in one of the known layouts. */
export function cccdQrText(citizen: FakeCitizen, variant: QrVariant = '7-fields'): string {
  const sex = citizen.sex === 'male' ? 'Nam' : 'Nữ';
  const common = [citizen.fullName, ddmmyyyy(citizen.dateOfBirth), sex, citizen.address];
  if (variant === '6-fields-no-old-id')
    return [citizen.idNumber, ...common, ddmmyyyy(citizen.issueDate)].join('|');
  if (variant === '6-fields-no-issue-date')
    return [citizen.idNumber, citizen.oldIdNumber ?? '', ...common].join('|');
  return [citizen.idNumber, citizen.oldIdNumber ?? '', ...common, ddmmyyyy(citizen.issueDate)].join('|');
}

const yymmdd = (iso: string | null) =>
  iso === null ? '<<<<<<' : `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
const check = (value: string) => String(mrzCheckDigit(value));

/** The back side's TD1 MRZ as a Vietnamese chip CCCD prints it, with correct check digits. */
export function makeTd1Lines(citizen: FakeCitizen): [string, string, string] {
  const docNo = citizen.idNumber.slice(3);
  const line1 = `IDVNM${docNo}${check(docNo)}${citizen.idNumber}<<${check(citizen.idNumber)}`;
  const dob = yymmdd(citizen.dateOfBirth);
  const exp = yymmdd(citizen.expiryDate);
  const expCheck = citizen.expiryDate === null ? '<' : check(exp);
  const head2 = `${dob}${check(dob)}${citizen.sex === 'male' ? 'M' : 'F'}${exp}${expCheck}VNM${'<'.repeat(11)}`;
  const composite = check(`${line1.slice(5)}${head2.slice(0, 7)}${head2.slice(8, 15)}${head2.slice(18, 29)}`);
  const [surname = '', ...given] = foldVietnamese(citizen.fullName).toUpperCase().split(' ');
  const line3 = `${surname}<<${given.join('<')}`.padEnd(30, '<').slice(0, 30);
  return [line1, `${head2}${composite}`, line3];
}

/** Where a corrupter changes one character: each checked field, and each check digit itself. */
export const mrzCorruptions = [
  'documentNumber',
  'documentNumberCheck',
  'personalNumber',
  'personalNumberCheck',
  'dateOfBirth',
  'dateOfBirthCheck',
  'expiryDate',
  'expiryDateCheck',
  'optionalData2',
  'compositeCheck',
] as const;
export type MrzCorruption = (typeof mrzCorruptions)[number];

const corruptionSpans: Record<MrzCorruption, { line: 0 | 1; from: number; to: number }> = {
  documentNumber: { line: 0, from: 5, to: 14 },
  documentNumberCheck: { line: 0, from: 14, to: 15 },
  personalNumber: { line: 0, from: 15, to: 27 },
  personalNumberCheck: { line: 0, from: 29, to: 30 },
  dateOfBirth: { line: 1, from: 0, to: 6 },
  dateOfBirthCheck: { line: 1, from: 6, to: 7 },
  expiryDate: { line: 1, from: 8, to: 14 },
  expiryDateCheck: { line: 1, from: 14, to: 15 },
  optionalData2: { line: 1, from: 18, to: 29 },
  compositeCheck: { line: 1, from: 29, to: 30 },
};

/** Changes one character inside the given field to another digit (or a digit into a filler spot). */
export function corruptTd1(
  lines: readonly [string, string, string],
  kind: MrzCorruption,
  rng: Rng,
): [string, string, string] {
  const span = corruptionSpans[kind];
  const out: [string, string, string] = [lines[0], lines[1], lines[2]];
  const line = out[span.line];
  const at = int(rng, span.from, span.to - 1);
  const current = line[at] ?? '<';
  // '<' counts as 0 in check digits, so a filler becomes 1-9 and a digit moves by 1-9 (never to itself).
  const next = current === '<' ? String(int(rng, 1, 9)) : String((Number(current) + int(rng, 1, 9)) % 10);
  out[span.line] = `${line.slice(0, at)}${next}${line.slice(at + 1)}`;
  return out;
}
