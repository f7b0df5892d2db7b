// Display formats shared by core (PDFs) and UI: money as "1.234.000 ₫", dates as dd/MM/yyyy in Vietnam time.
// No Node or DOM imports: the renderer uses this file too.

/**
 * 7 hours: Vietnam (Asia/Ho_Chi_Minh) has kept UTC+07:00 with no daylight saving since 1975. A fixed offset gives
 * the same answer on every machine, whatever its own time zone or ICU data.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const ISO_DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 1234000 -> "1.234.000 ₫" (rounded to whole đồng; dots group thousands as Vietnamese writes them). */
export function formatVnd(amount: number): string {
  const rounded = Math.round(amount);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${rounded < 0 ? '-' : ''}${digits} ₫`;
}

/**
 * A fee for display, with the catalog's meaning of the values: 0 is free ("Miễn phí"); null means the catalog could
 * not tell, which must not read as free on a receipt the citizen keeps.
 */
export function formatFee(amount: number | null): string {
  if (amount === null) return 'Chưa xác định';
  return amount === 0 ? 'Miễn phí' : formatVnd(amount);
}

/** Vietnam-local calendar parts of an instant. */
function vietnamParts(epochMs: number) {
  const d = new Date(epochMs + VIETNAM_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/**
 * 'yyyy-MM-dd' (a plain date, taken as written) or epoch milliseconds (shown in Vietnam time) -> 'dd/MM/yyyy'.
 * Anything else is returned unchanged, so a bad value shows up as itself rather than as a wrong date.
 */
export function formatDate(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    const p = vietnamParts(value);
    return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
  }
  const match = ISO_DATE_PREFIX.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/** Epoch milliseconds -> 'HH:mm dd/MM/yyyy' in Vietnam time. */
export function formatDateTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return String(epochMs);
  const p = vietnamParts(epochMs);
  return `${pad2(p.hour)}:${pad2(p.minute)} ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** Epoch milliseconds -> the Vietnam-local date as 'yyyy-MM-dd' (e.g. the receipt day of a dossier, for due dates). */
export function toVietnamIsoDate(epochMs: number): string {
  const p = vietnamParts(epochMs);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** 'yyyy-MM-dd' or epoch ms -> "ngày 05 tháng 03 năm 2026", the way dates are written on official papers. */
export function formatDateLong(value: string | number): string {
  const short = formatDate(value);
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(short);
  return match ? `ngày ${match[1]} tháng ${match[2]} năm ${match[3]}` : short;
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** 'yyyy-MM-dd' -> "Thứ Tư" ... "Chủ nhật" (a plain date: no time zone involved), or '' when it is not a date. */
export function weekdayName(isoDate: string): string {
  const match = ISO_DATE_PREFIX.exec(isoDate);
  if (!match) return '';
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).getUTCDay();
  return WEEKDAYS[day] ?? '';
}
