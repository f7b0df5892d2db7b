// Reads a national record's "Thời hạn giải quyết" into value + unit, from the portal's codes or Vietnamese words.
import type { DeadlineUnit } from '../../common/catalog';
import { foldVietnamese, tidyText } from '../../common/text';

export type DeadlineProblemKind = 'deadline_missing' | 'deadline_unparsed' | 'deadline_unit_other';

export type ParsedDeadline = {
  value: number | null;
  unit: DeadlineUnit;
  /** the record's deadline text, tidied */
  text: string;
  problem: { kind: DeadlineProblemKind; detail: string } | null;
};

type Duration = { value: number; unit: DeadlineUnit };

const codeUnits: Record<string, DeadlineUnit | 'week'> = {
  WORKING_DAY: 'working_day',
  DAY: 'day',
  HOUR: 'hour',
  MONTH: 'month',
  YEAR: 'year',
  WEEK: 'week',
  OTHER: 'other',
};

const unitWords: Record<DeadlineUnit | 'week', string> = {
  working_day: 'ngày làm việc',
  day: 'ngày',
  hour: 'giờ',
  month: 'tháng',
  year: 'năm',
  week: 'tuần',
  other: '',
};

// folded Vietnamese unit words, longest first so "ngay lam viec" wins over "ngay"
const wordUnits: [string, DeadlineUnit | 'week'][] = [
  ['ngay lam viec', 'working_day'],
  ['gio lam viec', 'hour'],
  ['ngay', 'day'],
  ['gio', 'hour'],
  ['tuan', 'week'],
  ['thang', 'month'],
  ['nam', 'year'],
];

const number = String.raw`(\d+(?:[.,]\d+)?)`;
/** "30 WORKING_DAY", "OTHER", "Theo mô tả OTHER": the portal's structured value, optionally after free text */
const codedPattern = new RegExp(
  String.raw`^(?:(.*?)\s+)??(?:${number}\s+)?(WORKING_DAY|DAY|HOUR|MONTH|YEAR|WEEK|OTHER)$`,
);
const unitAlternatives = wordUnits.map(([word]) => word.replace(/ /g, '\\s+')).join('|');
/**
 * A duration at the very start of a sentence, after the usual lead words ("Không quá 30 ngày làm việc...").
 * Only the start counts: later numbers are usually extra cases ("tăng thêm không quá 10 ngày") or dates.
 */
const leadingDurationPattern = new RegExp(
  String.raw`^(?:[-*+•]\s*)?(?:thoi (?:han|gian)(?: giai quyet| thuc hien)?\s*(?:la|:)?\s*)?` +
    String.raw`(?:(?:khong qua|trong thoi han(?: khong qua)?|trong vong|trong thoi gian|toi da|cham nhat(?: la)?|trong)\s+)?` +
    String.raw`${number}\s*(?:\([a-z ]+\)\s*)?(${unitAlternatives})(?![a-z])`,
);

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

function toDuration(value: number, unit: DeadlineUnit | 'week'): Duration {
  // the schema has no week unit: a week is seven calendar days
  return unit === 'week' ? { value: value * 7, unit: 'day' } : { value, unit };
}

function wordUnit(folded: string): DeadlineUnit | 'week' {
  const squeezed = folded.replace(/\s+/g, ' ');
  return wordUnits.find(([word]) => word === squeezed)?.[1] ?? 'other';
}

/** "không quá 15 ngày" anywhere in a sentence: a bound, not a date or a time of day ("sau 15 giờ") */
const boundedDurationPattern = new RegExp(
  String.raw`(?:khong qua|trong thoi han|trong vong|toi da)\s+${number}\s*(?:\([a-z ]+\)\s*)?(${unitAlternatives})(?![a-z])`,
  'g',
);
/** "a) ...", "Trường hợp ...", "Đối với ...": the text lists cases, and a lone bound belongs to one of them */
const listsCases = /(?:^|\s)\(?[a-z0-9]\)\s|truong hop|doi voi/;
/** "...; - 07 ngày làm việc": a later bullet with its own duration (a step or another case), unless "trong đó" (of which) */
const laterBulletDuration = /[.;:]\s*[-+*]\s[^;]*?\d+(?:[.,]\d+)?\s*(?:ngay|gio|thang|nam|tuan)(?![a-z])/;
/** "02 tháng và 15 ngày làm việc": a sum the schema cannot hold in one value */
const compoundTail = /^\s*(?:va|\+|cong)\s*\d/;

/**
 * The duration a free-text deadline gives: the one it starts with ("Không quá 30 ngày làm việc. Đối với
 * các xã miền núi ... tăng thêm 10 ngày"), else the only bound it names. Null when unclear.
 */
export function leadingDuration(text: string): Duration | null {
  const folded = foldVietnamese(text);
  const match = leadingDurationPattern.exec(folded);
  if (match?.[1] && match[2]) {
    const rest = folded.slice(match[0].length);
    if (compoundTail.test(rest)) return null;
    if (!folded.includes('trong do') && laterBulletDuration.test(rest)) return null;
    return toDuration(toNumber(match[1]), wordUnit(match[2]));
  }
  if (listsCases.test(folded)) return null;
  const bounds = new Map<string, Duration>();
  for (const bound of folded.matchAll(boundedDurationPattern)) {
    if (!bound[1] || !bound[2]) continue;
    const duration = toDuration(toNumber(bound[1]), wordUnit(bound[2]));
    bounds.set(`${duration.value} ${duration.unit}`, duration);
  }
  return bounds.size === 1 ? ([...bounds.values()][0] ?? null) : null;
}

const noDeadlineWords = /^(?:khong|khong quy dinh|khong co|khong co thong tin|-|\.)?\.?$/;

function fromFreeText(text: string, description: string): ParsedDeadline {
  const folded = foldVietnamese(text);
  const refersToDescription = /^(?:theo|xem)(?: phan)? mo ta/.test(folded);
  if (noDeadlineWords.test(folded) || refersToDescription) {
    const fromDescription = description ? leadingDuration(description) : null;
    if (fromDescription) return { ...fromDescription, text, problem: null };
    const kind = refersToDescription && description ? 'deadline_unparsed' : 'deadline_missing';
    return { value: null, unit: 'other', text, problem: { kind, detail: text || '(trống)' } };
  }
  const duration = leadingDuration(text);
  if (duration) return { ...duration, text, problem: null };
  return { value: null, unit: 'other', text, problem: { kind: 'deadline_unparsed', detail: text } };
}

/**
 * Parses one mode's deadline. `description` is the mode's "Mô tả" line: when the portal only says
 * "5 OTHER" and the description starts with "05 ngày làm việc", the description supplies the unit.
 */
export function parseDeadline(raw: string, description = ''): ParsedDeadline {
  const text = tidyText(raw);
  const desc = tidyText(description);
  const coded = codedPattern.exec(text);
  if (!coded) return fromFreeText(text, desc);
  const [, freeText = '', valueText, code = 'OTHER'] = coded;
  const unit = codeUnits[code] ?? 'other';
  if (valueText !== undefined && unit !== 'other') {
    // the portal's unit codes are English; the agent reads Vietnamese
    const spoken = [freeText, valueText, unitWords[unit]].filter((part) => part !== '').join(' ');
    return { ...toDuration(toNumber(valueText), unit), text: spoken, problem: null };
  }
  if (valueText !== undefined) {
    const value = toNumber(valueText);
    const described = desc ? leadingDuration(desc) : null;
    if (described && described.value === value) {
      return { ...described, text: `${valueText} ${unitWords[described.unit]}`, problem: null };
    }
    return {
      value,
      unit: 'other',
      text: `${valueText} (đơn vị khác)`,
      problem: { kind: 'deadline_unit_other', detail: text },
    };
  }
  // a bare "OTHER" says nothing the agent can read; the free text before it is the deadline
  return fromFreeText(freeText, desc);
}
