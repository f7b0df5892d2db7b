// Dates and times as Vietnamese forms write them: "08 giờ 30 phút, ngày 05 tháng 03 năm 2026", "05/03/2026", "8h30".
import type { OcrWord } from '../ocr/ocr-engine';
import { foldVietnamese } from '../../common/text';
import type { LineToken } from './ocr-lines';
import type { ParsedValue } from './text-values';
import { levenshtein } from './vietnamese-text';

type NumberPart = {
  kind: 'number';
  /** the digits, look-alike letters read as their likeliest digit */
  text: string;
  /** every reading of the look-alikes ("0Z" -> "02", "07"), the likeliest first */
  readings: string[];
  word: OcrWord | null;
  fixed: boolean;
};
type Part = NumberPart | { kind: 'word'; text: string; word: OcrWord | null };

/**
 * Letters OCR reads for digits inside a number ("0Ø0", "2Ô", "l5", "0Z"); only mapped in runs that hold a digit. A
 * handwritten 7 comes out as Z as often as a 2 does, so Z has two readings.
 */
const digitReadings: Record<string, string[]> = {
  ...Object.fromEntries([...'OoØøDQÔôƠơÓóÒòÕõỌọÖö'].map((c) => [c, ['0']])),
  ...Object.fromEntries([...'Il|i!íìỉÍ'].map((c) => [c, ['1']])),
  Z: ['2', '7'],
  z: ['2', '7'],
  S: ['5'],
  s: ['5'],
  $: ['5'],
  B: ['8'],
  G: ['6'],
  b: ['6'],
  g: ['9'],
  q: ['9'],
};
const lookalikes = Object.keys(digitReadings).join('');
const numberRun = new RegExp(`[0-9${lookalikes}]*[0-9][0-9${lookalikes}]*`, 'gu');

function readingsOf(raw: string): string[] {
  let out = [''];
  for (const c of raw)
    out = out.flatMap((prefix) => (digitReadings[c] ?? [c]).map((d) => prefix + d)).slice(0, 8);
  return out;
}

/** Tokens as numbers and folded words in order: "ngày.22." -> word "ngay", number "22". */
export function dateParts(tokens: readonly LineToken[]): Part[] {
  const parts: Part[] = [];
  for (const token of tokens) {
    if (token.leader && !/\d/.test(token.text)) continue;
    // numbers first (with look-alike letters inside them), then the words between them
    // look-alike letters that continue a word are the word's ("tháng01": the g is tháng's, not a 9)
    const pieces = token.text
      .replace(numberRun, (run: string, at: number, text: string) => {
        const head = /\p{L}/u.test(text.charAt(at - 1)) ? (/^[^0-9]*/.exec(run)?.[0] ?? '') : '';
        return `${head} \u0000${run.slice(head.length)} `;
      })
      .split(/\s+/);
    for (const piece of pieces) {
      if (piece.startsWith('\u0000')) {
        const raw = piece.slice(1);
        const readings = readingsOf(raw);
        const text = readings[0] ?? raw;
        parts.push({ kind: 'number', text, readings, word: token.word, fixed: text !== raw });
        continue;
      }
      for (const w of foldVietnamese(piece).split(/[^a-z]+/))
        if (w !== '') parts.push({ kind: 'word', text: w, word: token.word });
    }
  }
  return parts;
}

const keywords = {
  hour: ['gio', 'h'],
  minute: ['phut', 'p'],
  day: ['ngay'],
  month: ['thang'],
  year: ['nam'],
} as const;
type Slot = keyof typeof keywords;

function keywordOf(word: string): Slot | null {
  for (const [slot, forms] of Object.entries(keywords) as [Slot, readonly string[]][]) {
    if (
      forms.some(
        (f) =>
          word === f ||
          (f.length >= 3 && word.length >= 3 && levenshtein(word, f) <= (f.length >= 4 ? 1 : 0)),
      )
    )
      return slot;
  }
  return null;
}

export type DateTimeRead = {
  day: number;
  month: number;
  year: number;
  hour: number | null;
  minute: number | null;
  words: OcrWord[];
  factor: number;
  notes: string[];
  /** the signing date chose between readings or corrected a digit: it cannot also vouch for the result */
  guided: boolean;
};
export type CalendarDate = { day: number; month: number; year: number };

const isRealDate = (d: number, m: number, y: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const dayNumber = (d: CalendarDate) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

/** Readings of a one- or two-digit number: its look-alike readings (cost 0), then with one digit changed (cost 1). */
function options(part: NumberPart, edits: boolean): { text: string; cost: number }[] {
  // a look-alike's readings are equally likely ("Z": 2 or 7): the date they make decides between them
  const out = part.readings.map((text) => ({ text, cost: 0 }));
  if (!edits) return out;
  for (const { text } of [...out]) {
    for (let i = 0; i < text.length; i++)
      for (const d of '0123456789')
        if (d !== text[i]) out.push({ text: text.slice(0, i) + d + text.slice(i + 1), cost: 1 });
  }
  return out;
}

type Choice = CalendarDate & { cost: number; guided: boolean };

/**
 * The date the numbers most likely say. With `near` (the signing date under the body: a Giấy chứng sinh is issued
 * before the baby leaves the facility), a date up to 31 days before it is preferred, and when no reading is a real date,
 * one misread digit of the day and of the month may be corrected to land in that window; ties go to the nearest.
 */
function chooseDate(
  day: NumberPart,
  month: NumberPart,
  year: NumberPart,
  near: CalendarDate | null,
): Choice | null {
  const pick = (edits: boolean, yearEdits = false): Choice[] => {
    const out: Choice[] = [];
    const years = yearEdits ? options(year, true) : year.readings.slice(0, 2).map((text) => ({ text, cost: 0 }));
    for (const d of options(day, edits))
      for (const m of options(month, edits))
        for (const y of years) {
          if (y.text.length !== 4 || d.text.length > 2 || m.text.length > 2) continue;
          const [dd, mm, yy] = [Number(d.text), Number(m.text), Number(y.text)];
          if (isRealDate(dd, mm, yy))
            out.push({ day: dd, month: mm, year: yy, cost: d.cost + m.cost + y.cost, guided: false });
        }
    return out;
  };
  const inWindow = (c: Choice) =>
    near === null || (dayNumber(c) <= dayNumber(near) && dayNumber(near) - dayNumber(c) <= 31);
  const closest = (list: Choice[]) =>
    [...list].sort(
      (a, b) =>
        a.cost - b.cost || (near ? dayNumber(near) - dayNumber(a) - (dayNumber(near) - dayNumber(b)) : 0),
    )[0] ?? null;
  const distinct = (list: Choice[]) => new Set(list.map((c) => dayNumber(c))).size;
  const plain = pick(false);
  const fitting = plain.filter(inWindow);
  const chosen = (list: Choice[], guided: boolean): Choice | null => {
    const best = closest(list);
    return best ? { ...best, guided } : null;
  };
  if (fitting.length > 0) return chosen(fitting, near !== null && distinct(plain) > 1);
  // a year two or more from the signing date's is one misread digit ("2028", "4026" for 2026): a Giấy chứng sinh is
  // signed days after the birth, so the year is corrected when that puts the date in the window
  if (near && plain.length > 0 && plain.every((c) => Math.abs(c.year - near.year) > 1)) {
    const yearFixed = pick(false, true).filter(inWindow);
    if (yearFixed.length > 0) return chosen(yearFixed, true);
  }
  // a valid date is kept even away from `near` (either could be misread); digits are changed only to make one valid
  if (plain.length > 0 || !near) return chosen(plain, false);
  return chosen(pick(true).filter(inWindow), true);
}

/** The slots by their words: hour and minute before "giờ"/"phút", day, month and year after "ngày"/"tháng"/"năm". */
function keyedSlots(parts: Part[]): { found: Partial<Record<Slot, NumberPart>>; keyed: number } {
  const found: Partial<Record<Slot, NumberPart>> = {};
  let keyed = 0;
  parts.forEach((part, i) => {
    if (part.kind !== 'word') return;
    const slot = keywordOf(part.text);
    if (!slot) return;
    const neighbour = slot === 'hour' || slot === 'minute' ? parts[i - 1] : parts[i + 1];
    if (neighbour?.kind === 'number' && !found[slot]) {
      found[slot] = neighbour;
      keyed++;
    }
  });
  // "8h30": the minutes follow the hour's word
  const afterHour = parts[parts.findIndex((p) => p === found.hour) + 2];
  if (found.hour && !found.minute && afterHour?.kind === 'number' && afterHour.text.length <= 2)
    found.minute = afterHour;
  return { found, keyed };
}

/**
 * Reads "… giờ … phút, ngày … tháng … năm …", or a dd/MM/yyyy date, or, when the words are unreadable, the numbers
 * in the form's order. `near`: the certificate's signing date, if known (see chooseDate).
 */
export function parseDateTime(
  tokens: readonly LineToken[],
  near: CalendarDate | null = null,
): DateTimeRead | null {
  const parts = dateParts(tokens);
  const { found, keyed } = keyedSlots(parts);
  const numbers = parts.filter((p): p is NumberPart => p.kind === 'number');
  let factor = 1;
  const notes: string[] = [];
  if (!found.day || !found.month || !found.year) {
    // "ngày 05/03/2026", "05/03/2026" or a line whose words OCR lost: three numbers in the form's order, from the day
    // if its word was read, else the last three that are not the time
    const from = found.day ? numbers.indexOf(found.day) : -1;
    const free = numbers.filter((n) => n !== found.hour && n !== found.minute);
    const triple = from >= 0 ? numbers.slice(from, from + 3) : free.slice(-3);
    if (triple.length === 3) {
      [found.day, found.month, found.year] = triple;
      if (keyed === 0 && numbers.length >= 5) [found.hour, found.minute] = numbers.slice(-5, -3);
      factor *= keyed > 0 ? 0.9 : 0.75;
    }
  }
  const { day, month, year, hour, minute } = found;
  if (!day || !month || !year) return null;
  const date = chooseDate(day, month, year, near);
  if (!date) return null;
  if (date.cost >= 1) {
    factor *= 0.5;
    notes.push('Ngày đọc được không hợp lệ; đã chọn ngày gần nhất trước ngày cấp giấy: hãy đối chiếu.');
  } else if (date.cost > 0 || [day, month, year].some((p) => p.fixed)) {
    factor *= 0.85;
    notes.push('Có chữ số đọc từ ký tự giống số.');
  }
  const h = hour && hour.text.length <= 2 && Number(hour.text) <= 23 ? Number(hour.text) : null;
  const min = minute && minute.text.length <= 3 && Number(minute.text) <= 59 ? Number(minute.text) : null;
  const words: OcrWord[] = [];
  for (const p of [day, month, year, hour, minute])
    if (p?.word && !words.includes(p.word)) words.push(p.word);
  return {
    day: date.day,
    month: date.month,
    year: date.year,
    hour: h,
    minute: min,
    words,
    factor,
    notes,
    guided: date.guided,
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function formatDate(read: Pick<DateTimeRead, 'day' | 'month' | 'year'>): string {
  return `${pad2(read.day)}/${pad2(read.month)}/${String(read.year)}`;
}

/** Date as a ParsedValue (dd/MM/yyyy) and time (HH:mm) when both hour and minute were read. */
export function dateAndTime(read: DateTimeRead): { date: ParsedValue; time: ParsedValue | null } {
  const date = { value: formatDate(read), words: read.words, factor: read.factor, notes: read.notes };
  const time =
    read.hour !== null && read.minute !== null
      ? {
          value: `${pad2(read.hour)}:${pad2(read.minute)}`,
          words: read.words,
          factor: read.factor,
          notes: [],
        }
      : null;
  return { date, time };
}
