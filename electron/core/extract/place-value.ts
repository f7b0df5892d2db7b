// A place read after "Tại:": leader marks out, words of facilities and provinces repaired, nothing after the province.
import { foldVietnamese, tidyText } from '../../common/text';
import type { LineToken } from './ocr-lines';
import type { PageHeader } from './page-header';
import {
  alignWithHeader,
  commaBeforeProvince,
  mendCityUnit,
  mendProvinceEnd,
  properCaseUnitNames,
} from './place-checks';
import { provinceNames } from './province-names';
import type { ParsedValue } from './text-values';
import { repairCheckedTone } from './name-syllables';
import { phrasePieces, wordsOf } from './value-pieces';
import { isVietnameseSyllable, levenshtein, properCase, splitGlued } from './vietnamese-text';


/** Words of health facilities and administrative units, whose marks OCR drops ("Tram Y tế", "khu vưc", "Bẹnh viện"). */
const placeVocabulary = [
  'Bệnh viện Đa khoa',
  'Trung tâm Y tế',
  'Trạm Y tế',
  'Bệnh viện',
  'Phòng khám',
  'Nhà hộ sinh',
  'Đa khoa',
  'Sản Nhi',
  'Phụ sản',
  'Trung ương',
  'Quốc tế',
  'khu vực',
  'thị trấn',
  'thành phố',
  'phường',
  'tỉnh',
  'xã',
  'Y tế',
].map((p) => p.split(' '));

const bare = (word: string) => word.replace(/,$/, '');
const keepComma = (read: string, word: string) => (read.endsWith(',') ? `${word},` : word);

/** The vocabulary word's marks in the read word's case: "Tram" -> "Trạm", "BẸNH" -> "BỆNH", "TrUng" -> "Trung". */
function withCaseOf(read: string, word: string): string {
  if (read.length > 1 && read === read.toLocaleUpperCase('vi')) return word.toLocaleUpperCase('vi');
  const first = read.charAt(0);
  return first === first.toLocaleUpperCase('vi') ? properCase(word) : word.toLocaleLowerCase('vi');
}

/**
 * Do the read words say the phrase? Same letters, or one letter off where a read word is no syllable at all
 * ("Đa khna" is "Đa khoa"; "Đa khoá" is left alone, being a word).
 */
function saysPhrase(read: string[], phrase: string[]): boolean {
  if (read.length !== phrase.length) return false;
  const a = foldVietnamese(read.map(bare).join(' '));
  const b = foldVietnamese(phrase.join(' '));
  if (a === b) return true;
  // one letter off: where a read word is no syllable ("Đa khna"), or in a phrase of three words ("Trem Y tế")
  return (phrase.length >= 3 || read.some((w) => !isVietnameseSyllable(bare(w)))) && levenshtein(a, b) <= 1;
}

/** Administrative unit words, written in lower case inside a place (Nghị định 30/2020/NĐ-CP, Phụ lục II). */
const unitWords = new Set(['xã', 'phường', 'tỉnh', 'thị trấn', 'khu vực']);

function repairVocabulary(words: string[]): { words: string[]; repaired: boolean } {
  const out = [...words];
  let repaired = false;
  for (let i = 0; i < out.length; i++) {
    const phrase = placeVocabulary.find((p) => saysPhrase(out.slice(i, i + p.length), p));
    if (!phrase) continue;
    const lower = i > 0 && unitWords.has(phrase.join(' '));
    phrase.forEach((word, k) => {
      const read = out[i + k] ?? '';
      const fixed = keepComma(read, lower ? word : withCaseOf(bare(read), word));
      if (fixed !== read) {
        out[i + k] = fixed;
        repaired = true;
      }
    });
    i += phrase.length - 1;
  }
  return { words: out, repaired };
}

/**
 * The province, the last unit of a Vietnamese place: found after "tỉnh"/"thành phố" (or at the end), spelt as on the
 * list when OCR slipped on a mark ("Hà Tỉnh" -> "Hà Tĩnh"; both "Thanh Hoá" and "Thanh Hóa" are on it), and anything
 * read after it dropped (a leader's end read as "Sa").
 */
function repairProvince(words: string[]): { words: string[]; repaired: boolean } {
  for (let i = words.length - 1; i >= 0; i--) {
    const before = foldVietnamese(
      words
        .slice(Math.max(0, i - 2), i)
        .map(bare)
        .join(' '),
    );
    const afterUnit = before.endsWith('tinh') || before.endsWith('thanh pho');
    const nearUnit = i > 0 && levenshtein(foldVietnamese(bare(words[i - 1] ?? '')), 'tinh') === 1;
    for (const name of [...provinceNames].sort((a, b) => b.length - a.length)) {
      const read = words.slice(i, i + name.length);
      if (
        read.length !== name.length ||
        foldVietnamese(read.map(bare).join(' ')) !== foldVietnamese(name.join(' '))
      )
        continue;
      const end = i + name.length;
      const whole = name[0] === 'Thành';
      if (!afterUnit && !nearUnit && !whole && end !== words.length) continue;
      if (words.length - end > 3) continue;
      const spelt = provinceNames.some((n) => n.join(' ') === read.map(bare).join(' '))
        ? read.map(bare)
        : name;
      // the unit word before it, misread by a letter ("Lính Cà Mau", "tùnh Vĩnh Long"), is "tỉnh"
      const unit = words[i - 1] ?? '';
      const head =
        i > 0 && !afterUnit && levenshtein(foldVietnamese(bare(unit)), 'tinh') === 1
          ? [...words.slice(0, i - 1), keepComma(unit, 'tỉnh')]
          : words.slice(0, i);
      const repaired =
        spelt.join(' ') !== read.map(bare).join(' ') ||
        end !== words.length ||
        head.length < i ||
        head[i - 1] !== words[i - 1];
      return { words: [...head, ...spelt], repaired };
    }
  }
  return nearProvince(words) ?? { words, repaired: false };
}

/**
 * The place's last words after "tỉnh"/"thành phố", one letter off a province's name ("Vĩnh Lang", "Tuyên Quan"):
 * that province, when it is the only one that close and long enough (7+ letters) for one letter not to make another.
 */
function nearProvince(words: string[]): { words: string[]; repaired: boolean } | null {
  for (const size of [1, 2, 3]) {
    const i = words.length - size;
    const before = foldVietnamese(words.slice(Math.max(0, i - 2), Math.max(0, i)).map(bare).join(' '));
    if (i < 1 || !(before.endsWith('tinh') || before.endsWith('thanh pho'))) continue;
    const read = foldVietnamese(words.slice(i).map(bare).join(' '));
    const close = provinceNames.filter((name) => {
      const folded = foldVietnamese(name.join(' '));
      return folded.replace(/ /g, '').length >= 7 && levenshtein(read, folded) === 1;
    });
    const names = new Set(close.map((n) => foldVietnamese(n.join(' '))));
    if (names.size === 1 && close[0]) return { words: [...words.slice(0, i), ...close[0]], repaired: true };
  }
  return null;
}

const isWordOfPlace = (w: string) => /\d/.test(w) || isVietnameseSyllable(w.replace(/[,-]/g, ''));

/** A place (health facility or address) as written, leader marks removed, marks of known words repaired. */
export function parsePlace(tokens: readonly LineToken[], header: PageHeader | null = null): ParsedValue | null {
  const split = phrasePieces(tokens).flatMap((piece) => {
    if (isWordOfPlace(piece.text) || [...piece.text].length < 6) return [piece];
    const parts = splitGlued(bare(piece.text), (part) => isVietnameseSyllable(part), 2);
    if (!parts) return [piece];
    return parts.map((text, i) => ({
      text: i === parts.length - 1 ? keepComma(piece.text, text) : text,
      word: piece.word,
    }));
  });
  // the province's name mended before debris is dropped: its stray or split letters are part of it ("Đắk l ắk")
  const mended = mendProvinceEnd(
    split.map((p) => p.text),
    header,
  );
  const pieces = mended
    ? [
        ...split.slice(0, mended.start),
        ...mended.province.map((text, k) => ({ text, word: split[mended.start + k]?.word ?? split[split.length - 1]?.word ?? null })),
      ]
    : split;
  const provinceMended =
    mended !== null && mended.province.join(' ') !== split.slice(mended.start).map((p) => bare(p.text)).join(' ');
  // debris after the place (a leader's end read as letters) is no syllable, and no place ends in a one-letter word
  const isDebris = (text: string) => !isWordOfPlace(text) || [...bare(text)].length === 1;
  while (pieces.length > 1 && isDebris(pieces[pieces.length - 1]?.text ?? '')) pieces.pop();
  if (pieces.length === 0) return null;
  const toned = pieces.map((p) => {
    const fixed = repairCheckedTone(bare(p.text));
    return fixed ? keepComma(p.text, withCaseOf(bare(p.text), fixed)) : p.text;
  });
  const city = mendCityUnit(toned);
  const printed = alignWithHeader(city.words, header);
  const vocabulary = repairVocabulary(printed.words);
  if (city.repaired || toned.some((w, i) => w !== pieces[i]?.text)) vocabulary.repaired = true;
  const province = repairProvince(vocabulary.words);
  const cased = properCaseUnitNames(province.words);
  const words = commaBeforeProvince(cased.words);
  const value = tidyText(words.join(' ').replace(/\s+,/g, ',').replace(/,$/, ''));
  let factor = 1;
  const notes: string[] = [];
  if (vocabulary.repaired || province.repaired || cased.repaired) {
    factor *= 0.9;
    notes.push('Đã sửa theo tên cơ sở y tế, đơn vị hành chính thường gặp: hãy đối chiếu.');
  }
  if (printed.repaired) {
    factor *= 0.9;
    notes.push('Đã sửa theo tên cơ sở in ở đầu giấy: hãy đối chiếu.');
  }
  if (provinceMended && mended) {
    factor *= mended.exact ? 0.95 : 0.85;
    notes.push(`Tên tỉnh đọc không rõ, hiểu là ${mended.province.join(' ')}: hãy đối chiếu.`);
  }
  if (pieces.length < 2) factor *= 0.5;
  const odd = words.filter((w) => /\p{L}/u.test(w) && !isWordOfPlace(w));
  if (odd.length > 0) {
    factor *= Math.max(0.4, 1 - 0.2 * odd.length);
    notes.push(`Có chữ đọc không rõ: ${odd.join(', ')}.`);
  }
  return { value, words: wordsOf(pieces.slice(0, words.length)), factor, notes };
}
