// Money and date display formats used on receipts and screens.
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateLong,
  formatDateTime,
  formatFee,
  formatVnd,
  toVietnamIsoDate,
  weekdayName,
} from '../../electron/common/format';

describe('formatVnd', () => {
  it('groups thousands with dots and appends the đồng sign', () => {
    expect(formatVnd(1_234_000)).toBe('1.234.000 ₫');
    expect(formatVnd(50_000)).toBe('50.000 ₫');
    expect(formatVnd(999)).toBe('999 ₫');
    expect(formatVnd(0)).toBe('0 ₫');
    expect(formatVnd(1_000_000_000)).toBe('1.000.000.000 ₫');
  });

  it('rounds to whole đồng and keeps the sign of refunds', () => {
    expect(formatVnd(12_499.6)).toBe('12.500 ₫');
    expect(formatVnd(-25_000)).toBe('-25.000 ₫');
  });

  it('shows "Miễn phí" for a zero fee, and does not call an unknown fee free', () => {
    expect(formatFee(0)).toBe('Miễn phí');
    expect(formatFee(null)).toBe('Chưa xác định');
    expect(formatFee(8_000)).toBe('8.000 ₫');
  });
});

describe('formatDate / formatDateTime (Asia/Ho_Chi_Minh)', () => {
  it('rewrites a plain date without shifting it', () => {
    expect(formatDate('2026-02-17')).toBe('17/02/2026');
    expect(formatDate('2025-12-31')).toBe('31/12/2025');
  });

  it('shows an instant in Vietnam time: 17:30 UTC on 31/12 is already 01/01 in Hà Nội', () => {
    const instant = Date.UTC(2025, 11, 31, 17, 30);
    expect(formatDate(instant)).toBe('01/01/2026');
    expect(formatDateTime(instant)).toBe('00:30 01/01/2026');
    expect(toVietnamIsoDate(instant)).toBe('2026-01-01');
  });

  it('pads hours and minutes', () => {
    expect(formatDateTime(Date.UTC(2026, 2, 5, 1, 7))).toBe('08:07 05/03/2026');
  });

  it('writes the long official form', () => {
    expect(formatDateLong('2026-03-05')).toBe('ngày 05 tháng 03 năm 2026');
  });

  it('names the weekday of a plain date', () => {
    expect(weekdayName('2026-02-25')).toBe('Thứ Tư');
    expect(weekdayName('2026-03-01')).toBe('Chủ nhật');
    expect(weekdayName('không rõ')).toBe('');
  });

  it('leaves values that are not dates visible as they are', () => {
    expect(formatDate('chưa rõ')).toBe('chưa rõ');
    expect(formatDateTime(Number.NaN)).toBe('NaN');
  });
});
