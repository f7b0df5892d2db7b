// When the next automatic backup is due, and what the supervisor is warned about (pure functions of the clock).
import { formatDateTime } from '../../common/format';
import type { BackupState, StoredBackupConfig } from './backup-store';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Vietnam has no daylight saving: local time is UTC+7 all year */
const VN_OFFSET = 7 * HOUR;
/** a failed automatic backup is tried again after this long (the USB drive may be plugged back in by then) */
export const RETRY_AFTER_MS = HOUR;
/** with daily backups on, a last success older than this is a warning even without a failure (the PC was off, ...) */
export const OVERDUE_AFTER_MS = 2 * DAY;

/** The latest daily slot at or before `now` (epoch ms). */
export function lastSlot(now: number, dailyAt: string): number {
  const [h, m] = dailyAt.split(':').map(Number);
  const dayStart = Math.floor((now + VN_OFFSET) / DAY) * DAY - VN_OFFSET;
  const today = dayStart + (h ?? 0) * HOUR + (m ?? 0) * 60_000;
  return today <= now ? today : today - DAY;
}

export function isConfigured(config: StoredBackupConfig): boolean {
  return config.folder !== '' && config.recipient !== null;
}

/** epoch ms when the schedule wants the next backup (<= now: due now), or null when nothing is scheduled. */
export function nextDueAt(config: StoredBackupConfig, state: BackupState, now: number): number | null {
  if (!isConfigured(config) || !config.daily) return null;
  const slot = lastSlot(now, config.dailyAt);
  const lastOk = state.lastSuccess?.at ?? 0;
  if (lastOk >= slot) return slot + DAY;
  const failed = state.lastFailure && state.lastFailure.at > lastOk && state.lastFailure.at >= slot ? state.lastFailure.at : null;
  return failed === null ? slot : failed + RETRY_AFTER_MS;
}

/** The warning for supervisors and the admin, in Vietnamese, or null. */
export function backupWarning(config: StoredBackupConfig, state: BackupState, now: number): string | null {
  if (!isConfigured(config)) {
    return config.folder === ''
      ? 'Chưa cài đặt sao lưu dữ liệu: nếu máy hỏng hoặc mất, toàn bộ hồ sơ sẽ mất. Quản trị viên hãy vào Cài đặt > Sao lưu dữ liệu.'
      : 'Chưa đặt cụm mật khẩu khôi phục nên chưa sao lưu được. Quản trị viên hãy vào Cài đặt > Sao lưu dữ liệu.';
  }
  const lastOk = state.lastSuccess?.at ?? null;
  if (state.lastFailure && (lastOk === null || state.lastFailure.at > lastOk)) {
    return `Sao lưu lúc ${formatDateTime(state.lastFailure.at)} không thành công: ${state.lastFailure.message}`;
  }
  if (config.daily && lastOk !== null && now - lastOk > OVERDUE_AFTER_MS) {
    return `Đã hơn ${String(Math.floor((now - lastOk) / DAY))} ngày chưa sao lưu được (lần gần nhất ${formatDateTime(lastOk)}). Hãy cắm ổ sao lưu và bấm "Sao lưu ngay".`;
  }
  return null;
}
