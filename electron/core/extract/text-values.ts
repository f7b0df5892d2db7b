// Values read after a label: personal names (proper case, marks repaired), sex, a place, a year; each with its checks.
import type { OcrWord } from '../ocr/ocr-engine';
import { provinceCodes } from '../../common/province-codes';
import { foldVietnamese, tidyText } from '../../common/text';
import type { LineToken } from './ocr-lines';
import { hasNameLetters, repairNameSyllable } from './name-syllables';
import { phrasePieces, wordPieces, wordsOf, type Piece } from './value-pieces';
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

/**
 * A personal name: the syllables after the label up to the first thing that is not a syllable (leader debris, the
 * next column), in proper case ("DƯƠNG THỊ HỒNG LAN" -> "Dương Thị Hồng Lan"), marks repaired against name syllables.
 */
export function parseName(tokens: readonly LineToken[]): ParsedValue | null {
  const syllables: Piece[] = [];
  let skipped = 0;
  const pieces = wordPieces(tokens).flatMap((piece) => {
    if (isVietnameseSyllable(piece.text) || /\d/.test(piece.text)) return [piece];
    // "DƯƠơng": a letter read twice
    const single = piece.text.replace(/(\p{L})\1/giu, '$1');
    if (single !== piece.text && hasNameLetters(single) && isVietnameseSyllable(single)) return [{ text: single, word: piece.word }];
    // "MAIHẠNH", "TháilýKhảiTuấn": syllables glued together
    const parts = splitGlued(piece.text, hasNameLetters, 4);
    return parts ? parts.map((text) => ({ text, word: piece.word })) : [piece];
  });
  // one letter is debris (a leader's dash read as "I"), not a name syllable
  const isNamePart = (text: string) => [...text].length > 1 && isVietnameseSyllable(text) && !/\d/.test(text);
  for (const piece of pieces) {
    if (isNamePart(piece.text)) syllables.push(piece);
    else if (syllables.length >= 2) break;
    else {
      skipped += syllables.length + 1; // debris before the name: start again after it
      syllables.length = 0;
    }
  }
  if (syllables.length === 0) return null;
  const notes: string[] = [];
  let factor = 1;
  if (skipped > 0) {
    // what was skipped may have been a garbled part of the name (its surname, often)
    factor *= 0.6;
    notes.push('Có chữ không đọc được trước tên: có thể thiếu họ.');
  }
  const used = syllables.slice(0, 5);
  if (syllables.length > 5) {
    factor *= 0.6;
    notes.push('Tên dài hơn 5 chữ: có thể lẫn chữ khác, hãy đối chiếu.');
  }
  const repaired = used.map((piece, i) => {
    const read = properCase(piece.text);
    // inside a name "Thi" is all but always the women's middle name "Thị" with its dot lost (a given name "Thi" ends it)
    if (i > 0 && i < used.length - 1 && read === 'Thi') return { syllable: 'Thị', repaired: true, known: true };
    const repair = repairNameSyllable(read, i === 0 ? 'surname' : 'other');
    if (repair.repaired) factor *= 0.9;
    if (!repair.known) factor *= 0.9;
    return repair;
  });
  if (repaired.some((r) => r.repaired)) notes.push('Đã sửa dấu thanh theo tên thường gặp.');
  if (used.length < 2) {
    factor *= 0.4;
    notes.push('Chỉ đọc được một chữ của họ tên.');
  }
  // every syllable a common name syllable, 2-5 of them: the letters read are at least a plausible name
  const support = used.length >= 2 && repaired.every((r) => r.known) ? 0.3 : 0;
  return { value: repaired.map((r) => r.syllable).join(' '), words: wordsOf(used), factor, support, notes };
}

const sexWords: readonly { written: string; value: 'Nam' | 'Nữ' }[] = [
  { written: 'nam', value: 'Nam' },
  { written: 'trai', value: 'Nam' },
  { written: 'nữ', value: 'Nữ' },
  { written: 'gái', value: 'Nữ' },
];

/** Edit distance over decomposed letters: "vữ" is one edit from "nữ" (its marks agree), "nu" one from "nữ". */
const markedDistance = (a: string, b: string) => levenshtein(a.normalize('NFD').toLowerCase(), b.normalize('NFD').toLowerCase());

/**
 * "Nam"/"Trai" -> Nam, "Nữ"/"Gái" -> Nữ: the first of the words after the label within one edit of one of them
 * (marks count as letters, so "Vữ" for an italic "Nữ" is still read, while "Nu"/"Nừ" need their marks to agree).
 */
export function parseSex(tokens: readonly LineToken[]): ParsedValue | null {
  for (const piece of wordPieces(tokens).slice(0, 3)) {
    const ranked = sexWords.map((w) => ({ ...w, distance: markedDistance(piece.text, w.written) })).sort((a, b) => a.distance - b.distance);
    const [best, second] = ranked;
    if (!best || best.distance > 1 || (second && second.distance === best.distance && second.value !== best.value)) continue;
    const factor = best.distance === 0 ? 1 : 0.75;
    const notes = best.distance === 0 ? [] : [`Đọc được "${piece.text}", hiểu là ${best.value}.`];
    return { value: best.value, words: wordsOf([piece]), factor, support: best.distance === 0 ? 0.3 : 0, notes };
  }
  return null;
}

const provinceNames = [
  ...new Set([
    ...Object.values(provinceCodes),
    'Huế', 'Thanh Hóa', 'Khánh Hòa', 'Hòa Bình', 'Hồ Chí Minh',
  ]),
].map((name) => name.normalize('NFC'));

/**
 * The province at the end of a place, spelt as on the list when OCR slipped on a mark ("Hà Tỉnh" -> "Hà Tĩnh"); a
 * spelling that is on the list is kept as read (both "Thanh Hoá" and "Thanh Hóa" are in use).
 */
function repairProvince(words: string[]): { words: string[]; repaired: boolean } {
  for (const size of [4, 3, 2, 1]) {
    if (words.length < size) continue;
    const tail = words.slice(-size);
    const trailingComma = (tail[tail.length - 1] ?? '').endsWith(',');
    const read = tail.join(' ').replace(/,$/, '');
    if (provinceNames.includes(read)) return { words, repaired: false };
    const match = provinceNames.find((name) => foldVietnamese(name) === foldVietnamese(read));
    if (match) return { words: [...words.slice(0, -size), ...match.split(' ').map((w, i, a) => (i === a.length - 1 && trailingComma ? `${w},` : w))], repaired: true };
  }
  return { words, repaired: false };
}

/** Words of health facilities and administrative units, whose marks OCR drops ("Tram Y tế", "khu vưc", "Bẹnh viện"). */
const placeVocabulary = ['Trung tâm Y tế', 'Trạm Y tế', 'Bệnh viện', 'Phòng khám', 'Nhà hộ sinh', 'Đa khoa', 'Sản Nhi', 'Phụ sản', 'Trung ương', 'Quốc tế', 'khu vực', 'thị trấn', 'thành phố', 'phường', 'tỉnh', 'xã', 'Y tế'].map((p) => p.split(' '));

/** The vocabulary word's marks in the read word's case: "Tram" -> "Trạm", "BẸNH" -> "BỆNH". */
function withCaseOf(read: string, word: string): string {
  if (read.length > 1 && read === read.toLocaleUpperCase('vi')) return word.toLocaleUpperCase('vi');
  const first = read.charAt(0);
  return first === first.toLocaleUpperCase('vi') ? properCase(word) : word.toLocaleLowerCase('vi');
}

function repairVocabulary(words: string[]): { words: string[]; repaired: boolean } {
  const out = [...words];
  let repaired = false;
  for (let i = 0; i < out.length; i++) {
    for (const phrase of placeVocabulary) {
      const slice = out.slice(i, i + phrase.length).map((w) => w.replace(/,$/, ''));
      if (slice.length < phrase.length || slice.some((w, k) => foldVietnamese(w) !== foldVietnamese(phrase[k] ?? ''))) continue;
      phrase.forEach((word, k) => {
        const current = out[i + k] ?? '';
        const fixed = withCaseOf(current.replace(/,$/, ''), word) + (current.endsWith(',') ? ',' : '');
        if (fixed.toLocaleLowerCase('vi') !== current.toLocaleLowerCase('vi')) {
          out[i + k] = fixed;
          repaired = true;
        }
      });
      i += phrase.length - 1;
      break;
    }
  }
  return { words: out, repaired };
}

const isWordOfPlace = (w: string) => /\d/.test(w) || isVietnameseSyllable(w.replace(/[,-]/g, ''));

/** A place (health facility or address) as written, leader marks removed, marks of known words repaired. */
export function parsePlace(tokens: readonly LineToken[]): ParsedValue | null {
  const pieces = phrasePieces(tokens).flatMap((piece) => {
    if (isWordOfPlace(piece.text)) return [piece];
    const parts = splitGlued(piece.text.replace(/,$/, ''), (part) => isVietnameseSyllable(part), 2);
    if (!parts) return [piece];
    const comma = piece.text.endsWith(',') ? ',' : '';
    return parts.map((text, i) => ({ text: i === parts.length - 1 ? text + comma : text, word: piece.word }));
  });
  // debris after the place (a leader's end read as letters) is no syllable: drop it
  // (and no place name ends in a one-letter word: a lone "I" or "È" there is a leader's dash)
  const isDebris = (text: string) => !isWordOfPlace(text) || [...text.replace(/,$/, '')].length === 1;
  while (pieces.length > 1 && isDebris(pieces[pieces.length - 1]?.text ?? '')) pieces.pop();
  if (pieces.length === 0) return null;
  const vocabulary = repairVocabulary(pieces.map((p) => p.text));
  const province = repairProvince(vocabulary.words);
  const { words } = province;
  const repaired = vocabulary.repaired || province.repaired;
  const value = tidyText(words.join(' ').replace(/\s+,/g, ',').replace(/,$/, ''));
  let factor = 1;
  const notes: string[] = [];
  if (repaired) {
    factor *= 0.9;
    notes.push('Đã sửa dấu theo tên cơ sở y tế, đơn vị hành chính thường gặp.');
  }
  if (pieces.length < 2) factor *= 0.5;
  const odd = words.filter((w) => /\p{L}/u.test(w) && !isVietnameseSyllable(w.replace(/[,-]/g, '')) && !/\d/.test(w));
  if (odd.length > 0) {
    factor *= Math.max(0.4, 1 - 0.2 * odd.length);
    notes.push(`Có chữ đọc không rõ: ${odd.join(', ')}.`);
  }
  return { value, words: wordsOf(pieces), factor, notes };
}

/** A four-digit year between `min` and `max` among the first words after the label. */
export function parseYear(tokens: readonly LineToken[], min: number, max: number): ParsedValue | null {
  for (const piece of wordPieces(tokens).slice(0, 3)) {
    if (!/^\d{4}$/.test(piece.text)) continue;
    const year = Number(piece.text);
    if (year >= min && year <= max) return { value: piece.text, words: wordsOf([piece]), factor: 1, notes: [] };
  }
  return null;
}
