// Appointment-date arithmetic (ngày hẹn trả kết quả): a deadline counted from the receipt day, given a working-day test.
import { AppError } from '../../common/errors';
import { addMonths, epochDayToIso, fromEpochDay, isoToEpochDay, toEpochDay } from './civil-date';

import type { DeadlineUnit } from '../../common/catalog';

export type { DeadlineUnit };
export type Deadline = { value: number | null; unit: DeadlineUnit };
export type ReceivedAt = { date: string };

/** 8: state offices work 8 hours a day (Labour Code 2019 art. 105), so "12 giờ làm việc" is 2 working days. */
const HOURS_PER_WORKING_DAY = 8;
/** 30: a fraction of a month ("1,5 tháng") is counted as that fraction of a 30-day month (Civil Code 2015 art. 145). */
const DAYS_PER_MONTH = 30;
/** No procedure in the national catalog runs past a few years; a bigger number is a data error, not a deadline. */
const MAX_DAYS = 20_000;

export type IsWorkingEpochDay = (epochDay: number) => boolean;

/**
 * The due date as 'yyyy-MM-dd', or null when the deadline is not a number of some unit (unit 'other', value null).
 * - working_day / hour: counted in working days from the next working day after receipt (received on Monday with
 *   1 working day: due Tuesday; received on Saturday: due Monday). Hours become working days of 8 hours, rounded up.
 * - day / month / year: calendar arithmetic from the receipt date; when the last day is not a working day the
 *   deadline ends on the next working day (Civil Code 2015 art. 148(5)), since the office is closed that day.
 */
export function computeDueDateWith(
  isWorking: IsWorkingEpochDay,
  receivedAt: ReceivedAt,
  deadline: Deadline,
): string | null {
  const { value, unit } = deadline;
  if (value === null || unit === 'other') return null;
  if (!Number.isFinite(value) || value < 0 || value > MAX_DAYS) {
    throw new AppError('VALIDATION', { field: 'deadline.value', value: String(value) });
  }
  const received = isoToEpochDay(receivedAt.date, 'receivedAt.date');
  switch (unit) {
    case 'working_day':
      return epochDayToIso(addWorkingDays(isWorking, received, Math.ceil(value)));
    case 'hour':
      return epochDayToIso(addWorkingDays(isWorking, received, Math.ceil(value / HOURS_PER_WORKING_DAY)));
    case 'day':
      return epochDayToIso(firstWorkingDayFrom(isWorking, received + Math.ceil(value)));
    case 'month':
      return epochDayToIso(firstWorkingDayFrom(isWorking, addFractionalMonths(received, value)));
    case 'year':
      return epochDayToIso(firstWorkingDayFrom(isWorking, addFractionalMonths(received, value * 12)));
  }
}

/** The n-th working day after `start`; for n = 0, `start` itself when it is a working day (results "trong ngày"). */
export function addWorkingDays(isWorking: IsWorkingEpochDay, start: number, n: number): number {
  if (n <= 0) return firstWorkingDayFrom(isWorking, start);
  let day = start;
  let counted = 0;
  while (counted < n) {
    day += 1;
    if (isWorking(day)) counted += 1;
  }
  return day;
}

function firstWorkingDayFrom(isWorking: IsWorkingEpochDay, start: number): number {
  let day = start;
  while (!isWorking(day)) day += 1;
  return day;
}

function addFractionalMonths(start: number, months: number): number {
  const whole = Math.floor(months);
  const extraDays = Math.ceil((months - whole) * DAYS_PER_MONTH);
  return toEpochDay(addMonths(fromEpochDay(start), whole)) + extraDays;
}
