// Checks of a place of birth against what else the page and the province list say: the header's facility, the province.
import { foldVietnamese } from '../../common/text';
import type { PageHeader } from './page-header';
import { provinceNames } from './province-names';
import { isNameSyllable } from './name-syllables';
import { isVietnameseSyllable, levenshtein, properCase } from './vietnamese-text';

const bare = (word: string) => word.replace(/[,.]+$/, '');
const keepComma = (read: string, word: string) => (read.endsWith(',') ? `${word},` : word);
const letters = (words: readonly string[]) => foldVietnamese(words.map(bare).join('')).replace(/[^a-z]/g, '');

/** Where the province's name starts: after the last "tỉnh" or "thành phố" (a letter off allowed), or -1. */
function afterProvinceUnit(words: readonly string[]): number {
  const folded = words.map((w) => foldVietnamese(bare(w)));
  // "Tĩnh" of "Hà Tĩnh" has the letters of "tỉnh": the place's last word, ending a province's name, is no unit
  const endsProvince = (i: number) =>
    i === folded.length - 1 &&
    provinceNames.some(
      (name) =>
        name.length > 1 &&
        folded.slice(i - name.length + 1, i + 1).join(' ') === foldVietnamese(name.join(' ')),
    );
  for (const slips of [0, 1]) {
    // a letter off only with a name after it ("Lính Cà Mau"), never the name itself ("Ninh Bình")
    const last = slips === 0 ? folded.length - 1 : folded.length - 2;
    for (let i = last; i >= 0; i--) {
      const word = folded[i] ?? '';
      if (levenshtein(word, 'tinh') <= slips && word.length >= 3 && !endsProvince(i)) return i + 1;
      if (i > 0 && folded[i - 1] === 'thanh' && levenshtein(word, 'pho') <= slips) return i + 1;
    }
  }
  return -1;
}

/**
 * The words after "tỉnh"/"thành phố", stray letters and split words included ("Đắk l ắk", "Sơn Lq", "Tàn Cai"), read
 * as the one province they can be: its letters exactly; else a province the header names, at most two letters off;
 * else the only province one letter off when every other is three or more off (a province after "tỉnh" is on the
 * list, so a name that close and that alone is the one written). Null when no province is that clear.
 */
export function mendProvinceEnd(
  words: readonly string[],
  header: PageHeader | null,
): { start: number; province: string[]; exact: boolean } | null {
  const start = afterProvinceUnit(words);
  if (start < 1 || start >= words.length || words.length - start > 4) return null;
  const read = letters(words.slice(start));
  if (read.length < 2) return null;
  const ranked = provinceNames
    .map((name) => ({ name, distance: levenshtein(read, letters(name)) }))
    .sort((a, b) => a.distance - b.distance);
  const [best, next] = ranked;
  if (!best) return null;
  if (best.distance === 0) {
    // the same words with other marks are repairProvince's to spell ("Khánh Hoà" and "Khánh Hòa" are both on the list)
    if (words.length - start === best.name.length) return null;
    return { start, province: best.name, exact: true };
  }
  const fromHeader = header?.provinces.find((p) => levenshtein(read, letters(p)) <= 2);
  if (fromHeader) return { start, province: fromHeader, exact: false };
  if (best.distance === 1 && (!next || next.distance >= 3))
    return { start, province: best.name, exact: false };
  return null;
}

/** The vocabulary word's marks in the read word's case: upper, proper or lower. */
function inCaseOf(read: string, word: string): string {
  if (read.length > 1 && read === read.toLocaleUpperCase('vi')) return word.toLocaleUpperCase('vi');
  const first = read.charAt(0);
  return first === first.toLocaleUpperCase('vi') ? properCase(word) : word.toLocaleLowerCase('vi');
}

/**
 * The place's first words against the facility name printed in the header ("Bệnh viện Đa khna thành phấ Huế" under
 * "BỆNH VIỆN ĐA KHOA THÀNH PHỐ HUẾ"): when every word of the header's name lines up with the place's, each at most a
 * letter off and two letters off in all, a place word that is no syllable or is a letter off takes the printed
 * word's letters and marks. A syllable with the same letters keeps its own marks: printed capitals lose marks to OCR
 * as often as handwriting does, so they cannot overrule it.
 */
export function alignWithHeader(
  words: readonly string[],
  header: PageHeader | null,
): { words: string[]; repaired: boolean } {
  const printed = header?.facility ?? null;
  const out = [...words];
  if (!printed || printed.length < 3 || words.length < printed.length) return { words: out, repaired: false };
  const pairs = printed.map((p, i) => ({
    printed: p,
    read: words[i] ?? '',
    distance: levenshtein(foldVietnamese(p), foldVietnamese(bare(words[i] ?? ''))),
  }));
  // a word two letters off ("khit" for "KHU") only inside a long name that lines up otherwise
  const most = printed.length >= 5 ? 2 : 1;
  if (pairs.some((p) => p.distance > most) || pairs.reduce((n, p) => n + p.distance, 0) > most + 1)
    return { words: out, repaired: false };
  let repaired = false;
  pairs.forEach((p, i) => {
    const read = bare(p.read);
    const sound = isVietnameseSyllable(read);
    // same letters, other marks: the printed word only when it is a syllable of names and places and the read one is
    // not ("Tận Lập" under "TÂN LẬP")
    const markSlip = p.distance === 0 && isNameSyllable(p.printed) && !isNameSyllable(read);
    if (!isVietnameseSyllable(p.printed) || (sound && p.distance === 0 && !markSlip)) return;
    const fixed = keepComma(p.read, inCaseOf(read, p.printed));
    if (fixed !== p.read) {
      out[i] = fixed;
      repaired = true;
    }
  });
  return { words: out, repaired };
}

/**
 * A unit's own name is a proper name, each syllable capitalised ("xã lạc long" -> "xã Lạc Long"): the words after
 * "xã", "phường", "khu vực", "thị trấn", "tỉnh", "thành phố" up to a comma or the next unit word.
 */
export function properCaseUnitNames(words: readonly string[]): { words: string[]; repaired: boolean } {
  const out = [...words];
  const folded = out.map((w) => foldVietnamese(bare(w)));
  let repaired = false;
  let inName = false;
  for (let i = 0; i < out.length; i++) {
    const one = folded[i] ?? '';
    const two = `${one} ${folded[i + 1] ?? ''}`;
    const unitLength = ['khu vuc', 'thi tran', 'thanh pho', 'dac khu'].includes(two)
      ? 2
      : ['xa', 'phuong', 'tinh'].includes(one)
        ? 1
        : 0;
    if (unitLength > 0 && out[i] === out[i]?.toLocaleLowerCase('vi')) {
      inName = true;
      i += unitLength - 1;
      continue;
    }
    const word = out[i] ?? '';
    if (inName && /^\p{Ll}/u.test(word) && isVietnameseSyllable(bare(word))) {
      out[i] = properCase(word);
      repaired = true;
    }
    if (word.endsWith(',')) inName = false;
  }
  return { words: out, repaired };
}

/** Unit words that open a part of an address ("xã Trung Hà", "khu vực Yên Thế"), in folded letters. */
const OPENING_UNITS = ['xa', 'phuong', 'thi tran', 'khu vuc', 'dac khu'];

/**
 * Parts of a Vietnamese address are set apart by commas ("xã Trung Hà, tỉnh Sơn La"): a "tỉnh"/"thành phố" after a
 * part opened by a unit word gets the comma OCR lost or read as a period. A facility's own name ("Bệnh viện Đa khoa
 * tỉnh Lào Cai") has no unit word before it and is left as read.
 */
export function commaBeforeProvince(words: readonly string[]): string[] {
  const out = [...words];
  const start = afterProvinceUnit(out);
  const unitAt = start - (foldVietnamese(bare(out[start - 1] ?? '')) === 'pho' ? 2 : 1);
  if (start < 0 || unitAt < 2) return out;
  const folded = out.slice(0, unitAt).map((w) => foldVietnamese(bare(w)));
  const opened = folded.some(
    (w, i) => OPENING_UNITS.includes(w) || OPENING_UNITS.includes(`${w} ${folded[i + 1] ?? ''}`),
  );
  const before = out[unitAt - 1] ?? '';
  if (opened && !before.endsWith(',')) out[unitAt - 1] = `${bare(before)},`;
  return out;
}

/** Cities run by the centre (thành phố trực thuộc trung ương, Nghị quyết 202/2025/QH15), folded: "thành phố" before them. */
const CITIES = ['ha noi', 'hue', 'hai phong', 'da nang', 'ho chi minh', 'can tho'];

/**
 * "thành nhấ Cần Thơ": between "thành" and a centrally-run city's name only "phố" can stand, so a word there that is
 * no syllable, or two letters or fewer off "phố", is "phố".
 */
export function mendCityUnit(words: readonly string[]): { words: string[]; repaired: boolean } {
  const out = [...words];
  const folded = out.map((w) => foldVietnamese(bare(w)));
  let repaired = false;
  for (let i = 0; i + 2 < out.length; i++) {
    const unit = folded[i + 1] ?? '';
    if (folded[i] !== 'thanh' || unit === 'pho') continue;
    const city = CITIES.some((c) => folded.slice(i + 2, i + 2 + c.split(' ').length).join(' ') === c);
    const read = bare(out[i + 1] ?? '');
    if (!city || (isVietnameseSyllable(read) && levenshtein(unit, 'pho') > 2)) continue;
    out[i + 1] = keepComma(
      out[i + 1] ?? '',
      read === read.toLocaleUpperCase('vi') && read.length > 1 ? 'PHỐ' : 'phố',
    );
    repaired = true;
  }
  return { words: out, repaired };
}
