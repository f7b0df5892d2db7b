// Vietnamese lunar calendar (âm lịch): solar <-> lunar conversion by Hồ Ngọc Đức's algorithm, in UTC+7.
//
// The algorithm (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html) computes new moons and the sun's
// longitude from Jean Meeus' "Astronomical Algorithms" approximations, then applies the Vietnamese rules: a month
// starts on the local day of the new moon; month 11 contains the winter solstice; in a year with 13 months the leap
// month is the first one that contains no major solar term (trung khí). Vietnam uses UTC+7 since 1975 (China's
// UTC+8 is why Tết sometimes differs, e.g. 1985), and the approximations are good for roughly 1800-2199.

import { AppError } from '../../common/errors';

/** 7: Vietnam's time zone, UTC+07:00, which decides on which local day a new moon falls. */
const VIETNAM_TIME_ZONE = 7;
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH_JD = 2415021.076998695; // the new moon of 1900-01-01, as a Julian day
const DEG = Math.PI / 180;

export type LunarDate = {
  day: number;
  month: number;
  year: number;
  /** True for the repeated (nhuận) month of a 13-month year. */
  leap: boolean;
};

/** Julian day number (noon-based, integer) of a Gregorian date. */
export function julianDayFromDate(day: number, month: number, year: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

export function dateFromJulianDay(jd: number): { day: number; month: number; year: number } {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const latitudeArg = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  const s = (deg: number) => Math.sin(deg * DEG);
  let c1 = (0.1734 - 0.000393 * t) * s(sunAnomaly) + 0.0021 * s(2 * sunAnomaly);
  c1 = c1 - 0.4068 * s(moonAnomaly) + 0.0161 * s(2 * moonAnomaly);
  c1 = c1 - 0.0004 * s(3 * moonAnomaly);
  c1 = c1 + 0.0104 * s(2 * latitudeArg) - 0.0051 * s(sunAnomaly + moonAnomaly);
  c1 = c1 - 0.0074 * s(sunAnomaly - moonAnomaly) + 0.0004 * s(2 * latitudeArg + sunAnomaly);
  c1 = c1 - 0.0004 * s(2 * latitudeArg - sunAnomaly) - 0.0006 * s(2 * latitudeArg + moonAnomaly);
  c1 = c1 + 0.001 * s(2 * latitudeArg - moonAnomaly) + 0.0005 * s(2 * moonAnomaly + sunAnomaly);
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude in radians, in [0, 2π), at Julian day jdn (UT). */
function sunLongitude(jdn: number): number {
  const t = (jdn - 2451545.0) / 36525;
  const t2 = t * t;
  const meanAnomaly = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(DEG * meanAnomaly);
  dl +=
    (0.019993 - 0.000101 * t) * Math.sin(DEG * 2 * meanAnomaly) + 0.00029 * Math.sin(DEG * 3 * meanAnomaly);
  const longitude = (meanLongitude + dl) * DEG;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** Which of the 12 major solar terms (0..11, 30° each) the sun is in at local midnight starting day `dayNumber`. */
function solarTermAt(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - VIETNAM_TIME_ZONE / 24) / Math.PI) * 6);
}

/** Local day (Julian day number) on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + VIETNAM_TIME_ZONE / 24);
}

/** First day of the lunar month that contains the winter solstice of solar year `year` (month 11). */
function lunarMonth11(year: number): number {
  const off = julianDayFromDate(31, 12, year) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const start = newMoonDay(k);
  // 9: solar term index 9 starts at 270°, the winter solstice; if the month starts after it, take the previous one.
  return solarTermAt(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** In a 13-month lunar year starting at month 11 `a11`, the offset (from a11) of the leap month. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = solarTermAt(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = solarTermAt(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

export function solarToLunar(day: number, month: number, year: number): LunarDate {
  const dayNumber = julianDayFromDate(day, month, year);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let lunarMonth = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: dayNumber - monthStart + 1, month: lunarMonth, year: lunarYear, leap };
}

/**
 * The solar date of a lunar date, or null when it does not exist (a leap month the year does not have).
 * Day 30 of a 29-day month gives the first day of the next month, as the original algorithm does; callers that
 * need "the last day of the month" should step back from day 1 of the next month instead.
 */
export function lunarToSolar(lunar: LunarDate): { day: number; month: number; year: number } | null {
  const { day, month, year, leap } = lunar;
  const a11 = month < 11 ? lunarMonth11(year - 1) : lunarMonth11(year);
  const b11 = month < 11 ? lunarMonth11(year) : lunarMonth11(year + 1);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return dateFromJulianDay(newMoonDay(k + off) + day - 1);
}

/** Solar date of lunar new year's day (mùng 1 Tết) of lunar year `year`, which always falls in solar year `year`. */
export function lunarNewYear(year: number): { day: number; month: number; year: number } {
  const date = lunarToSolar({ day: 1, month: 1, year, leap: false });
  if (!date) throw new AppError('INTERNAL', { reason: 'lunar month 1 not found', year });
  return date;
}
