// Values read after a label: personal names (proper case, marks repaired), sex, a place, a year; each with its checks.
import type { OcrWord } from '../ocr/ocr-engine';
import { foldVietnamese } from '../../common/text';

import type { LineToken } from './ocr-lines';
import { dropExtraLetter, guessSurname, hasNameLetters, repairNameSyllable, restoreLastLetter } from './name-syllables';
import { wordPieces, wordsOf, type Piece } from './value-pieces';
import { isVietnameseSyllable, levenshtein, properCase, splitGlued } from './vietnamese-text';

export type ParsedValue = {
  value: string;
  words: OcrWord[];
  /** 0..1: how far the value's own checks trust it (multiplies tesseract's confidence): repairs and doubts lower it */
  factor: number;
  /**
   * 0..1: how much a check independent of tesseract vouches for the value (a date that fits the signing date, an ID
   * whose digits encode the mother's year of birth): it closes that share of the remaining doubt. Default 0.
   */
  support?: number;
  /** what was checked or repaired, in Vietnamese for the agent */
  notes: string[];
};

/** Opens the note of a name that a garbled word followed: second-look.ts keeps that doubt when a view agrees. */
export const NAME_MAY_BE_CUT = 'Sau tên còn chữ đọc không rõ';

/**
 * A personal name: the syllables after the label up to the first thing that is not a syllable (leader debris, the
 * next column), in proper case ("DƯƠNG THỊ HỒNG LAN" -> "Dương Thị Hồng Lan"), marks repaired against name syllables.
 */
export function parseName(tokens: readonly LineToken[]): ParsedValue | null {
  const syllables: Piece[] = [];
  let skipped = 0;
  let extraLetters = 0;
  const pieces = wordPieces(tokens).flatMap((piece) => {
    if (isVietnameseSyllable(piece.text) || /\d/.test(piece.text)) return [piece];
    // "DƯƠơng": a letter read twice
    const single = piece.text.replace(/(\p{L})\1/giu, '$1');
    if (single !== piece.text && hasNameLetters(single) && isVietnameseSyllable(single))
      return [{ text: single, word: piece.word }];
    // "TRIỆUI", "Hưrng": a stray letter (a stroke of the pen, a mark read as a letter) inside a name syllable
    const trimmed = dropExtraLetter(piece.text);
    if (trimmed) {
      extraLetters++;
      return [{ text: trimmed, word: piece.word }];
    }
    // "MAIHẠNH", "TháilýKhảiTuấn": syllables glued together (not a short misread word such as "äương")
    const parts = [...piece.text].length >= 6 ? splitGlued(piece.text, hasNameLetters, 4) : null;
    return parts ? parts.map((text) => ({ text, word: piece.word })) : [piece];
  });
  // one letter is debris (a leader's dash read as "I"), not a name syllable
  const isNamePart = (text: string) => [...text].length > 1 && isVietnameseSyllable(text) && !/\d/.test(text);
  let debris: Piece | null = null;
  let after: Piece | null = null;
  for (const piece of pieces) {
    if (isNamePart(piece.text)) syllables.push(piece);
    else if (syllables.length >= 2) {
      after = piece;
      break;
    } else {
      skipped += syllables.length + 1; // debris before the name: start again after it
      syllables.length = 0;
      debris = piece;
    }
  }
  if (syllables.length === 0) return null;
  const notes: string[] = [];
  let factor = extraLetters > 0 ? 0.85 : 1;
  if (extraLetters > 0) notes.push('Đã bỏ một chữ cái thừa do đọc nhầm: hãy đối chiếu.');
  if (skipped > 0) {
    // what was skipped may have been a garbled part of the name (its surname, often)
    factor *= 0.6;
    // the word right before the name, garbled but close to one surname: taken as that surname, still flagged
    const surname = debris && syllables.length <= 4 ? guessSurname(debris.text) : null;
    if (surname) {
      syllables.unshift({ text: surname, word: debris?.word ?? null });
      notes.push(`Đọc được "${debris?.text ?? ''}" trước tên, đoán là họ ${surname}: hãy đối chiếu.`);
    } else notes.push('Có chữ không đọc được trước tên: có thể thiếu họ.');
  }
  if (after && syllables.length < 5 && looksLikeGarbledSyllable(after.text)) {
    // "Đang Tường Luưa": a name's last syllable misread into no syllable at all; the name read so far is cut
    factor *= 0.6;
    notes.push(`${NAME_MAY_BE_CUT} ("${after.text}"): có thể thiếu chữ cuối, hãy đối chiếu.`);
  }
  const used = syllables.slice(0, 5);
  if (syllables.length > 5) {
    factor *= 0.6;
    notes.push('Tên dài hơn 5 chữ: có thể lẫn chữ khác, hãy đối chiếu.');
  }
  const repaired = used.map((piece, i) => {
    const read = properCase(piece.text);
    const restored = i > 0 && i === used.length - 1 ? restoreLastLetter(read) : null;
    if (restored) {
      factor *= 0.8;
      return { syllable: restored, repaired: true, known: false, lastLetter: true };
    }
    // inside a name "Thi" is all but always the women's middle name "Thị" with its dot lost (a given name "Thi" ends it)
    if (i > 0 && i < used.length - 1 && read === 'Thi')
      return { syllable: 'Thị', repaired: true, known: true };
    const repair = repairNameSyllable(read, i === 0 ? 'surname' : 'other');
    if (repair.repaired) factor *= 0.9;
    if (!repair.known) factor *= 0.9;
    return repair;
  });
  if (repaired.some((r) => 'lastLetter' in r)) notes.push('Chữ cuối của tên thiếu một chữ cái, đã thêm theo tên thường gặp: hãy đối chiếu.');
  else if (repaired.some((r) => r.repaired)) notes.push('Đã sửa dấu thanh theo tên thường gặp.');
  if (used.length < 2) {
    factor *= 0.4;
    notes.push('Chỉ đọc được một chữ của họ tên.');
  }
  // every syllable a common name syllable, 2-5 of them: the letters read are at least a plausible name
  const support = used.length >= 2 && repaired.every((r) => r.known) ? 0.3 : 0;
  return { value: repaired.map((r) => r.syllable).join(' '), words: wordsOf(used), factor, support, notes };
}

/**
 * Letters that could have been a syllable of the name: 2-7 letters with a vowel other than i and a letter other than
 * l (what leaders leave reads as "II", "ll", "tt", "nnnnt").
 */
function looksLikeGarbledSyllable(text: string): boolean {
  const letters = text.normalize('NFC').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const chars = [...letters];
  if (chars.length < 2 || chars.length > 7 || /[^\p{L}]/u.test(letters)) return false;
  return /[aeouy]/.test(foldVietnamese(letters)) && /[^il]/i.test(foldVietnamese(letters));
}

const sexWords: readonly { written: string; value: 'Nam' | 'Nữ' }[] = [
  { written: 'Nam', value: 'Nam' },
  { written: 'Trai', value: 'Nam' },
  { written: 'Nữ', value: 'Nữ' },
  { written: 'Gái', value: 'Nữ' },
];

/**
 * "Nam"/"Trai" -> Nam, "Nữ"/"Gái" -> Nữ: the first word after the label whose letters are within one edit of one of
 * them ("Vam", "Vữ" for an italic N), or two for a longer misreading ("AVam") when the other sex is further.
 * Marks break ties and count against the confidence ("Nu" is Nữ, less sure).
 */
export function parseSex(tokens: readonly LineToken[]): ParsedValue | null {
  for (const piece of wordPieces(tokens).slice(0, 3)) {
    const folded = foldVietnamese(piece.text);
    const ranked = sexWords
      .map((w) => ({
        ...w,
        distance: levenshtein(folded, foldVietnamese(w.written)),
        exact: piece.text.toLocaleLowerCase('vi') === w.written.toLocaleLowerCase('vi'),
      }))
      .sort((a, b) => a.distance - b.distance || Number(b.exact) - Number(a.exact));
    const best = ranked[0];
    const other = ranked.find((r) => r.value !== best?.value);
    if (!best || !other) continue;
    const clear =
      best.distance === 0 ||
      (best.distance === 1 && other.distance >= 2) ||
      (best.distance === 2 && folded.length >= 4 && other.distance >= 3);
    if (!clear) continue;
    const factor = best.exact ? 1 : best.distance === 0 ? 0.85 : best.distance === 1 ? 0.75 : 0.6;
    const notes = best.exact ? [] : [`Đọc được "${piece.text}", hiểu là ${best.value}.`];
    return { value: best.value, words: wordsOf([piece]), factor, support: best.exact ? 0.3 : 0, notes };
  }
  return null;
}

/** A four-digit year between `min` and `max` among the first words after the label. */
export function parseYear(tokens: readonly LineToken[], min: number, max: number): ParsedValue | null {
  for (const piece of wordPieces(tokens).slice(0, 3)) {
    if (!/^\d{4}$/.test(piece.text)) continue;
    const year = Number(piece.text);
    if (year >= min && year <= max)
      return { value: piece.text, words: wordsOf([piece]), factor: 1, notes: [] };
  }
  return null;
}
