// Dates written in Vietnamese words, as the "ghi bằng chữ" line of the birth declaration asks.

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** 0–99 in words: 5 "năm", 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư", 25 "hai mươi lăm", 10 "mười". */
function underHundred(n: number): string {
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) return DIGITS[units] ?? '';
  const head = tens === 1 ? 'mười' : `${DIGITS[tens] ?? ''} mươi`;
  if (units === 0) return head;
  if (units === 5) return `${head} lăm`;
  if (units === 1 && tens > 1) return `${head} mốt`;
  if (units === 4 && tens > 1) return `${head} tư`;
  return `${head} ${DIGITS[units] ?? ''}`;
}

/** 0–999 inside a larger number: 5 -> "không trăm linh năm", 26 -> "không trăm hai mươi sáu". */
function hundreds(n: number, leading: boolean): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (leading && h === 0) return underHundred(rest);
  const head = `${DIGITS[h] ?? ''} trăm`;
  if (rest === 0) return head;
  if (rest < 10) return `${head} linh ${DIGITS[rest] ?? ''}`;
  return `${head} ${underHundred(rest)}`;
}

/** A year 1–9999 in words: 2026 "hai nghìn không trăm hai mươi sáu", 1987 "một nghìn chín trăm tám mươi bảy". */
export function yearInWords(year: number): string {
  const thousands = Math.floor(year / 1000);
  const rest = year % 1000;
  if (thousands === 0) return hundreds(rest, true);
  const head = `${DIGITS[thousands] ?? ''} nghìn`;
  return rest === 0 ? head : `${head} ${hundreds(rest, false)}`;
}

const MONTHS = ['một', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai'];

/** 'yyyy-MM-dd' -> "Ngày mười lăm, tháng ba, năm hai nghìn không trăm hai mươi sáu"; '' when not a date. */
export function dateInWords(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return '';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const monthWord = MONTHS[month - 1];
  if (monthWord === undefined || day < 1 || day > 31) return '';
  return `Ngày ${underHundred(day)}, tháng ${monthWord}, năm ${yearInWords(year)}`;
}
