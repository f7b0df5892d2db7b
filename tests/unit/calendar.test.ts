// Vietnamese working-day calendar: lunar dates, holidays with nghỉ bù, and appointment dates across Tết.
import { describe, expect, it } from 'vitest';
import {
  computeDueDate,
  createWorkingCalendar,
  holidaysOfYear,
  isHoliday,
  isWorkingDay,
  lunarToSolar,
  solarToLunar,
} from '../../electron/core/calendar';

const lunarNewYear = (year: number) => lunarToSolar({ day: 1, month: 1, year, leap: false });

describe('lunar calendar (UTC+7)', () => {
  it.each([
    [2020, { day: 25, month: 1, year: 2020 }],
    [2024, { day: 10, month: 2, year: 2024 }],
    [2025, { day: 29, month: 1, year: 2025 }],
    [2026, { day: 17, month: 2, year: 2026 }],
    [2027, { day: 6, month: 2, year: 2027 }],
  ])('Tết %i falls on the known date', (year, expected) => {
    expect(lunarNewYear(year)).toEqual(expected);
  });

  it('uses Vietnam time, not China: Tết 1985 was 21/01 in Vietnam (20/02 in China)', () => {
    expect(lunarNewYear(1985)).toEqual({ day: 21, month: 1, year: 1985 });
  });

  it('finds leap months: 2023 repeats month 2, 2025 repeats month 6', () => {
    expect(solarToLunar(22, 3, 2023)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(25, 7, 2025)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toEqual({
      day: 25,
      month: 7,
      year: 2025,
    });
    expect(lunarToSolar({ day: 1, month: 5, year: 2025, leap: true })).toBeNull();
  });

  it('round-trips every day of 2024-2027 solar -> lunar -> solar', () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const solar = { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() };
      expect(lunarToSolar(solarToLunar(solar.day, solar.month, solar.year))).toEqual(solar);
    }
  });

  it('places the Mid-Autumn festival (15/8 lunar) of 2025 on 06/10/2025', () => {
    expect(solarToLunar(6, 10, 2025)).toEqual({ day: 15, month: 8, year: 2025, leap: false });
  });
});

describe('public holidays', () => {
  it('puts Hùng Kings day (10/3 lunar) on 07/04/2025 and 26/04/2026', () => {
    expect(holidaysOfYear(2025)).toContainEqual({
      date: '2025-04-07',
      name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      kind: 'holiday',
    });
    expect(isHoliday('2026-04-26')).toBe(true);
  });

  it('gives a compensatory Monday when Hùng Kings day 2026 falls on a Sunday', () => {
    expect(holidaysOfYear(2026).find((h) => h.date === '2026-04-27')).toEqual({
      date: '2026-04-27',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      kind: 'compensatory',
    });
    expect(isWorkingDay('2026-04-27')).toBe(false);
    expect(isWorkingDay('2026-04-28')).toBe(true);
  });

  it('gives two compensatory days when 30/4 and 1/5 fall on a weekend (2022: off until 03/05)', () => {
    const offDays = holidaysOfYear(2022)
      .filter((h) => h.date >= '2022-04-30' && h.date <= '2022-05-31')
      .map((h) => h.date);
    expect(offDays).toEqual(['2022-04-30', '2022-05-01', '2022-05-02', '2022-05-03']);
    expect(isWorkingDay('2022-05-04')).toBe(true);
  });

  it('chains nghỉ bù past other holidays (2023: Hùng Kings Sat, 30/4 Sun, 1/5 Mon -> off until 03/05)', () => {
    const compensatory = holidaysOfYear(2023).filter(
      (h) => h.kind === 'compensatory' && h.date.startsWith('2023-05'),
    );
    expect(compensatory.map((h) => h.date)).toEqual(['2023-05-02', '2023-05-03']);
  });

  it('takes Tết as the last day of the lunar year plus mùng 1-4 (2026: 16/02 to 20/02)', () => {
    const tet = holidaysOfYear(2026).filter((h) => h.name.startsWith('Tết Nguyên đán'));
    expect(tet.map((h) => h.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(tet[0]?.name).toBe('Tết Nguyên đán (29 tháng Chạp)');
  });

  it('compensates Tết days that fall on a weekend (2025: mùng 4 is Saturday 01/02 -> Monday 03/02 off)', () => {
    expect(isHoliday('2025-02-01')).toBe(true);
    expect(isWorkingDay('2025-02-03')).toBe(false);
    expect(isWorkingDay('2025-02-04')).toBe(true);
  });

  it.each([
    [2021, '2021-09-03'],
    [2022, '2022-09-01'],
    [2023, '2023-09-01'],
    [2024, '2024-09-03'],
    [2025, '2025-09-01'],
  ])('picks the same day next to Quốc khánh as the %i decision', (year, adjacent) => {
    const national = holidaysOfYear(year).filter((h) => h.name.startsWith('Quốc khánh'));
    expect(national.map((h) => h.date).sort()).toEqual([adjacent, `${year}-09-02`].sort());
  });

  it('lists 11 statutory days a year, sorted, each with a Vietnamese name', () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      const list = holidaysOfYear(year);
      expect(list.filter((h) => h.kind === 'holiday')).toHaveLength(11);
      expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    }
  });

  it('treats ordinary weekdays as working days and weekends as not', () => {
    expect(isWorkingDay('2026-03-10')).toBe(true);
    expect(isWorkingDay('2026-03-14')).toBe(false);
    expect(isHoliday('2026-03-14')).toBe(false);
  });

  it('honours decreed changes: an extra day off and a Saturday worked in exchange', () => {
    const calendar = createWorkingCalendar({
      daysOff: [{ date: '2026-02-13', name: 'Nghỉ Tết theo quyết định của Thủ tướng' }],
      workingDays: ['2026-02-28'],
    });
    expect(calendar.isWorkingDay('2026-02-13')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.holidaysOfYear(2026)).toContainEqual({
      date: '2026-02-13',
      name: 'Nghỉ Tết theo quyết định của Thủ tướng',
      kind: 'decreed',
    });
    expect(isWorkingDay('2026-02-13')).toBe(true);
  });

  it('rejects malformed dates with a validation error', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(/không đúng dạng|chưa hợp lệ/);
    expect(() => isWorkingDay('13/02/2026')).toThrow();
  });
});

describe('computeDueDate', () => {
  const due = (date: string, value: number | null, unit: Parameters<typeof computeDueDate>[1]['unit']) =>
    computeDueDate({ date }, { value, unit });

  it('counts working days from the next working day, skipping the weekend', () => {
    expect(due('2026-03-09', 1, 'working_day')).toBe('2026-03-10'); // Mon -> Tue
    expect(due('2026-03-13', 1, 'working_day')).toBe('2026-03-16'); // Fri -> Mon
    expect(due('2026-03-14', 1, 'working_day')).toBe('2026-03-16'); // received Sat -> Mon
    expect(due('2026-03-09', 10, 'working_day')).toBe('2026-03-23');
  });

  it('skips the whole of Tết 2026: received Friday 13/02, 3 working days -> Wednesday 25/02', () => {
    expect(due('2026-02-13', 3, 'working_day')).toBe('2026-02-25');
  });

  it('skips Tết 2025 and its nghỉ bù: received 24/01/2025, 5 working days -> 07/02/2025', () => {
    // 27/01 Mon (1); 28/01-01/02 Tết; 03/02 nghỉ bù; 04, 05, 06, 07/02 (2-5).
    expect(due('2025-01-24', 5, 'working_day')).toBe('2025-02-07');
  });

  it('skips Hùng Kings day and its nghỉ bù, 30/4 and 1/5 of 2026', () => {
    // 24/04 Fri; 26/04 Sun holiday, 27/04 nghỉ bù; 28, 29 working; 30/04, 01/05 holidays; 04/05 Mon.
    expect(due('2026-04-24', 3, 'working_day')).toBe('2026-05-04');
  });

  it('gives the same day for 0 working days, or the next working day when received on a day off', () => {
    expect(due('2026-03-10', 0, 'working_day')).toBe('2026-03-10');
    expect(due('2026-03-14', 0, 'working_day')).toBe('2026-03-16');
  });

  it('turns hours into 8-hour working days, rounded up', () => {
    expect(due('2026-03-09', 8, 'hour')).toBe('2026-03-10');
    expect(due('2026-03-09', 12, 'hour')).toBe('2026-03-11');
    expect(due('2026-03-09', 4, 'hour')).toBe('2026-03-10');
  });

  it('counts calendar days, moving a deadline that ends on a day off to the next working day', () => {
    expect(due('2026-03-09', 10, 'day')).toBe('2026-03-19');
    expect(due('2026-03-09', 5, 'day')).toBe('2026-03-16'); // Saturday 14/03 -> Monday 16/03
    expect(due('2026-02-10', 7, 'day')).toBe('2026-02-23'); // 17/02 is mùng 1 Tết -> Monday 23/02
  });

  it('adds calendar months and years, clamping to the end of a shorter month', () => {
    expect(due('2026-03-10', 1, 'month')).toBe('2026-04-10');
    expect(due('2027-01-29', 1, 'month')).toBe('2027-03-01'); // 28/02/2027 is a Sunday
    expect(due('2026-06-30', 1, 'year')).toBe('2027-06-30');
  });

  it('returns null when the deadline is not a number of days ("other" or missing)', () => {
    expect(due('2026-03-10', null, 'working_day')).toBeNull();
    expect(due('2026-03-10', 15, 'other')).toBeNull();
  });

  it('rejects a negative deadline', () => {
    expect(() => due('2026-03-10', -1, 'working_day')).toThrow();
  });
});
