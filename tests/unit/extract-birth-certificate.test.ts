// Giấy chứng sinh fields from OCR text: clean and noisy reads, distractors, repairs, confidence flags.
import { describe, expect, it } from 'vitest';
import {
  extractBirthCertificateFields,
  LOW_CONFIDENCE,
  storedOcr,
  type ExtractedField,
} from '../../electron/core/extract';
import type { OcrInput } from '../../electron/core/extract';
import type { OcrWord } from '../../electron/core/ocr/ocr-engine';

/**
 * OCR of some lines as tesseract returns it: the text, and one word per token laid out left to right (letters 40 px
 * tall, 22 px a character). Tokens listed in `doubtful` get confidence 30, tokens in `flat` a 5 px box (a leader's
 * dashes read as letters), the others 92.
 */
function ocrOf(lines: string[], opts: { doubtful?: string[]; flat?: string[] } = {}): OcrInput {
  const words: OcrWord[] = [];
  lines.forEach((line, row) => {
    let x = 100;
    for (const text of line.split(/\s+/).filter(Boolean)) {
      const flat = opts.flat?.includes(text) ?? false;
      const y0 = 100 + row * 90;
      const width = 22 * [...text].length;
      words.push({
        text,
        confidence: opts.doubtful?.includes(text) ? 30 : flat ? 10 : 92,
        bbox: { x0: x, y0: flat ? y0 + 35 : y0, x1: x + width, y1: y0 + 40 },
      });
      x += width + 18;
    }
  });
  return { text: lines.join('\n'), words };
}

const valueOf = (fields: ExtractedField[], field: string) => fields.find((f) => f.field === field)?.value;
const fieldOf = (fields: ExtractedField[], field: string) => {
  const found = fields.find((f) => f.field === field);
  if (!found) throw new Error(`no ${field} in ${JSON.stringify(fields.map((f) => f.field))}`);
  return found;
};

// what tesseract read on a generated certificate typed by a hospital's software (tuning seed 1, clean scan)
const cleanTyped = [
  'SỞ Y TẾ HUẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  "BỆNH VIỆN'ĐA KHOA THÀNH PHỐ HUẾ Độc lập - Tự do - Hạnh phúc",
  'số: 2977/GCS',
  'Quyển số: 25.',
  'GIẤY CHỨNG SINH',
  'Họ và tên mẹ/người nuôi dưỡng: DƯƠNG THỊ HỒNG LẠN',
  'Năm sinh: 1982',
  'Nơi đăng ký thường trú: Thôn Hòa. Bình, xã Quảng Phú, thành phố Huế',
  'Giấy CMND/Thẻ căn cước/Hộ chiếu số: 015 182 529840',
  'Dân tộc: Dao',
  'Họ và tên cha: NGUYỄN VĂN KHÔI',
  'Đã sinh con vào lúc: 15. giờ.00.. phút, ngày 04. tháng .01.. năm 2026',
  'Tại: Bệnh viện Đa khoa thành phố Huế',
  'Số con trong lần sinh này: 01',
  'Giới tính của con: Trai Cân nặng:.3600.gram.......................',
  'Dự định đặt tên con là. Đỉnh Nhật Vũ.',
  'Ghi chú:',
  'Huế, ngày 05 tháng 01 năm 2026',
  'Cha, mẹ hoặc Người đỡ đẻ Thủ trưởng',
  'Dương Thị Hồng Lan NHS Triệu Mỹ Bích Oanh Giám đốc Lý Hữu Kiên',
];

describe('extractBirthCertificateFields', () => {
  it('reads every field of a cleanly OCRed certificate: names in proper case, sex, date and time, place, ID', () => {
    const fields = extractBirthCertificateFields(ocrOf(cleanTyped));
    expect(Object.fromEntries(fields.map((f) => [f.field, f.value]))).toEqual({
      childFullName: 'Đinh Nhật Vũ', // "Đỉnh" is no surname: the tone mark OCR added is taken off
      childSex: 'Nam',
      dateOfBirth: '04/01/2026',
      timeOfBirth: '15:00',
      placeOfBirth: 'Bệnh viện Đa khoa thành phố Huế',
      motherFullName: 'Dương Thị Hồng Lan', // "LẠN": a leader dot under the A read as a tone mark
      motherBirthYear: '1982',
      motherIdNumber: '015182529840',
    });
    const id = fieldOf(fields, 'motherIdNumber');
    expect(id.lowConfidence).toBe(false);
    expect(id.notes).toContain('Khớp năm sinh 1982 của mẹ.');
    expect(id.evidence.words.map((w) => w.text)).toEqual(['015', '182', '529840']);
    expect(fieldOf(fields, 'dateOfBirth').notes).toContain('Khớp với ngày cấp giấy chứng sinh.');
    for (const f of fields) expect(f.confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });

  it('finds labels OCR misspelt or glued together and cuts values off leader debris', () => {
    const noisy = [
      'Ho và tên mẹ/ngưòi nuôi dưỡng: .PHAN.HỒNG.NGẬN...... II',
      'Năm sinh: 1995 __ _ TC TC CC CC CC tt',
      'Số định danh cá nhân/CCCD:.020195880776............. Ngày cấp:.15/11/2023...........',
      'Đã sinh con vào lúc: _09. giờ 32. phút, ngày.22. tháng..07. năm.2026........................',
      'Tại:. Bệnh viện .Đa khoa tỉnh Hà Tỉnh... TC TU TC CC Tố Cố TU CỤ',
      'Giớitínhcủacon:.Nữ .. .... .... . .. ... Cânnặng:-3800.gram....................n',
      'Dựđịnhđặttênconlà: -ĐỖ GIA.NHUNG...',
      'Hà Tĩnh, ngày 23 tháng 07 năm 2026',
    ];
    const fields = extractBirthCertificateFields(
      ocrOf(noisy, { flat: ['TC', 'TU', 'CC', 'Tố', 'Cố', 'CỤ', 'tt'] }),
    );
    expect(valueOf(fields, 'motherFullName')).toBe('Phan Hồng Ngân');
    expect(valueOf(fields, 'motherIdNumber')).toBe('020195880776');
    expect(valueOf(fields, 'dateOfBirth')).toBe('22/07/2026');
    expect(valueOf(fields, 'timeOfBirth')).toBe('09:32');
    expect(valueOf(fields, 'placeOfBirth')).toBe('Bệnh viện Đa khoa tỉnh Hà Tĩnh'); // province spelt as on the list
    expect(valueOf(fields, 'childSex')).toBe('Nữ');
    expect(valueOf(fields, 'childFullName')).toBe('Đỗ Gia Nhung');
  });

  it('repairs the words of a facility and its province, and drops what follows the province', () => {
    const place = (line: string) => fieldOf(extractBirthCertificateFields(ocrOf([line])), 'placeOfBirth');
    const repaired = place('Tại: Trem Y tế Xã Hòa Bình, Lính Lạng Sơn Sa');
    expect(repaired.value).toBe('Trạm Y tế xã Hòa Bình, tỉnh Lạng Sơn');
    expect(repaired.notes.join(' ')).toContain('Đã sửa');
    expect(place('Tại:. Bệnh viện Đa khna tỉnh Hà Tỉnh...').value).toBe('Bệnh viện Đa khoa tỉnh Hà Tĩnh');
    // both tone placements are in use: a listed spelling is kept as read
    expect(place('Tại: Bệnh viện Đa khoa tỉnh Thanh Hoá').value).toBe('Bệnh viện Đa khoa tỉnh Thanh Hoá');
    // a place on two lines, cut after a comma
    const twoLines = extractBirthCertificateFields(
      ocrOf([
        'Tại: Trung tâm Y tế khu vực Thuận Thành,',
        'Thành phố Hồ Chí Minh',
        'Số con trong lần sinh này: 01',
      ]),
    );
    expect(valueOf(twoLines, 'placeOfBirth')).toBe(
      'Trung tâm Y tế khu vực Thuận Thành, Thành phố Hồ Chí Minh',
    );
  });

  it('never takes the father, the ID issue date, the signing date or the insurance number for a field', () => {
    const fields = extractBirthCertificateFields(
      ocrOf([
        'Họ và tên cha: TRẦN VĂN HÙNG',
        'Năm sinh: 1990',
        'Mã số BHXH/Thẻ BHYT số: 0123456789',
        'Ngày cấp: 12/05/2022 Nơi cấp: Cục Cảnh sát QLHC về TTXH',
        'Giới tính của con: Nữ Cân nặng: 3100 gram',
        'Hà Nội, ngày 06 tháng 03 năm 2026',
        'Cha, mẹ hoặc người nuôi dưỡng Người đỡ đẻ',
        'Lê Thị Mai Hộ sinh Vũ Thị Hà',
      ]),
    );
    expect(fields.map((f) => f.field).sort()).toEqual(['childSex', 'motherBirthYear']);
  });

  it('repairs an ID read with an extra digit when one reading alone fits the mother, and flags it', () => {
    // 079 1 88 530357 read with a stray 9: only dropping that 9 gives a woman born in 1988 with a province code
    const lines = [
      'Năm sinh: 1988',
      'Số định danh cá nhân: 0791988530357',
      'Đã sinh con vào lúc: 10 giờ 05 phút, ngày 02 tháng 02 năm 2026',
    ];
    const repaired = fieldOf(extractBirthCertificateFields(ocrOf(lines)), 'motherIdNumber');
    expect(repaired.value).toBe('079188530357');
    expect(repaired.lowConfidence).toBe(true);
    // without the year of birth several deletions fit: the 13 digits are offered as read, flagged
    const ambiguous = fieldOf(extractBirthCertificateFields(ocrOf(lines.slice(1))), 'motherIdNumber');
    expect(ambiguous.value).toBe('0791988530357');
    expect(ambiguous.lowConfidence).toBe(true);
    expect(ambiguous.notes.join(' ')).toContain('13 chữ số');
  });

  it('flags an ID whose digits encode another year of birth than the form says', () => {
    const id = fieldOf(
      extractBirthCertificateFields(ocrOf(['Năm sinh: 1994', 'Số CCCD/Hộ chiếu: 001195012345'])),
      'motherIdNumber',
    );
    expect(id.value).toBe('001195012345');
    expect(id.lowConfidence).toBe(true);
    expect(id.notes.join(' ')).toContain('1994');
  });

  it('reads "Gái" as Nữ and a date written dd/MM/yyyy with the time as 8h30', () => {
    const fields = extractBirthCertificateFields(
      ocrOf(['Đã sinh con vào lúc: 8h30, ngày 05/03/2026', 'Giới tính của con: Gái']),
    );
    expect(valueOf(fields, 'childSex')).toBe('Nữ');
    expect(valueOf(fields, 'dateOfBirth')).toBe('05/03/2026');
    expect(valueOf(fields, 'timeOfBirth')).toBe('08:30');
  });

  it('lets the signing date decide a handwritten 7 read as Z, and correct a month read beyond 12 (flagged)', () => {
    const born = (day: string, month: string, signed: string) =>
      fieldOf(
        extractBirthCertificateFields(
          ocrOf([
            `Đã sinh con vào lúc: 18 giờ 12 phút, ngày ${day} tháng ${month} năm 2025`,
            `Hà Nội, ${signed}`,
          ]),
        ),
        'dateOfBirth',
      );
    expect(born('0Z', '04', 'ngày 08 tháng 04 năm 2025').value).toBe('07/04/2025');
    expect(born('0Z', '04', 'ngày 03 tháng 04 năm 2025').value).toBe('02/04/2025');
    const corrected = born('16', '19', 'ngày 19 tháng 10 năm 2025');
    expect(corrected.value).toBe('16/10/2025');
    expect(corrected.lowConfidence).toBe(true);
  });

  it('offers a value tesseract doubted, flagged, with the words it came from', () => {
    const fields = extractBirthCertificateFields(
      ocrOf(['Dự định đặt tên con là: Nguyễn Bảo Ngọc'], { doubtful: ['Bảo', 'Ngọc'] }),
    );
    const child = fieldOf(fields, 'childFullName');
    expect(child.value).toBe('Nguyễn Bảo Ngọc');
    expect(child.lowConfidence).toBe(true);
    expect(child.evidence.words.map((w) => [w.text, w.confidence])).toEqual([
      ['Nguyễn', 92],
      ['Bảo', 30],
      ['Ngọc', 30],
    ]);
    expect(child.evidence.line).toBe('Dự định đặt tên con là: Nguyễn Bảo Ngọc');
  });

  it("works on a page's stored OCR, with its words or with the text alone", () => {
    const { text, words } = ocrOf(cleanTyped);
    const stored = storedOcr(text, JSON.stringify([...words, { text: 'broken' }]));
    expect(stored?.words).toHaveLength(words.length);
    expect(extractBirthCertificateFields(stored ?? { text: '', words: [] })).toEqual(
      extractBirthCertificateFields({ text, words }),
    );
    const textOnly = extractBirthCertificateFields(storedOcr(text, 'not json') ?? { text: '', words: [] });
    expect(valueOf(textOnly, 'motherFullName')).toBe('Dương Thị Hồng Lan');
    expect(valueOf(textOnly, 'dateOfBirth')).toBe('04/01/2026');
    expect(fieldOf(textOnly, 'childFullName').evidence.words).toEqual([]);
    expect(storedOcr(null, null)).toBeNull();
  });

  it('finds nothing on a page that is no Giấy chứng sinh', () => {
    const article = [
      'THÔNG BÁO VỀ VIỆC TIẾP NHẬN HỒ SƠ TRỰC TUYẾN',
      'Uỷ ban nhân dân phường đã tiếp nhận hơn ba trăm hồ sơ trong tháng qua, phần lớn được giải quyết đúng hạn.',
      'Người dân có thể nộp hồ sơ đăng ký khai sinh qua Cổng dịch vụ công quốc gia mà không cần đến trụ sở.',
    ];
    expect(extractBirthCertificateFields(ocrOf(article))).toEqual([]);
  });
});
