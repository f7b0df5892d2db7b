// A stored form value as it is printed or summarised: dates dd/MM/yyyy, "Nam"/"Nữ", addresses in words, choice labels.
import { formatAddress, type AdminUnits } from './admin-units';
import { dateInWords } from './date-words';
import type { FormData } from './form-data';
import { getAt } from './form-data';
import type { FieldDef } from './form-schema';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A stored value that is not of its field's shape, shown as itself so a wrong value is seen rather than hidden. */
const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

export function formatFormDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3] ?? ''}/${m[2] ?? ''}/${m[1] ?? ''}` : value;
}

/** The printed text of a field's value; '' when empty (the printer then draws dots). `data` is for computed fields. */
export function formatValue(field: FieldDef, value: unknown, units: AdminUnits, data?: FormData): string {
  if (field.computed) {
    const from = data ? getAt(data, field.computed.from) : undefined;
    return typeof from === 'string' ? dateInWords(from) : '';
  }
  if (value === undefined || value === null) return '';
  switch (field.type) {
    case 'date':
      return typeof value === 'string' ? formatFormDate(value) : '';
    case 'monthYear': {
      const m = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null;
      return m ? `${m[2] ?? ''}/${m[1] ?? ''}` : asText(value);
    }
    case 'time': {
      const m = typeof value === 'string' ? /^(\d{2}):(\d{2})$/.exec(value) : null;
      return m ? `${m[1] ?? ''} giờ ${m[2] ?? ''} phút` : asText(value);
    }
    case 'sex':
      return value === 'male' ? 'Nam' : value === 'female' ? 'Nữ' : asText(value);
    case 'address':
      return isRecord(value) ? formatAddress(value, units) : asText(value);
    case 'checkbox':
      return value === true ? 'Có' : value === false ? 'Không' : '';
    case 'choice':
      return field.choices?.find((c) => c.value === value)?.label ?? asText(value);
    case 'multiChoice':
      return Array.isArray(value) ? value.map((v: unknown) => field.choices?.find((c) => c.value === v)?.label ?? asText(v)).join('; ') : '';
    case 'number':
      return typeof value === 'number' ? value.toLocaleString('vi-VN') : asText(value);
    default:
      return asText(value);
  }
}
