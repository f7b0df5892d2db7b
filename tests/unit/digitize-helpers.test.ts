// Small rules of digitizing at the counter: scanner file names and order, "completely written", the ID-card slot,
// OCR slips in the MRZ's first letter, and the applicant's pre-fill / confirm / retype cycle.
import { describe, expect, it } from 'vitest';
import { unconfirmedFields } from '../../electron/common/applicant';
import { namesIdCardDocument } from '../../electron/core/idcard/id-card-component';
import { findTd1Lines } from '../../electron/core/idcard/mrz';
import { isPageFileName, isTemporaryName, scanOrder } from '../../electron/core/scanner/scan-folder';
import { createStabilityTracker } from '../../electron/core/scanner/stability';
import { applyReading, confirmFields, forgetSource, type IdCardReading } from '../../renderer/features/intake/id-card-fill';
import { fakeCitizen, makeRng, makeTd1Lines } from '../support/fake-citizen';

describe('scan folder file names', () => {
  it('takes page scans and leaves what scanners and copy tools write while unfinished', () => {
    for (const name of ['scan_0001.jpg', 'Scan 12.JPEG', 'trang.png', 'so-ho-khau.tif', 'ho-so.PDF']) expect(isPageFileName(name), name).toBe(true);
    for (const name of ['~scan.jpg', 'scan.jpg.tmp', 'scan.partial', 'scan.jpg.part', '.scan.jpg', 'Thumbs.db', 'ghi-chu.txt', 'scan.jpg.crdownload'])
      expect(isPageFileName(name), name).toBe(false);
    expect(isTemporaryName('~$scan.pdf')).toBe(true);
  });

  it('orders like the scanner numbered them: scan2 before scan10, then by time', () => {
    const files = [
      { name: 'scan10.jpg', size: 1, mtimeMs: 1 },
      { name: 'scan2.jpg', size: 1, mtimeMs: 9 },
      { name: 'Scan1.jpg', size: 1, mtimeMs: 5 },
    ];
    expect([...files].sort(scanOrder).map((f) => f.name)).toEqual(['Scan1.jpg', 'scan2.jpg', 'scan10.jpg']);
  });
});

describe('completely written', () => {
  it('needs the same size and time over the quiet period, and starts over when the file grows', () => {
    const tracker = createStabilityTracker(1000);
    const at = (size: number, mtimeMs: number) => [{ name: 'a.jpg', size, mtimeMs }];
    expect(tracker.observe(at(100, 1), 0).size).toBe(0);
    expect(tracker.observe(at(100, 1), 600).size).toBe(0); // quiet, but not long enough
    expect(tracker.observe(at(200, 2), 1100).size).toBe(0); // grew: the clock starts again
    expect(tracker.observe(at(200, 2), 1900).size).toBe(0);
    expect([...tracker.observe(at(200, 2), 2100)]).toEqual(['a.jpg']);
    expect(tracker.observe([{ name: 'b.jpg', size: 0, mtimeMs: 3 }], 0).size).toBe(0);
    expect(tracker.observe([{ name: 'b.jpg', size: 0, mtimeMs: 3 }], 5000).size).toBe(0); // an empty file is never done
  });
});

describe('the ID-card document of a parsed national record', () => {
  it('is the document named near the start, not the rules that mention an ID number in passing', () => {
    const names = [
      'Người tiếp nhận hồ sơ thực hiện khai thác thông tin ... số định danh cá nhân/căn cước công dân',
      'Tờ khai đăng ký khai sinh theo mẫu',
      'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử ... còn giá trị sử dụng',
      'Trường hợp giấy tờ tùy thân sử dụng là: Hộ chiếu, Thẻ căn cước',
      'Bản sao Giấy tờ tuỳ thân của người nộp',
    ];
    expect(names.map(namesIdCardDocument)).toEqual([false, false, true, false, true]);
  });

  it('is not a photo "kiểu thẻ căn cước", a list of ID numbers, or information read from the card', () => {
    const names = [
      '01 ảnh màu cỡ 3 cm x 4 cm nền màu xanh, kiểu thẻ căn cước, được chụp trong thời gian không quá 06 tháng',
      'Sơ yếu lý lịch, có dán ảnh kiểu chứng minh nhân dân cỡ 4x6cm',
      'Danh sách, số định danh cá nhân của người đại diện theo pháp luật là người Việt Nam',
      'Thông tin chứng minh về chỗ ở hợp pháp được khai thác trong căn cước điện tử',
      'Bản sao thẻ căn cước công dân hoặc thẻ căn cước (đối với cá nhân)',
      'Giấy chứng minh nhân dân 09 số (nếu có).',
    ];
    expect(names.map(namesIdCardDocument)).toEqual([false, false, false, false, true, true]);
  });
});

describe('MRZ read by tesseract', () => {
  const lines = makeTd1Lines(fakeCitizen(makeRng(5)));
  it('gives back the document code "I" read as "1", "T" or "T1" (outside every check digit)', () => {
    for (const slip of ['1', 'T', 'T1', '1I']) {
      const text = [`${slip}${lines[0].slice(1)}`, lines[1], lines[2]].join('\n');
      expect(findTd1Lines(text), slip).toEqual(lines);
    }
  });
  it('invents nothing elsewhere: a stray character in the middle still fails', () => {
    const text = [`${lines[0].slice(0, 10)}7${lines[0].slice(10)}`, lines[1], lines[2]].join('\n');
    expect(findTd1Lines(text)).toBeNull();
  });
});

describe('pre-filled applicant', () => {
  const reading = {
    source: 'qr',
    fields: { fullName: 'Lê Thị Hoa', idNumber: '001190012345', dateOfBirth: '1990-05-02', sex: 'female', address: 'Số 3 phố Huế, Hà Nội' },
    perField: { fullName: 'qr', idNumber: 'qr', dateOfBirth: 'qr', sex: 'qr', address: 'qr' },
    fieldWarnings: { dateOfBirth: 'Mã QR ghi "02/05/1990", dòng MRZ ghi "02/05/1991". Hãy đối chiếu với thẻ.' },
  } as unknown as IdCardReading;

  it('fills what the card says, each field waiting for the agent, keeping what the card does not carry', () => {
    const a = applyReading({ fullName: 'Le Thi Hoa', phone: '0912345678', confirmedFields: ['fullName'], fieldSources: { fullName: 'ocr' } }, reading);
    expect(a).toMatchObject({ fullName: 'Lê Thị Hoa', phone: '0912345678', sex: 'female', confirmedFields: [] });
    expect(a.fieldWarnings).toEqual(reading.fieldWarnings);
    expect(unconfirmedFields(a)).toEqual(['fullName', 'idNumber', 'dateOfBirth', 'sex', 'address']);
    const confirmed = confirmFields(a, ['address', 'fullName', 'phone' as never]);
    expect(confirmed.confirmedFields).toEqual(['fullName', 'address']);
    expect(unconfirmedFields(confirmed)).toEqual(['idNumber', 'dateOfBirth', 'sex']);
  });

  it('a field the agent retypes is theirs: no source, no warning, nothing to confirm', () => {
    const a = forgetSource({ ...applyReading({}, reading), dateOfBirth: '1991-05-02' }, 'dateOfBirth');
    expect(a.fieldSources?.dateOfBirth).toBeUndefined();
    expect(a.fieldWarnings?.dateOfBirth).toBeUndefined();
    expect(unconfirmedFields(a)).toEqual(['fullName', 'idNumber', 'sex', 'address']);
    expect(forgetSource(a, 'phone')).toBe(a);
  });
});
