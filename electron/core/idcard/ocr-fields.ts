// Last-resort reading of a CCCD front from OCR text: find the labelled fields ("Họ và tên / Full name: ...").
import { isIsoDate, normalizeIdNumber } from '../../common/applicant';
import { foldVietnamese, tidyText } from '../../common/text';

export type OcrCardFields = {
  idNumber?: string;
  fullName?: string;
  dateOfBirth?: string;
  sex?: 'male' | 'female';
  address?: string;
  expiryDate?: string;
};

type Label = { field: keyof OcrCardFields; folded: RegExp };

// Labels as printed on the 2021 chip CCCD and the 2024 card, matched on accent-folded lower-case text.
const labels: readonly Label[] = [
  { field: 'fullName', folded: /(ho,? chu dem va ten khai sinh|ho va ten|full name)/ },
  { field: 'dateOfBirth', folded: /(ngay,? thang,? nam sinh|ngay sinh|date of birth)/ },
  { field: 'sex', folded: /(gioi tinh|sex)/ },
  { field: 'address', folded: /(noi thuong tru|noi cu tru|place of residence)/ },
  { field: 'expiryDate', folded: /(co gia tri den|date of expiry|ngay het han)/ },
];

function dateIn(text: string): string | undefined {
  const m = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(text);
  if (!m) return undefined;
  const iso = `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** The part of a line after its label: "Họ và tên / Full name: NGUYỄN VĂN A" -> "NGUYỄN VĂN A". */
function afterLabel(line: string): string {
  const colon = line.lastIndexOf(':');
  return colon >= 0 ? tidyText(line.slice(colon + 1)) : '';
}

function valueFor(field: keyof OcrCardFields, lines: readonly string[], index: number): string | undefined {
  const line = lines[index] ?? '';
  const inline = afterLabel(line);
  const next = tidyText(lines[index + 1] ?? '');
  switch (field) {
    case 'dateOfBirth':
    case 'expiryDate':
      return dateIn(inline) ?? dateIn(line) ?? dateIn(next);
    case 'sex': {
      // "Giới tính / Sex: Nữ   Quốc tịch / Nationality: Việt Nam" often comes back as one line.
      const folded = foldVietnamese(line);
      const start = Math.max(folded.indexOf('sex'), folded.indexOf('gioi tinh'));
      const end = folded.indexOf('quoc tich', start);
      const value = folded.slice(start, end > start ? end : undefined).replace(/^(sex|gioi tinh)/, '');
      if (/\bnu\b/.test(value)) return 'female';
      if (/\bnam\b/.test(value)) return 'male';
      return undefined;
    }
    case 'fullName': {
      const name = inline || next;
      return /^[\p{L}\p{M} ]{3,}$/u.test(name) ? name : undefined;
    }
    case 'address': {
      const first = inline || next;
      const continuation = inline ? next : tidyText(lines[index + 2] ?? '');
      const looksLikeMore =
        continuation !== '' && !labels.some((l) => l.folded.test(foldVietnamese(continuation)));
      return first === ''
        ? undefined
        : looksLikeMore
          ? `${first}, ${continuation}`.replace(/,\s*,/g, ',')
          : first;
    }
    default:
      return undefined;
  }
}

/** Reads what it can; every value still needs the agent's confirmation (source "ocr"). */
export function parseCardOcrText(text: string): OcrCardFields {
  const lines = text
    .normalize('NFC')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const fields: OcrCardFields = {};
  const idMatch = /(?<!\d)(\d[\d ]{10,14}\d)(?!\d)/.exec(lines.join('\n'));
  const id = idMatch?.[1] ? normalizeIdNumber(idMatch[1]) : '';
  if (/^\d{12}$/.test(id)) fields.idNumber = id;
  lines.forEach((line, index) => {
    const folded = foldVietnamese(line);
    for (const label of labels) {
      if (fields[label.field] !== undefined || !label.folded.test(folded)) continue;
      const value = valueFor(label.field, lines, index);
      if (value === undefined) continue;
      if (label.field === 'sex') fields.sex = value === 'female' ? 'female' : 'male';
      else fields[label.field] = value;
    }
  });
  return fields;
}
