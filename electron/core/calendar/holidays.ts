// Vietnam's statutory public holidays (Labour Code 2019, art. 112) for a solar year, computed from rules, with
// compensatory days off (nghỉ bù) for holidays that fall on a Saturday or Sunday.
//
// Rules used (art. 112(1)): Tết Dương lịch 1/1; Tết Âm lịch 5 days; Chiến thắng 30/4; Quốc tế Lao động 1/5;
// Quốc khánh 2/9 plus one adjacent day; Giỗ Tổ Hùng Vương 10/3 lunar.
// - Tết: the last day of the lunar year (29 or 30 tháng Chạp) and lunar 1/1 to 1/4. Art. 112(4) leaves the exact five
//   days to the Prime Minister each year; "one day before, four after" is the split that keeps the eve (giao thừa)
//   and the first days of the year off, and is the baseline yearly decisions start from. Decisions that move days or
//   swap a Saturday are entered as overrides (see working-calendar.ts), not guessed here.
// - Quốc khánh's adjacent day: of 1/9 and 3/9, take the one that is a weekday; if both are, take the one that joins the
//   break to a weekend (1/9 on a Monday, 3/9 on a Friday); otherwise 1/9. This reproduces the decisions for 2021
//   (3/9), 2022 (1/9), 2023 (1/9), 2024 (3/9) and 2025 (1/9).
// - Nghỉ bù (art. 112(3)): a holiday on Saturday or Sunday (the weekly rest days of state offices) gives a day off on the
//   next working day that is not itself a holiday or an earlier compensatory day.
import { fromEpochDay, isWeekendEpochDay, toEpochDay, weekdayOfEpochDay } from './civil-date';
import { lunarNewYear, lunarToSolar, solarToLunar } from './lunar';

export type HolidayKind = 'holiday' | 'compensatory' | 'decreed';

export type DayOff = { epochDay: number; name: string; kind: HolidayKind };

const MONDAY = 1;
const FRIDAY = 5;

const epochDayOf = (year: number, month: number, day: number) => toEpochDay({ year, month, day });

function tetDays(year: number): DayOff[] {
  const newYear = lunarNewYear(year);
  const firstDay = epochDayOf(newYear.year, newYear.month, newYear.day);
  const eve = fromEpochDay(firstDay - 1);
  // 29 or 30: tháng Chạp is a short or a long month depending on the year.
  const eveLunarDay = solarToLunar(eve.day, eve.month, eve.year).day;
  const days: DayOff[] = [
    { epochDay: firstDay - 1, name: `Tết Nguyên đán (${eveLunarDay} tháng Chạp)`, kind: 'holiday' },
  ];
  for (let i = 0; i < 4; i += 1) {
    days.push({ epochDay: firstDay + i, name: `Tết Nguyên đán (mùng ${i + 1} Tết)`, kind: 'holiday' });
  }
  return days;
}

function hungKingsDay(year: number): DayOff | null {
  const date = lunarToSolar({ day: 10, month: 3, year, leap: false });
  if (!date) return null;
  return {
    epochDay: epochDayOf(date.year, date.month, date.day),
    name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    kind: 'holiday',
  };
}

function nationalDays(year: number): DayOff[] {
  const main = epochDayOf(year, 9, 2);
  const before = main - 1;
  const after = main + 1;
  let adjacent: number;
  if (isWeekendEpochDay(before)) adjacent = after;
  else if (isWeekendEpochDay(after)) adjacent = before;
  else if (weekdayOfEpochDay(after) === FRIDAY && weekdayOfEpochDay(before) !== MONDAY) adjacent = after;
  else adjacent = before;
  return [
    { epochDay: main, name: 'Quốc khánh (2/9)', kind: 'holiday' },
    {
      epochDay: adjacent,
      name: `Quốc khánh (ngày liền kề ${adjacent === before ? '1/9' : '3/9'})`,
      kind: 'holiday',
    },
  ];
}

/** The statutory holidays of a solar year, before compensation, sorted by date. */
export function statutoryHolidays(year: number): DayOff[] {
  const days: DayOff[] = [
    { epochDay: epochDayOf(year, 1, 1), name: 'Tết Dương lịch (1/1)', kind: 'holiday' },
    ...tetDays(year),
    { epochDay: epochDayOf(year, 4, 30), name: 'Ngày Chiến thắng (30/4)', kind: 'holiday' },
    { epochDay: epochDayOf(year, 5, 1), name: 'Ngày Quốc tế Lao động (1/5)', kind: 'holiday' },
    ...nationalDays(year),
  ];
  const hung = hungKingsDay(year);
  if (hung) days.push(hung);
  return days.sort((a, b) => a.epochDay - b.epochDay);
}

/** Adds a compensatory day (nghỉ bù) after each holiday that falls on a weekend. */
export function withCompensatoryDays(holidays: DayOff[]): DayOff[] {
  const taken = new Set(holidays.map((h) => h.epochDay));
  const result = [...holidays];
  for (const holiday of [...holidays].sort((a, b) => a.epochDay - b.epochDay)) {
    if (!isWeekendEpochDay(holiday.epochDay)) continue;
    let day = holiday.epochDay + 1;
    while (isWeekendEpochDay(day) || taken.has(day)) day += 1;
    taken.add(day);
    result.push({ epochDay: day, name: `Nghỉ bù ${holiday.name}`, kind: 'compensatory' });
  }
  return result.sort((a, b) => a.epochDay - b.epochDay);
}
