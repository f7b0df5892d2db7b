// The mother's 12-digit personal ID (số định danh cá nhân / CCCD) read off OCR, checked against what its digits encode.
import { decodeIdNumber } from '../../common/applicant';
import type { OcrWord } from '../ocr/ocr-engine';
import type { LineToken } from './ocr-lines';
import { dateParts } from './date-time';
import type { ParsedValue } from './text-values';

export type IdContext = {
  /** the mother's year of birth read on the form ("Năm sinh"), to check digits 4-6 */
  birthYear?: number;
  /** the holder is a woman (the mother): digit 4 is odd */
  female?: boolean;
  /** the year of the birth, to check the holder's age */
  eventYear?: number;
};

/**
 * How well a 12-digit string fits what a personal ID encodes (Thông tư 07/2016/TT-BCA art. 7): a province code,
 * century-and-sex digit, the holder's birth year; 0 when it is no ID at all, 1 when every check holds.
 */
export function idNumberFit(id: string, context: IdContext = {}): { score: number; notes: string[] } {
  const decoded = decodeIdNumber(id);
  if (!decoded) return { score: 0, notes: ['Không phải số định danh 12 chữ số.'] };
  const notes: string[] = [];
  let score = 1;
  if (decoded.province === null) {
    score *= 0.3;
    notes.push(`Ba số đầu "${id.slice(0, 3)}" không phải mã tỉnh.`);
  }
  if (context.female && decoded.sex !== 'female') {
    score *= 0.6;
    notes.push('Chữ số thứ 4 là của nam giới, không khớp với người mẹ.');
  }
  if (context.birthYear !== undefined) {
    if (decoded.birthYear === context.birthYear)
      notes.push(`Khớp năm sinh ${String(context.birthYear)} của mẹ.`);
    else {
      score *= 0.5;
      notes.push(
        `Số định danh ứng với năm sinh ${String(decoded.birthYear)}, trên giấy ghi ${String(context.birthYear)}.`,
      );
    }
  }
  if (context.eventYear !== undefined) {
    const age = context.eventYear - decoded.birthYear;
    if (age < 12 || age > 60) {
      score *= 0.5;
      notes.push(`Người mẹ ${String(age)} tuổi khi sinh con theo số định danh: khó có thể.`);
    }
  }
  return { score, notes };
}

/** 13 digits (a leader dot read as a digit) or 12 with a misread one: the single edits that make a fitting ID. */
function repairs(digits: string, context: IdContext): { id: string; score: number }[] {
  const variants = new Set<string>();
  if (digits.length === 13)
    for (let i = 0; i < 13; i++) variants.add(digits.slice(0, i) + digits.slice(i + 1));
  if (digits.length === 12) {
    // the encoded head (province, century, year) is where a wrong digit shows; the serial cannot be checked
    for (let i = 0; i < 6; i++)
      for (const d of '0123456789') variants.add(digits.slice(0, i) + d + digits.slice(i + 1));
    variants.delete(digits);
  }
  return [...variants]
    .map((id) => ({ id, score: idNumberFit(id, context).score }))
    .filter((v) => v.score >= 1);
}

/** The ID among the first numbers after the label: its digits joined (written "001 195 012345" or with dots). */
export function parseIdNumber(tokens: readonly LineToken[], context: IdContext = {}): ParsedValue | null {
  const numbers = dateParts(tokens).filter((p) => p.kind === 'number');
  if (numbers.length === 0) return null;
  // digits of the first number and of those that follow it closely enough to be groups of the same ID
  let digits = '';
  const used: typeof numbers = [];
  for (const n of numbers) {
    if (digits.length >= 12) break;
    digits += n.text;
    used.push(n);
  }
  const words: OcrWord[] = [];
  for (const n of used) if (n.word && !words.includes(n.word)) words.push(n.word);
  const fixedLookalike = used.some((n) => n.kind === 'number' && n.fixed);
  const fit = idNumberFit(digits, context);
  const notes = [...fit.notes];
  let factor = fixedLookalike ? 0.85 : 1;
  // the head (province, century and sex, year) checked against the form: half the digits vouched for; the serial is not
  if (fit.score >= 1)
    return { value: digits, words, factor, support: context.birthYear !== undefined ? 0.5 : 0.2, notes };
  // a sound ID whose year disagrees with "Năm sinh": either could be misread, so keep the ID as read and say so
  if (digits.length === 12 && idNumberFit(digits, { ...context, birthYear: undefined }).score >= 1) {
    return { value: digits, words, factor: factor * 0.7, notes };
  }
  const candidates = repairs(digits, context);
  const distinct = [...new Set(candidates.map((c) => c.id))];
  if (distinct.length === 1 && distinct[0] !== undefined) {
    factor *= 0.6;
    return {
      value: distinct[0],
      words,
      factor,
      notes: [`Đọc được "${digits}", đã sửa thành số định danh hợp lệ.`],
    };
  }
  factor *= digits.length === 12 ? Math.max(0.3, fit.score) : 0.25;
  if (digits.length !== 12) notes.push(`Đọc được ${String(digits.length)} chữ số thay vì 12.`);
  return { value: digits, words, factor, notes };
}
