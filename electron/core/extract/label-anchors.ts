// Finds a form's printed labels in OCR lines by approximate matching of accent-folded letters (spaces ignored).
import type { LineToken, OcrLine } from './ocr-lines';
import { approximateSearch, foldChar } from './vietnamese-text';

export type LabelSpec<Id extends string = string> = {
  id: Id;
  /** letter keys (see letterKey), most specific first: "hovatenmenguoinuoiduong", "hovatenme" */
  keys: readonly string[];
  /** the label opens its line (short labels such as "Tại:" would match inside other words otherwise) */
  lineStart?: boolean;
};

/** A position in a line: a token and a UTF-16 offset into its text. */
export type TokenPosition = { token: number; offset: number };

export type Anchor<Id extends string = string> = {
  id: Id;
  line: OcrLine;
  /** where the label's first letter is */
  start: TokenPosition;
  /** just after the label's last letter: the value starts here */
  end: TokenPosition;
  /** edits between the label and what OCR read, and the key's length */
  cost: number;
  length: number;
};

type Letter = { token: number; before: number; after: number };

/** The line's letter key with, for each letter, the token and offsets it came from. */
function lineLetters(tokens: readonly LineToken[]): { key: string; letters: Letter[] } {
  let key = '';
  const letters: Letter[] = [];
  tokens.forEach((token, t) => {
    let offset = 0;
    for (const char of token.text) {
      for (const letter of foldChar(char)) {
        key += letter;
        letters.push({ token: t, before: offset, after: offset + char.length });
      }
      offset += char.length;
    }
  });
  return { key, letters };
}

/** Edits a label of `length` letters may differ by: none for 1-4 letters, 1 up to 7, 2 up to 11, then 20%. */
export function allowedCost(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  if (length <= 11) return 2;
  return Math.floor(length * 0.2);
}

type Candidate<Id extends string> = { id: Id; from: number; to: number; cost: number; length: number };

/**
 * Labels found in one line, not overlapping, each label at most once: of different labels competing for the same
 * letters, the closest match (by cost per letter, then the longest) wins.
 */
export function findLineAnchors<Id extends string>(
  line: OcrLine,
  specs: readonly LabelSpec<Id>[],
): Anchor<Id>[] {
  const { key, letters } = lineLetters(line.tokens);
  if (key === '') return [];
  const candidates: Candidate<Id>[] = [];
  for (const spec of specs) {
    // of a label's keys, the longest that matches: "Họ và tên mẹ/người nuôi dưỡng" read with a slip still beats an
    // exact "Họ và tên mẹ" that would leave "/người nuôi dưỡng" in the value
    let best: Candidate<Id> | null = null;
    for (const pattern of spec.keys) {
      const match = approximateSearch(pattern, key);
      if (!match || match.cost > allowedCost(pattern.length) || match.end <= match.start) continue;
      const first = letters[match.start];
      if (!first || !startsWord(line.tokens[first.token]?.text ?? '', first.before)) continue;
      if (spec.lineStart && first.token !== firstWritten(line.tokens)) continue;
      const candidate = {
        id: spec.id,
        from: match.start,
        to: match.end,
        cost: match.cost,
        length: pattern.length,
      };
      if (
        !best ||
        candidate.length > best.length ||
        (candidate.length === best.length && candidate.cost < best.cost)
      )
        best = candidate;
    }
    if (best) candidates.push(best);
  }
  candidates.sort((a, b) => a.cost / a.length - b.cost / b.length || b.length - a.length);
  const kept: Candidate<Id>[] = [];
  for (const c of candidates) {
    if (kept.some((k) => k.id === c.id || (c.from < k.to && k.from < c.to))) continue;
    kept.push(c);
  }
  return kept
    .sort((a, b) => a.from - b.from)
    .map((c) => {
      const first = letters[c.from] ?? { token: 0, before: 0, after: 0 };
      const last = letters[c.to - 1] ?? first;
      return {
        id: c.id,
        line,
        start: { token: first.token, offset: first.before },
        end: { token: last.token, offset: last.after },
        cost: c.cost,
        length: c.length,
      };
    });
}

/** A label begins a word: nothing but punctuation before it in its token ("-Ngày cấp" yes, "THIÊN" for "hiên" no). */
function startsWord(text: string, offset: number): boolean {
  return !/[\p{L}\p{N}]/u.test(text.slice(0, offset));
}

function firstWritten(tokens: readonly LineToken[]): number {
  const index = tokens.findIndex((t) => !t.leader);
  return index < 0 ? 0 : index;
}

/** Every label found on the page, line by line, in reading order. */
export function findAnchors<Id extends string>(
  lines: readonly OcrLine[],
  specs: readonly LabelSpec<Id>[],
): Anchor<Id>[] {
  return lines.flatMap((line) => findLineAnchors(line, specs));
}

/** The tokens between two positions of a line, the first and last cut at the offsets (a label glued to its value). */
export function tokensBetween(line: OcrLine, from: TokenPosition, to: TokenPosition | null): LineToken[] {
  const end = to ?? { token: line.tokens.length, offset: 0 };
  const out: LineToken[] = [];
  for (let t = from.token; t <= Math.min(end.token, line.tokens.length - 1); t++) {
    const token = line.tokens[t];
    if (!token) continue;
    const startAt = t === from.token ? from.offset : 0;
    const endAt = t === end.token ? end.offset : token.text.length;
    const text = token.text.slice(startAt, endAt);
    if (text !== '') out.push({ ...token, text });
  }
  return out;
}
