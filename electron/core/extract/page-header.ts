// The printed header of a Giấy chứng sinh (its top-left corner): the issuing facility's name and the province named there.
import { foldVietnamese } from '../../common/text';
import type { OcrLine } from './ocr-lines';
import { provinceNames } from './province-names';
import { levenshtein } from './vietnamese-text';

/**
 * What the header says, in the words OCR read (upper case as printed). The certificate is issued by the facility where
 * the child was born (Luật Hộ tịch art. 16, TT 22/2025/TT-BYT), so its name printed in the header is the place of
 * birth's facility, and the province of its "SỞ Y TẾ …" line is the facility's province: a second, printed reading
 * of what the place of birth's handwriting says.
 */
export type PageHeader = { facility: string[] | null; provinces: string[][] };

/** Facility kinds a header line starts with (folded): the line that names the facility. */
const FACILITY_STARTS = ['benh vien', 'trung tam y te', 'tram y te', 'phong kham', 'nha ho sinh'];

/** The words left of the national motto ("CỘNG HÒA XÃ HỘI…", "Độc lập - Tự do…") printed on the same lines. */
function leftWords(text: string): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = `${foldVietnamese(words[i] ?? '')} ${foldVietnamese(words[i + 1] ?? '')}`;
    if (levenshtein(pair, 'cong hoa') <= 1 || levenshtein(pair, 'doc lap') <= 1) break;
    out.push(words[i] ?? '');
  }
  return out;
}

const bare = (word: string) => word.replace(/[^\p{L}\p{N}]+/gu, '');

/** Province names said in these words (folded letters equal, spaces ignored), as the list spells them. */
function provincesIn(words: readonly string[]): string[][] {
  const found: string[][] = [];
  const folded = words.map((w) => foldVietnamese(bare(w)));
  for (const name of provinceNames) {
    const key = foldVietnamese(name.join(''));
    for (let i = 0; i < folded.length; i++) {
      const read = folded.slice(i, i + name.length).join('');
      if (read === key && !found.includes(name)) found.push(name);
    }
  }
  return found;
}

/**
 * The header: the lines above the first label of the body (`bodyStart`, a line index), at most the page's first five
 * lines. A header that cannot be read gives no facility and no provinces; nothing is guessed from it.
 */
export function readPageHeader(lines: readonly OcrLine[], bodyStart: number): PageHeader {
  const head = lines.filter((l) => l.index < bodyStart).slice(0, 5);
  let facility: string[] | null = null;
  const provinces: string[][] = [];
  for (const line of head) {
    const words = leftWords(line.text)
      .map(bare)
      .filter((w) => w !== '');
    const start = foldVietnamese(words.join(' '));
    if (
      !facility &&
      words.length >= 3 &&
      FACILITY_STARTS.some((s) => levenshtein(start.slice(0, s.length), s) <= 1)
    )
      facility = words;
    for (const name of provincesIn(words)) if (!provinces.includes(name)) provinces.push(name);
  }
  return { facility, provinces };
}
