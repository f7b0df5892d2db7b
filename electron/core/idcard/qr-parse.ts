// Versioned parser of the text in a chip CCCD's QR code ("id|old id|name|dob|sex|address|issue date").
import { decodeIdNumber, isIsoDate, normalizeIdNumber, validateIdNumber } from '../../common/applicant';
import { tidyText } from '../../common/text';

export type CccdQrFields = {
  idNumber: string;
  /** the 9-digit (sometimes 12-digit) number of the card it replaced; null when the card has none */
  oldIdNumber: string | null;
  fullName: string;
  /** yyyy-MM-dd */
  dateOfBirth: string;
  sex: 'male' | 'female';
  address: string;
  /** yyyy-MM-dd; null in layouts that do not carry it */
  issueDate: string | null;
};

/**
 * Known layouts. A new card generation gets a new entry in `layouts` below, never an edit of an old one.
 * - cccd-2021-7: front QR of the chip CCCD (Circular 06/2021/TT-BCA), 7 fields; the old-ID field is empty
 *   when the holder never had a 9-digit CMND.
 * - cccd-2021-6-no-old-id: 6 fields, the old-ID field left out altogether (seen on cards and in readers
 *   that drop it).
 * - cccd-2021-6-no-issue-date: 6 fields ending with the address (older firmware of some readers cuts the
 *   issue date).
 * The 2024 "thẻ căn cước" (Circular 16/2024/TT-BCA) moved the QR to the back and changed its content; add
 * its layout here once real samples are available: until then its text is rejected with a clear reason.
 */
export type CccdQrVersion = 'cccd-2021-7' | 'cccd-2021-6-no-old-id' | 'cccd-2021-6-no-issue-date';

export type CccdQrParseResult =
  | { ok: true; version: CccdQrVersion; fields: CccdQrFields; warnings: string[] }
  | { ok: false; reason: string };

type Slot = keyof CccdQrFields;

type Layout = { version: CccdQrVersion; slots: readonly Slot[]; fits: (parts: readonly string[]) => boolean };

const isDateText = (value: string) => /^\d{8}$/.test(value.trim());
const hasLetters = (value: string) => /\p{L}/u.test(value);

const layouts: readonly Layout[] = [
  {
    version: 'cccd-2021-7',
    slots: ['idNumber', 'oldIdNumber', 'fullName', 'dateOfBirth', 'sex', 'address', 'issueDate'],
    fits: (parts) => parts.length === 7,
  },
  {
    version: 'cccd-2021-6-no-old-id',
    slots: ['idNumber', 'fullName', 'dateOfBirth', 'sex', 'address', 'issueDate'],
    fits: (parts) => parts.length === 6 && hasLetters(parts[1] ?? '') && isDateText(parts[5] ?? ''),
  },
  {
    version: 'cccd-2021-6-no-issue-date',
    slots: ['idNumber', 'oldIdNumber', 'fullName', 'dateOfBirth', 'sex', 'address'],
    fits: (parts) =>
      parts.length === 6 && /^\d*$/.test((parts[1] ?? '').trim()) && !isDateText(parts[5] ?? ''),
  },
];

/** ddMMyyyy -> yyyy-MM-dd, or null when it is not a real date. */
export function qrDateToIso(value: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isIsoDate(iso) ? iso : null;
}

function parseSex(value: string): 'male' | 'female' | null {
  const folded = tidyText(value).toLowerCase();
  if (folded === 'nam' || folded === 'male' || folded === 'm') return 'male';
  if (folded === 'nữ' || folded === 'nu' || folded === 'female' || folded === 'f') return 'female';
  return null;
}

type SlotValues = Partial<Record<Slot, string>>;

function readFields(values: SlotValues): { fields: CccdQrFields } | { reason: string } {
  const idNumber = normalizeIdNumber(values.idNumber ?? '');
  if (!/^\d{12}$/.test(idNumber)) {
    return { reason: `Trường đầu tiên phải là số định danh 12 chữ số, đọc được "${values.idNumber ?? ''}".` };
  }
  const oldRaw = normalizeIdNumber(values.oldIdNumber ?? '');
  if (oldRaw !== '' && !/^(\d{9}|\d{12})$/.test(oldRaw)) {
    return { reason: `Số CMND cũ phải có 9 hoặc 12 chữ số, đọc được "${oldRaw}".` };
  }
  const fullName = tidyText(values.fullName ?? '');
  if (!hasLetters(fullName) || /\d/.test(fullName)) {
    return { reason: `Trường họ tên không hợp lệ: "${fullName}".` };
  }
  const dateOfBirth = qrDateToIso(values.dateOfBirth ?? '');
  if (dateOfBirth === null) {
    return {
      reason: `Ngày sinh phải theo dạng ngàythángnăm (8 chữ số), đọc được "${values.dateOfBirth ?? ''}".`,
    };
  }
  const sex = parseSex(values.sex ?? '');
  if (sex === null) return { reason: `Giới tính phải là "Nam" hoặc "Nữ", đọc được "${values.sex ?? ''}".` };
  const address = tidyText(values.address ?? '');
  if (!hasLetters(address)) return { reason: 'Trường địa chỉ thường trú trống.' };
  let issueDate: string | null = null;
  if (values.issueDate !== undefined) {
    issueDate = qrDateToIso(values.issueDate);
    if (issueDate === null) {
      return { reason: `Ngày cấp phải theo dạng ngàythángnăm (8 chữ số), đọc được "${values.issueDate}".` };
    }
  }
  return {
    fields: {
      idNumber,
      oldIdNumber: oldRaw === '' ? null : oldRaw,
      fullName,
      dateOfBirth,
      sex,
      address,
      issueDate,
    },
  };
}

/** Checks that hold on a genuine card; a failure is reported as a warning, since the card is the authority. */
function consistencyWarnings(fields: CccdQrFields): string[] {
  const warnings: string[] = [];
  const id = validateIdNumber(fields.idNumber, fields.dateOfBirth, fields.sex);
  if (!id.ok) warnings.push(`Số định danh trong mã QR không khớp với thông tin khác: ${id.reason}`);
  const decoded = decodeIdNumber(fields.idNumber);
  if (fields.issueDate !== null && fields.issueDate < fields.dateOfBirth) {
    warnings.push('Ngày cấp trong mã QR trước ngày sinh.');
  }
  if (decoded !== null && decoded.province === null)
    warnings.push('Mã tỉnh của số định danh không có trong danh mục.');
  return warnings;
}

/** Parses the text of a CCCD QR code; NFC everywhere; rejects anything that fits no known layout, with why. */
export function parseCccdQr(text: string): CccdQrParseResult {
  const cleaned = text
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .replace(/[\r\n]+$/g, '')
    .trim();
  if (cleaned === '') return { ok: false, reason: 'Mã QR không có nội dung.' };
  if (!cleaned.includes('|')) {
    return {
      ok: false,
      reason: 'Mã QR này không phải mã QR của thẻ căn cước công dân (không có các trường ngăn bởi "|").',
    };
  }
  let parts = cleaned.split('|');
  // Some readers append a trailing "|": drop one empty last field.
  if (parts.length > 6 && parts[parts.length - 1]?.trim() === '') parts = parts.slice(0, -1);
  const layout = layouts.find((candidate) => candidate.fits(parts));
  if (!layout) {
    return {
      ok: false,
      reason: `Mã QR có ${parts.length} trường, không khớp mẫu thẻ CCCD nào đã biết (6 hoặc 7 trường). Có thể đây là thẻ căn cước mẫu 2024 hoặc giấy tờ khác: hãy nhập tay và giữ ảnh thẻ.`,
    };
  }
  const values: SlotValues = {};
  layout.slots.forEach((slot, index) => {
    values[slot] = parts[index] ?? '';
  });
  const read = readFields(values);
  if ('reason' in read)
    return { ok: false, reason: `Mã QR thẻ CCCD (${layout.version}) không hợp lệ: ${read.reason}` };
  return {
    ok: true,
    version: layout.version,
    fields: read.fields,
    warnings: consistencyWarnings(read.fields),
  };
}
