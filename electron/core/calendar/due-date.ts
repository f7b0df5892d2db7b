// Appointment date (ngày hẹn trả kết quả) of a dossier on the statutory working-day calendar.
import type { Deadline, ReceivedAt } from './due-date-rules';
import { statutoryCalendar } from './working-calendar';

export type { Deadline, DeadlineUnit, ReceivedAt } from './due-date-rules';

/**
 * 'yyyy-MM-dd' or null (unit 'other' or no value). Working days and hours count from the next working day after
 * receipt, skipping weekends, holidays and nghỉ bù; days, months and years are calendar periods that end on the next
 * working day when they fall on a day off. See computeDueDateWith in due-date-rules.ts for details.
 */
export function computeDueDate(receivedAt: ReceivedAt, deadline: Deadline): string | null {
  return statutoryCalendar.computeDueDate(receivedAt, deadline);
}
