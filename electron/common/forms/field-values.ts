// Field values by type: normalising what is typed or read (dd/MM/yyyy, "Nữ", spaces in IDs) and checking one value.
import { isIsoDate, normalizeIdNumber, validateIdNumber } from '../applicant';
import { findEthnicity } from '../ethnicities';
import { checkPhone } from '../phone';
import { nfc, tidyText } from '../text';
import { parseAddressText, type AddressValue, type AdminUnits } from './admin-units';
import type { FieldDef } from './form-schema';

export type CheckContext = { today: string; units: AdminUnits };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const pad2 = (n: string) => n.padStart(2, '0');

/** "5/3/2026", "05-03-2026", "2026-03-05" -> "2026-03-05"; "1987" -> "1987" when a bare year is allowed. */
export function normalizeDate(raw: string, allowYearOnly = false): string {
  const text = raw.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dmy) return `${dmy[3] ?? ''}-${pad2(dmy[2] ?? '')}-${pad2(dmy[1] ?? '')}`;
  if (allowYearOnly && /^\d{4}$/.test(text)) return text;
  return text;
}

/** "7:5", "07h05", "7 giờ 5 phút" -> "07:05". */
export function normalizeTime(raw: string): string {
  const m = /^(\d{1,2})\s*(?::|h|giờ)\s*(\d{1,2})?\s*(?:phút|p)?$/i.exec(raw.trim());
  return m ? `${pad2(m[1] ?? '')}:${pad2(m[2] ?? '0')}` : raw.trim();
}

function normalizeMonthYear(raw: string): string {
  const my = /^(\d{1,2})[/.-](\d{4})$/.exec(raw.trim());
  return my ? `${my[2] ?? ''}-${pad2(my[1] ?? '')}` : raw.trim();
}

function normalizeSex(raw: string): string {
  const folded = raw.trim().toLowerCase().normalize('NFC');
  if (['nam', 'male', 'm'].includes(folded)) return 'male';
  if (['nữ', 'nu', 'female', 'f'].includes(folded)) return 'female';
  return raw.trim();
}

function normalizeAddress(raw: unknown, units: AdminUnits | undefined): unknown {
  if (typeof raw === 'string') {
    if (raw.trim() === '') return undefined;
    return units ? parseAddressText(raw, units) : { text: tidyText(raw) };
  }
  if (!isRecord(raw)) return raw;
  const out: AddressValue = {};
  for (const key of ['detail', 'communeCode', 'provinceCode', 'text'] as const) {
    const v = raw[key];
    if (typeof v === 'string' && v.trim() !== '') out[key] = tidyText(v);
  }
  if (out.communeCode && !out.provinceCode && units) {
    const commune = units.commune(out.communeCode);
    if (commune) out.provinceCode = commune.provinceCode;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A raw value (typed, read, from a data file) in its stored form; blanks become undefined (absent). */
export function normalizeValue(field: FieldDef, raw: unknown, units?: AdminUnits): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (field.type === 'address') return normalizeAddress(raw, units);
  if (field.type === 'multiChoice') return Array.isArray(raw) ? raw.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : raw;
  if (field.type === 'checkbox') {
    if (typeof raw === 'string') return ['có', 'co', 'true', 'x', '1'].includes(raw.trim().toLowerCase()) ? true : raw.trim() === '' ? undefined : false;
    return raw;
  }
  if (field.type === 'number') {
    if (typeof raw === 'string') return raw.trim() === '' ? undefined : /^-?\d+$/.test(raw.replace(/[.\s]/g, '')) ? Number(raw.replace(/[.\s]/g, '')) : raw;
    return raw;
  }
  if (typeof raw !== 'string') return raw;
  const text = tidyText(raw);
  if (text === '') return undefined;
  switch (field.type) {
    case 'date':
      return normalizeDate(text, field.allowYearOnly);
    case 'time':
      return normalizeTime(text);
    case 'monthYear':
      return normalizeMonthYear(text);
    case 'idNumber':
      return normalizeIdNumber(text);
    case 'sex':
      return normalizeSex(text);
    case 'ethnicity':
      return findEthnicity(text)?.name ?? text;
    case 'nationality':
      return /^(vn|viet ?nam|việt nam)$/i.test(text) ? 'Việt Nam' : text;
    case 'phone': {
      const phone = checkPhone(text);
      return phone.ok ? phone.phone : text;
    }
    case 'email':
      return text.toLowerCase();
    case 'choice': {
      const byLabel = field.choices?.find((c) => nfc(c.label).toLowerCase() === text.toLowerCase());
      return byLabel ? byLabel.value : text;
    }
    default:
      return text;
  }
}

const NAME = /^[\p{L}\p{M}' .-]+$/u;

function checkText(field: FieldDef, value: string): string | null {
  const max = field.maxLength ?? (field.type === 'textarea' ? 2000 : 300);
  if (value.length > max) return `Dài quá ${max} ký tự. Hãy viết gọn lại.`;
  if (field.key === 'fullName' || field.key.endsWith('FullName')) {
    if (!NAME.test(value)) return 'Họ và tên chỉ gồm chữ cái và dấu cách. Hãy bỏ chữ số và ký tự đặc biệt.';
  }
  return null;
}

function checkDate(field: FieldDef, value: string, today: string): string | null {
  if (field.allowYearOnly && /^\d{4}$/.test(value)) {
    const year = Number(value);
    if (year < 1900 || year > Number(today.slice(0, 4))) return `Năm ${value} không hợp lệ. Hãy kiểm tra lại.`;
    return null;
  }
  if (!isIsoDate(value)) {
    return field.allowYearOnly
      ? 'Ngày không hợp lệ. Hãy nhập ngày/tháng/năm (ví dụ 05/09/1987) hoặc chỉ năm (1987).'
      : 'Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1987.';
  }
  if (value < '1900-01-01') return 'Ngày trước năm 1900. Hãy kiểm tra lại năm.';
  if (field.notFuture && value > today) return 'Ngày này ở tương lai. Hãy kiểm tra lại.';
  return null;
}

function checkAddress(field: FieldDef, value: unknown, units: AdminUnits): string | null {
  if (!isRecord(value)) return 'Địa chỉ không đúng dạng. Hãy chọn tỉnh/thành phố, xã/phường và ghi số nhà, đường.';
  const a = value as AddressValue;
  if (!a.provinceCode && !a.communeCode) {
    if (field.allowText && a.text) return null;
    return a.text
      ? `Hãy chọn xã/phường và tỉnh/thành phố theo đơn vị hành chính hiện nay (sau 01/7/2025) cho địa chỉ "${a.text}".`
      : 'Hãy chọn tỉnh/thành phố và xã/phường.';
  }
  const province = a.provinceCode ? units.province(a.provinceCode) : null;
  if (!province) return 'Tỉnh/thành phố không có trong danh mục 34 tỉnh, thành phố hiện nay. Hãy chọn lại.';
  if (!a.communeCode) return `Hãy chọn xã/phường thuộc ${province.name}.`;
  const commune = units.commune(a.communeCode);
  if (!commune) return 'Xã/phường không có trong danh mục hiện nay (sau 01/7/2025). Hãy chọn lại.';
  if (commune.provinceCode !== province.code) return `${commune.name} không thuộc ${province.name}. Hãy chọn lại xã/phường.`;
  return null;
}

/** The Vietnamese problem with one present value, or null. Required-ness and cross-field rules are checked elsewhere. */
export function checkValue(field: FieldDef, value: unknown, ctx: CheckContext): string | null {
  switch (field.type) {
    case 'address':
      return checkAddress(field, value, ctx.units);
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'Hãy chọn Có hoặc Không.';
    case 'number': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'Hãy nhập một số nguyên.';
      if (field.min !== undefined && value < field.min) return `Số phải từ ${field.min} trở lên.`;
      if (field.max !== undefined && value > field.max) return `Số phải không quá ${field.max}.`;
      return null;
    }
    case 'multiChoice': {
      if (!Array.isArray(value)) return 'Hãy chọn trong danh sách.';
      const allowed = new Set(field.choices?.map((c) => c.value));
      return value.every((v) => typeof v === 'string' && allowed.has(v)) ? null : 'Có lựa chọn không có trong danh sách. Hãy chọn lại.';
    }
    default:
      break;
  }
  if (typeof value !== 'string') return 'Giá trị không đúng dạng chữ.';
  switch (field.type) {
    case 'date':
      return checkDate(field, value, ctx.today);
    case 'time':
      return /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? null : 'Giờ không hợp lệ. Hãy nhập giờ:phút, ví dụ 08:30.';
    case 'monthYear':
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && value <= ctx.today.slice(0, 7) ? null : 'Hãy nhập tháng/năm, ví dụ 09/2015 (không ở tương lai).';
    case 'idNumber': {
      if (field.allowLegacyId && /^\d{9}$/.test(value)) return null;
      const r = validateIdNumber(value, undefined, undefined, { currentYear: Number(ctx.today.slice(0, 4)) });
      return r.ok ? null : r.reason;
    }
    case 'sex':
      return value === 'male' || value === 'female' ? null : 'Hãy chọn giới tính Nam hoặc Nữ.';
    case 'ethnicity':
      return findEthnicity(value) ? null : `"${value}" không có trong danh mục 54 dân tộc. Hãy chọn trong danh sách.`;
    case 'nationality':
      return /^[\p{L}\p{M} .'-]{2,60}$/u.test(value) ? null : 'Quốc tịch ghi bằng tên nước, ví dụ Việt Nam.';
    case 'phone': {
      const r = checkPhone(value);
      return r.ok ? null : r.reason;
    }
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : 'Email không hợp lệ, ví dụ đúng: ten@example.com.';
    case 'choice':
      return field.choices?.some((c) => c.value === value) ? null : 'Hãy chọn một mục trong danh sách.';
    default:
      return checkText(field, value);
  }
}
