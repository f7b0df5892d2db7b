// Vietnamese text for field extraction: letter keys for fuzzy label matching, syllable shape, proper case, edit distance.
import { foldVietnamese } from '../../common/text';

/** Folded to [a-z0-9] only: "Họ và tên mẹ/người" -> "hovatenmenguoi" (OCR drops and adds spaces, so they do not count). */
export function letterKey(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]/g, '');
}

/** The fold of one character ("" for marks, spaces and punctuation), so a key can be mapped back to the text. */
export function foldChar(char: string): string {
  return letterKey(char);
}

// Folded vowel groups a Vietnamese syllable can have (nucleus with its glides), e.g. "uye" in "nguyên", "uoi" in "người".
const vowelGroups = new Set(
  'a e i o u y ai ao au ay eo eu ia ie iu oa oe oi oo ua ue ui uo uu uy ya ye ieu yeu oai oay oeo uay uoi uou uya uye uyu uai uao'.split(
    ' ',
  ),
);
// final k: place names from minority languages ("Đắk Lắk", "Krông Búk")
const syllableShape =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?([aeiouy]{1,3})(ng|nh|ch|[cmnptk])?$/;

/**
 * True when a word has the shape of one Vietnamese syllable (initial, vowel group, final), as every syllable of a name
 * or a place must: "Nguyễn", "Hằng", "Quỳnh" do, leader debris such as "II", "tt", "CC" or "nnnnt" does not.
 */
export function isVietnameseSyllable(word: string): boolean {
  const folded = foldVietnamese(word);
  if (!/^[a-z]+$/.test(folded)) return false;
  const match = syllableShape.exec(folded);
  if (!match) return false;
  return vowelGroups.has(match[2] ?? '') && !breaksSpellingRules(word, match[3]);
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * Two rules of Vietnamese spelling that a word of the right shape can still break, as OCR's slipped marks often do:
 * â and ă never end a syllable ("phấ" is "phố" misread; "ây", "âu" end in a glide), and a syllable closed by c, ch,
 * p or t takes only the sắc or nặng tone ("Bạch", "Bắc"; "Thàch", "Lộcc" cannot be). Words without marks pass (OCR
 * often drops every mark of a line; repairCheckedTone deals with those).
 */
function breaksSpellingRules(word: string, final: string | undefined): boolean {
  const nfd = word.normalize('NFD').toLowerCase();
  const vowels = nfd.replace(TONES, '').normalize('NFC');
  if (final === undefined && /[âă]$/u.test(vowels)) return true;
  if (final !== undefined && ['c', 'ch', 'p', 't'].includes(final) && /[\u0300\u0303\u0309]/u.test(nfd)) return true;
  return false;
}

/** "NGUYỄN" or "nguyễn" -> "Nguyễn" (NFC; Vietnamese has no special casing beyond Đ/đ, which toUpperCase handles). */
export function properCase(word: string): string {
  const lower = word.normalize('NFC').toLocaleLowerCase('vi');
  const first = lower.charAt(0);
  return first.toLocaleUpperCase('vi') + lower.slice(1);
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur.push(
        Math.min(
          (prev[j] ?? 0) + 1,
          (cur[j - 1] ?? 0) + 1,
          (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        ),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

export type ApproximateMatch = { start: number; end: number; cost: number };

/**
 * Best approximate occurrence of `pattern` in `text` (Sellers' algorithm: edit distance, free start and end in the
 * text). `end` is exclusive. Ties go to the earliest end, then the longest match.
 */
export function approximateSearch(pattern: string, text: string): ApproximateMatch | null {
  const m = pattern.length;
  if (m === 0 || text.length === 0) return null;
  // column over the pattern for the current text position: cost and where the match started
  let cost = Array.from({ length: m + 1 }, (_, i) => i);
  let start = Array.from({ length: m + 1 }, () => 0);
  let best: ApproximateMatch | null = null;
  for (let j = 1; j <= text.length; j++) {
    const nextCost = [0];
    const nextStart = [j];
    for (let i = 1; i <= m; i++) {
      const diagonal = (cost[i - 1] ?? 0) + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      const up = (nextCost[i - 1] ?? 0) + 1; // pattern letter missing in the text
      const left = (cost[i] ?? 0) + 1; // extra letter in the text
      if (diagonal <= up && diagonal <= left) {
        nextCost.push(diagonal);
        nextStart.push(i === 1 ? j - 1 : (start[i - 1] ?? 0));
      } else if (left <= up) {
        nextCost.push(left);
        nextStart.push(start[i] ?? 0);
      } else {
        nextCost.push(up);
        nextStart.push(nextStart[i - 1] ?? 0);
      }
    }
    cost = nextCost;
    start = nextStart;
    const c = cost[m] ?? m;
    if (best === null || c < best.cost) best = { start: start[m] ?? 0, end: j, cost: c };
  }
  return best;
}

/**
 * Words OCR glued together ("MAIHẠNH", "thànhphố") cut back into syllables of two letters or more that each pass
 * `accept`: as few pieces as possible (up to `parts`), the longest first piece first; null when no cut works.
 */
export function splitGlued(word: string, accept: (part: string) => boolean, parts = 3): string[] | null {
  const cut = (chars: string[], pieces: number): string[] | null => {
    if (pieces === 1) return chars.length >= 2 && accept(chars.join('')) ? [chars.join('')] : null;
    for (let i = chars.length - 2; i >= 2; i--) {
      const head = chars.slice(0, i).join('');
      if (!accept(head)) continue;
      const rest = cut(chars.slice(i), pieces - 1);
      if (rest) return [head, ...rest];
    }
    return null;
  };
  const chars = [...word];
  for (let pieces = 2; pieces <= parts; pieces++) {
    const found = cut(chars, pieces);
    if (found) return found;
  }
  return null;
}
