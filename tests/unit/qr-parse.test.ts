// CCCD QR text: the known layouts are read exactly (NFC), anything else is rejected with a reason.
import { describe, expect, it } from 'vitest';
import { parseCccdQr } from '../../electron/core/idcard/qr-parse';

const seven =
  '001185012345|123456789|Nguyễn Thị Hồng|28021985|Nữ|Số 12 ngõ 34 Hàng Bông, Hàng Gai, Hoàn Kiếm, Hà Nội|10052021';

describe('parseCccdQr', () => {
  it('reads the 7-field layout of the chip CCCD', () => {
    expect(parseCccdQr(seven)).toEqual({
      ok: true,
      version: 'cccd-2021-7',
      fields: {
        idNumber: '001185012345',
        oldIdNumber: '123456789',
        fullName: 'Nguyễn Thị Hồng',
        dateOfBirth: '1985-02-28',
        sex: 'female',
        address: 'Số 12 ngõ 34 Hàng Bông, Hàng Gai, Hoàn Kiếm, Hà Nội',
        issueDate: '2021-05-10',
      },
      warnings: [],
    });
  });

  it('returns NFC text even when the QR carries decomposed (NFD) Vietnamese', () => {
    const result = parseCccdQr(seven.normalize('NFD'));
    expect(result.ok && result.fields.fullName).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
    expect(result.ok && result.fields.address === result.fields.address.normalize('NFC')).toBe(true);
  });

  it('reads an empty old-ID field as null', () => {
    const result = parseCccdQr(
      '079203001234||Lê Minh Khôi|05092003|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|01072022',
    );
    expect(result).toMatchObject({
      ok: true,
      version: 'cccd-2021-7',
      fields: { oldIdNumber: null, sex: 'male' },
    });
  });

  it('reads both 6-field variants', () => {
    expect(
      parseCccdQr('079203001234|Lê Minh Khôi|05092003|Nam|Quận 1, TP. Hồ Chí Minh|01072022'),
    ).toMatchObject({
      ok: true,
      version: 'cccd-2021-6-no-old-id',
      fields: { fullName: 'Lê Minh Khôi', oldIdNumber: null, issueDate: '2022-07-01' },
    });
    expect(
      parseCccdQr('001185012345|123456789|Nguyễn Thị Hồng|28021985|Nữ|Hàng Gai, Hoàn Kiếm, Hà Nội'),
    ).toMatchObject({
      ok: true,
      version: 'cccd-2021-6-no-issue-date',
      fields: { oldIdNumber: '123456789', issueDate: null, address: 'Hàng Gai, Hoàn Kiếm, Hà Nội' },
    });
  });

  it('tolerates a BOM, a trailing newline and a trailing "|"', () => {
    expect(parseCccdQr(`\uFEFF${seven}|\r\n`)).toMatchObject({ ok: true, version: 'cccd-2021-7' });
  });

  it('warns, without rejecting, when the ID does not fit the date of birth on the card', () => {
    const result = parseCccdQr(seven.replace('28021985', '28021986'));
    expect(result.ok && result.warnings.join(' ')).toContain('(85)');
  });

  it('rejects other QR codes and broken fields with a reason', () => {
    const reasonOf = (text: string) => {
      const result = parseCccdQr(text);
      return result.ok ? '' : result.reason;
    };
    expect(reasonOf('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html')).toContain(
      'không phải mã QR của thẻ căn cước',
    );
    expect(reasonOf('')).toContain('không có nội dung');
    expect(reasonOf('a|b|c|d|e')).toContain('5 trường');
    expect(reasonOf(`${seven}|x|y`)).toContain('9 trường');
    expect(reasonOf(seven.replace('001185012345', '00118501234'))).toContain('12 chữ số');
    expect(reasonOf(seven.replace('28021985', '30021985'))).toContain('Ngày sinh');
    expect(reasonOf(seven.replace('|Nữ|', '|X|'))).toContain('Giới tính');
    expect(reasonOf(seven.replace('10052021', '2021-05-10'))).toContain('Ngày cấp');
    expect(reasonOf(seven.replace('123456789', '12345'))).toContain('CMND cũ');
    expect(reasonOf(seven.replace('Nguyễn Thị Hồng', '12345'))).toContain('họ tên');
  });
});
