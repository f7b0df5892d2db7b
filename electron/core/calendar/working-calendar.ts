// The working-day calendar: statutory holidays and nghỉ bù, plus optional decreed changes, behind a small API.
import { epochDayToIso, fromEpochDay, isWeekendEpochDay, isoToEpochDay } from './civil-date';
import { computeDueDateWith, type Deadline, type ReceivedAt } from './due-date-rules';
import { statutoryHolidays, withCompensatoryDays, type DayOff, type HolidayKind } from './holidays';

export type Holiday = { date: string; name: string; kind: HolidayKind };

/**
 * Changes the Prime Minister decrees for a given year (moved Tết days, a Saturday worked in exchange for a bridge
 * day). They come from settings, entered by an administrator; nothing here guesses them.
 */
export type CalendarOverrides = {
  /** Extra days off ('yyyy-MM-dd') with the name to show. */
  daysOff?: { date: string; name: string }[];
  /** Days that are working days even though they fall on a weekend or a holiday (làm bù). */
  workingDays?: string[];
};

export type WorkingCalendar = {
  /** True for a statutory holiday, a compensatory day off or a decreed day off (whatever the weekday). */
  isHoliday(date: string): boolean;
  /** Days off of a solar year, sorted, with Vietnamese names. */
  holidaysOfYear(year: number): Holiday[];
  /** Monday to Friday and not a day off, or a decreed working day. */
  isWorkingDay(date: string): boolean;
  computeDueDate(receivedAt: ReceivedAt, deadline: Deadline): string | null;
};

export function createWorkingCalendar(overrides: CalendarOverrides = {}): WorkingCalendar {
  const decreedWorking = new Set((overrides.workingDays ?? []).map((d) => isoToEpochDay(d, 'workingDays')));
  const decreedOff: DayOff[] = (overrides.daysOff ?? []).map((d) => ({
    epochDay: isoToEpochDay(d.date, 'daysOff'),
    name: d.name,
    kind: 'decreed',
  }));
  const byYear = new Map<number, Map<number, DayOff>>();

  function daysOffOfYear(year: number): Map<number, DayOff> {
    let days = byYear.get(year);
    if (!days) {
      days = new Map();
      for (const day of withCompensatoryDays(statutoryHolidays(year))) days.set(day.epochDay, day);
      for (const day of decreedOff) {
        if (fromEpochDay(day.epochDay).year === year && !days.has(day.epochDay)) days.set(day.epochDay, day);
      }
      byYear.set(year, days);
    }
    return days;
  }

  const isDayOff = (epochDay: number) => daysOffOfYear(fromEpochDay(epochDay).year).has(epochDay);
  const isWorking = (epochDay: number) =>
    decreedWorking.has(epochDay) || (!isWeekendEpochDay(epochDay) && !isDayOff(epochDay));

  return {
    isHoliday: (date) => isDayOff(isoToEpochDay(date)),
    isWorkingDay: (date) => isWorking(isoToEpochDay(date)),
    holidaysOfYear: (year) =>
      [...daysOffOfYear(year).values()]
        .filter((day) => !decreedWorking.has(day.epochDay))
        .sort((a, b) => a.epochDay - b.epochDay)
        .map((day) => ({ date: epochDayToIso(day.epochDay), name: day.name, kind: day.kind })),
    computeDueDate: (receivedAt, deadline) => computeDueDateWith(isWorking, receivedAt, deadline),
  };
}

/** The calendar of the Labour Code alone, with no decreed changes. */
export const statutoryCalendar = createWorkingCalendar();

/** True for a statutory holiday or compensatory day off ('yyyy-MM-dd'), with no decreed changes. */
export function isHoliday(date: string): boolean {
  return statutoryCalendar.isHoliday(date);
}

export function holidaysOfYear(year: number): Holiday[] {
  return statutoryCalendar.holidaysOfYear(year);
}

export function isWorkingDay(date: string): boolean {
  return statutoryCalendar.isWorkingDay(date);
}
