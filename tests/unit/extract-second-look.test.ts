// Second look at a Giấy chứng sinh's values (vote, OCR patching) and the repairs of misreads found on the tuning seeds.
import { describe, expect, it } from 'vitest';
import { extractBirthCertificate } from '../../electron/core/extract/birth-certificate';
import type { ExtractedField } from '../../electron/core/extract/extracted-field';
import type { OcrInput } from '../../electron/core/extract/ocr-lines';
import { voteReadings } from '../../electron/core/extract/second-look';
import { patchOcr } from '../../electron/core/extract/value-reread';
import type { OcrWord } from '../../electron/core/ocr/ocr-engine';

/** OCR of some lines: one word per token, left to right, letters 40 px tall, confidence 92. */
function ocrOf(lines: string[]): OcrInput {
  const words: OcrWord[] = [];
  lines.forEach((line, row) => {
    let x = 100;
    for (const text of line.split(/\s+/).filter(Boolean)) {
      const width = 22 * [...text].length;
      words.push({ text, confidence: 92, bbox: { x0: x, y0: 100 + row * 90, x1: x + width, y1: 140 + row * 90 } });
      x += width + 18;
    }
  });
  return { text: lines.join('\n'), words };
}

const reading = (field: ExtractedField['field'], value: string, confidence: number): ExtractedField => ({
  field,
  value,
  confidence,
  lowConfidence: confidence < 0.75,
  evidence: { line: '', words: [] },
  notes: [],
});

const valueOf = (fields: ExtractedField[], field: string) => fields.find((f) => f.field === field)?.value;

describe('voteReadings', () => {
  it('takes the value the re-readings agree on over a first pass that misread a letter', () => {
    const [child] = voteReadings(
      [reading('childFullName', 'Vũ Diệu Tình', 0.81)],
      [0.78, 0.64, 0.85].map((c) => [reading('childFullName', 'Vũ Diệu Linh', c)]),
    );
    expect(child?.value).toBe('Vũ Diệu Linh');
    expect(child?.notes.join(' ')).toContain('3 cho cùng kết quả');
  });

  it('keeps a sure first pass against garbled re-readings, but flags it since they disagree', () => {
    const [child] = voteReadings(
      [reading('childFullName', 'Lưu Anh Phong', 0.96)],
      [[reading('childFullName', 'Lưu Anh Phon', 0.3)], [reading('childFullName', 'Lưu Anh Phon', 0.3)]],
    );
    expect(child?.value).toBe('Lưu Anh Phong');
    expect(child?.lowConfidence).toBe(true);
  });

  it('leaves fields no view re-read as the first pass gave them, in the same order', () => {
    const first = [reading('childSex', 'Nữ', 0.97), reading('motherIdNumber', '024192920586', 0.92)];
    const fields = voteReadings(first, [[reading('motherIdNumber', '054192920586', 0.96)]]);
    expect(fields.map((f) => [f.field, f.value])).toEqual([
      ['childSex', 'Nữ'],
      ['motherIdNumber', '054192920586'],
    ]);
    expect(fields[0]).toEqual(first[0]);
  });
});

describe('patchOcr', () => {
  it("puts a value's second reading in place of its words, so extraction reads it with the page's other lines", () => {
    const ocr = ocrOf([
      'Họ và tên mẹ/người nuôi dưỡng: TRIỆTI] MINHH .....',
      'Năm sinh: 1991',
      'Số CCCD/Hộ chiếu: 05619103272',
    ]);
    const first = extractBirthCertificate(ocr);
    const span = first.spans.motherFullName;
    const idSpan = first.spans.motherIdNumber;
    if (!span || !idSpan) throw new Error('no span');
    // the label's last word ("dưỡng:") holds the value's start too: its letters stay in the text as the label's
    expect(span.words.map((w) => w.text)).toEqual(['dưỡng:', 'TRIỆTI]', 'MINHH']);
    expect(span.lead?.text).toBe('dưỡng');
    const box = { x0: 800, y0: 100, x1: 900, y1: 140 };
    const patched = patchOcr(ocr, [
      { span, by: ['TRIỆU', 'MINH', 'PHƯỢNG'].map((text) => ({ text, confidence: 90, bbox: box })) },
      { span: idSpan, by: [{ text: '056191032720', confidence: 90, bbox: box }] },
    ]);
    const fields = extractBirthCertificate(patched).fields;
    expect(valueOf(fields, 'motherFullName')).toBe('Triệu Minh Phượng');
    expect(valueOf(fields, 'motherBirthYear')).toBe('1991');
    expect(valueOf(fields, 'motherIdNumber')).toBe('056191032720');
    expect(patched.text.split('\n')[1]).toBe('Năm sinh: 1991');
  });
});

describe('repairs of misreads seen on the tuning pages', () => {
  const fieldsOf = (lines: string[]) => extractBirthCertificate(ocrOf(lines)).fields;

  it('drops a stray letter inside a name syllable and reads a misread common surname, flagged', () => {
    const mother = fieldsOf(['Họ và tên mẹ/người nuôi dưỡng: TRIỆUI MINH PHIƯỢNG']).find(
      (f) => f.field === 'motherFullName',
    );
    expect(mother?.value).toBe('Triệu Minh Phượng');
    expect(mother?.notes.join(' ')).toContain('chữ cái thừa');
    expect(valueOf(fieldsOf(['Dự định đặt tên con là: Rùi Gia Hưrng']), 'childFullName')).toBe('Bùi Gia Hưng');
  });

  it('reads "tháng01" as the month and corrects a year far from the signing date', () => {
    const date = (line: string) =>
      fieldsOf([`Đã sinh con vào lúc: ${line}`, 'Lai Châu, ngày 03 tháng 01 năm 2026']).find(
        (f) => f.field === 'dateOfBirth',
      );
    expect(date('17 giờ 59 phút ngày 01 tháng01 năm 2026')?.value).toBe('01/01/2026');
    const year = date('13 giờ 18 phút, ngày 31 tháng 12 năm 2028');
    expect(year?.value).toBe('31/12/2025');
    expect(year?.lowConfidence).toBe(true);
  });

  it("mends a province one letter off and a low comma in a place's name", () => {
    expect(valueOf(fieldsOf(['Tại: Trung tâm Y tế khu vực Đồng Tâm, tỉnh Vĩnh Lang']), 'placeOfBirth')).toBe(
      'Trung tâm Y tế khu vực Đồng Tâm, tỉnh Vĩnh Long',
    );
    expect(valueOf(fieldsOf(['Tại: Trạm Y tế xã Mỹ Lộc„ tỉnh Thái Nguyên']), 'placeOfBirth')).toBe(
      'Trạm Y tế xã Mỹ Lộc, tỉnh Thái Nguyên',
    );
  });
});
