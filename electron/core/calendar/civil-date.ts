// Plain calendar dates ('yyyy-MM-dd') as day numbers: parsing, formatting and arithmetic on UTC, never local time.
import { AppError } from '../../common/errors';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date with no time and no time zone. Month is 1-12. */
export type CivilDate = { year: number; month: number; day: number };

/** Parses 'yyyy-MM-dd', rejecting impossible dates such as 2025-02-30. */
export function parseIsoDate(value: string, field = 'date'): CivilDate {
  const match = ISO_DATE.exec(value);
  if (match) {
    const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    if (
      date.year >= 1000 &&
      date.month >= 1 &&
      date.month <= 12 &&
      date.day >= 1 &&
      date.day <= daysInMonth(date.year, date.month)
    ) {
      return date;
    }
  }
  throw new AppError('VALIDATION', { field, value, expected: 'yyyy-MM-dd' });
}

export function formatIsoDate(date: CivilDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Days since 1970-01-01 (the proleptic Gregorian calendar, as Date.UTC computes it). */
export function toEpochDay(date: CivilDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): CivilDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoToEpochDay(value: string, field?: string): number {
  return toEpochDay(parseIsoDate(value, field));
}

export function epochDayToIso(epochDay: number): string {
  return formatIsoDate(fromEpochDay(epochDay));
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

export function isWeekendEpochDay(epochDay: number): boolean {
  const weekday = weekdayOfEpochDay(epochDay);
  return weekday === 0 || weekday === 6;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (31/01 + 1 month = 28/02 or 29/02). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}
