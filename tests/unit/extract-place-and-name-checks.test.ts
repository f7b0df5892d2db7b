// Checks of a Giấy chứng sinh's place and names against the page's header, the province list and Vietnamese spelling.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readBirthCertificate } from '../../electron/core/extract';
import { extractBirthCertificate } from '../../electron/core/extract/birth-certificate';
import type { ExtractedField } from '../../electron/core/extract/extracted-field';
import type { OcrInput } from '../../electron/core/extract/ocr-lines';
import { voteReadings } from '../../electron/core/extract/second-look';
import type { OcrEngine, OcrResult, OcrWord, RecognizeOptions } from '../../electron/core/ocr/ocr-engine';

/** OCR of some lines: one word per token, left to right, letters 40 px tall, confidence 92. */
function ocrOf(lines: string[]): OcrResult {
  const words: OcrWord[] = [];
  lines.forEach((line, row) => {
    let x = 100;
    for (const text of line.split(/\s+/).filter(Boolean)) {
      const width = 22 * [...text].length;
      words.push({
        text,
        confidence: 92,
        bbox: { x0: x, y0: 100 + row * 90, x1: x + width, y1: 140 + row * 90 },
      });
      x += width + 18;
    }
  });
  return { text: lines.join('\n'), words, confidence: 92 } as OcrResult;
}

/** A certificate's lines (as tuning pages read) with the header's facility, the place and the names given. */
function page(opts: { header?: string[]; place: string; child?: string; mother?: string }): OcrInput {
  return ocrOf([
    ...(opts.header ?? ['SỞ Y TẾ HUẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']),
    'GIẤY CHỨNG SINH',
    `Họ và tên mẹ/người nuôi dưỡng: ${opts.mother ?? 'Trần Thị Hoa'}`,
    'Năm sinh: 1994',
    'Số định danh cá nhân: 001194012345',
    'Đã sinh con vào lúc: 10 giờ 05 phút, ngày 04 tháng 01 năm 2026',
    `Tại: ${opts.place}`,
    'Giới tính của con: Nam',
    `Dự định đặt tên con là: ${opts.child ?? 'Lê Minh Quân'}`,
    'Huế, ngày 05 tháng 01 năm 2026',
  ]);
}

const fieldOf = (fields: ExtractedField[], name: string): ExtractedField => {
  const found = fields.find((f) => f.field === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};
const placeOf = (input: OcrInput) => fieldOf(extractBirthCertificate(input).fields, 'placeOfBirth');

describe('place of birth against the header and the province list', () => {
  it('takes a misread word of the facility from the name printed in the header, flagged (tuning seed 45)', () => {
    const header = [
      'SỞ Y TẾ VĨNH LONG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TRUNG TÂM Y TẾ KHU VỰC ĐỒNG TÂM Độc lập - Tự do',
    ];
    const place = placeOf(page({ header, place: 'Trung tâm Y tế khit vực Đồng Tâm, tỉnh Vĩnh Long' }));
    expect(place.value).toBe('Trung tâm Y tế khu vực Đồng Tâm, tỉnh Vĩnh Long');
    expect(place.notes.join(' ')).toContain('đầu giấy');
    // a header naming another facility changes nothing
    const other = ['SỞ Y TẾ VĨNH LONG', 'BỆNH VIỆN ĐA KHOA TỈNH VĨNH LONG'];
    expect(
      placeOf(page({ header: other, place: 'Trung tâm Y tế khit vực Đồng Tâm, tỉnh Vĩnh Long' })).value,
    ).toBe('Trung tâm Y tế khit vực Đồng Tâm, tỉnh Vĩnh Long');
  });

  it('leaves a handwritten word the header only disagrees with in marks, when both are words', () => {
    const place = placeOf(
      page({
        header: ['SỞ Y TẾ LAI CHÂU CỘNG HÒA XÃ HỘI', 'BENH VIÊN SẲN NHI TÍNH LAI CHAU Độc lập - Tự do'],
        place: 'Bệnh viện Sản Nhi tỉnh Lai Châu',
      }),
    );
    expect(place.value).toBe('Bệnh viện Sản Nhi tỉnh Lai Châu');
  });

  it('reads a province split, cut or a letter off after "tỉnh", and the comma before it (tuning seeds 4, 12)', () => {
    expect(placeOf(page({ place: 'Trung tâm Y tế khu vực Yên Thế, tỉnh Đắk l ắk' })).value).toBe(
      'Trung tâm Y tế khu vực Yên Thế, tỉnh Đắk Lắk',
    );
    const sonLa = placeOf(
      page({ header: ['UBND XÃ TRUNG HÀ'], place: 'Trạm Y tế xã Trung Hà. tỉnh Sơn Lq' }),
    );
    expect(sonLa.value).toBe('Trạm Y tế xã Trung Hà, tỉnh Sơn La');
    expect(sonLa.lowConfidence).toBe(false);
    expect(sonLa.notes.join(' ')).toContain('Sơn La');
    // "Hà Tĩnh" ends the place: its "Tĩnh" is no unit, so no comma goes before it
    expect(placeOf(page({ place: 'Trung tâm Y tế khu vực Phước Hải, tỉnh Hà Tĩnh' })).value).toBe(
      'Trung tâm Y tế khu vực Phước Hải, tỉnh Hà Tĩnh',
    );
  });

  it('takes the province the header names for a place two letters off it (tuning seed 105)', () => {
    const place = placeOf(
      page({ header: ['SỞ Y TẾ LÀO CAI CỘNG HÒA XÃ HỘI'], place: 'Bệnh viện Đa khoa tỉnh Tàn Cai' }),
    );
    expect(place.value).toBe('Bệnh viện Đa khoa tỉnh Lào Cai');
    // without the header, two letters off is not enough to choose
    expect(placeOf(page({ place: 'Bệnh viện Đa khoa tỉnh Tàn Cai' })).value).toBe(
      'Bệnh viện Đa khoa tỉnh Tàn Cai',
    );
  });

  it('reads "thành" before a centrally-run city as "thành phố", and capitalises a commune\'s name (seeds 13, 15)', () => {
    expect(placeOf(page({ place: 'Trạm Y tế xã Bình Minh, thành nhấ Cần Thơ' })).value).toBe(
      'Trạm Y tế xã Bình Minh, thành phố Cần Thơ',
    );
    expect(placeOf(page({ place: 'Bệnh viện Đa khoa thành phấ Huế' })).value).toBe(
      'Bệnh viện Đa khoa thành phố Huế',
    );
    expect(placeOf(page({ place: 'Trạm Y tế xã lạc long, tỉnh Điện Biên' })).value).toBe(
      'Trạm Y tế xã Lạc Long, tỉnh Điện Biên',
    );
  });
});

describe('names cut at the end', () => {
  it('flags a name followed by a garbled word: its last syllable may be lost (tuning seed 110)', () => {
    const child = fieldOf(
      extractBirthCertificate(page({ place: 'x', child: 'Đang Tường Luưa' })).fields,
      'childFullName',
    );
    expect(child.value).toBe('Đặng Tường');
    expect(child.lowConfidence).toBe(true);
    expect(child.notes.join(' ')).toContain('thiếu chữ cuối');
  });

  it('restores the one letter a last syllable lost when only one name fits, flagged; never a mark slip ("Ngạ")', () => {
    const fields = extractBirthCertificate(
      page({ place: 'x', child: 'Vũ Phan Minh Nhun', mother: 'Trần Thanh Ngạ' }),
    ).fields;
    const child = fieldOf(fields, 'childFullName');
    expect(child.value).toBe('Vũ Phan Minh Nhung');
    expect(child.lowConfidence).toBe(true);
    expect(fieldOf(fields, 'motherFullName').value).toBe('Trần Thanh Nga');
  });

  it('keeps that doubt when a re-reading agrees on the cut name', () => {
    const first: ExtractedField = {
      ...fieldOf(
        extractBirthCertificate(page({ place: 'x', child: 'Đang Tường Luưa' })).fields,
        'childFullName',
      ),
    };
    const view: ExtractedField = { ...first, confidence: 0.9, lowConfidence: false, notes: [] };
    const [voted] = voteReadings([first], [[view], [], []]);
    expect(voted?.value).toBe('Đặng Tường');
    expect(voted?.lowConfidence).toBe(true);
  });
});

describe('readBirthCertificate', () => {
  it('reads the page once more without preprocessing when a field was weak in the first pass, even if crops agreed on it', async () => {
    const image = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const garbled = page({ place: 'Bệnh viện Đa khoa thành phố Huế', mother: '(7o Do I1trV' });
    const whole = page({ place: 'Bệnh viện Đa khoa thành phố Huế', mother: 'Cao Bảo Huyền' });
    const crop = (texts: string[]): OcrResult =>
      ({
        text: texts.join(' '),
        confidence: 93,
        words: texts.map((text, i) => ({
          text,
          confidence: 93,
          bbox: { x0: 20 + 60 * i, y0: 20, x1: 70 + 60 * i, y1: 60 },
        })),
      }) as OcrResult;
    // crops cut around the garbled words lose the name's end ("Cao Bả", as on tuning seed 112); crops cut around the
    // plain page's words read it whole
    let plainRead = false;
    const engine: OcrEngine = {
      recognize: (_image: Uint8Array, opts?: RecognizeOptions) => {
        if (opts?.layout === 'line')
          return Promise.resolve(crop(plainRead ? ['Cao', 'Bảo', 'Huyền'] : ['Cao', 'Bả']));
        if (opts?.preprocess === false) plainRead = true;
        return Promise.resolve((plainRead ? whole : garbled) as OcrResult);
      },
      terminate: () => Promise.resolve(),
    };
    const read = await readBirthCertificate(engine, new Uint8Array(image));
    expect(fieldOf(read.fields, 'motherFullName').value).toBe('Cao Bảo Huyền');
  });
});
