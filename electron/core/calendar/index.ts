// Public surface of the Vietnamese working-day calendar.
export { computeDueDate, type Deadline, type DeadlineUnit, type ReceivedAt } from './due-date';
export type { HolidayKind } from './holidays';
export { lunarToSolar, solarToLunar, type LunarDate } from './lunar';
export {
  createWorkingCalendar,
  holidaysOfYear,
  isHoliday,
  isWorkingDay,
  statutoryCalendar,
  type CalendarOverrides,
  type Holiday,
  type WorkingCalendar,
} from './working-calendar';
