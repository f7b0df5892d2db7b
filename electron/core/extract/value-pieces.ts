// The written part of a label's value: tokens cut at punctuation, leader debris dropped, stopped at the next column.
import type { OcrWord } from '../ocr/ocr-engine';
import type { LineToken } from './ocr-lines';

export type Piece = { text: string; word: OcrWord | null };

/** Leader and stray marks OCR reads around and inside written values ("PHAN.HỒNG", "Tĩnh.....", "_09."). */
const LEADER_MARKS = /[._…:;|"'`~*•·“”‘’!?()[\]{}<>=+^_\\]+/gu;

/**
 * Words of the value, in order, up to the first horizontal gap wider than `gapFactor` letter heights: a value is
 * written in one run, and what lies beyond such a gap is another column or debris at the end of a leader. On the
 * tuning pages 99% of the gaps between the words of a value are under 0.8 letter heights; 4 leaves room for hands.
 */
export function writtenTokens(
  tokens: readonly LineToken[],
  lineHeight: number,
  opts: { gapFactor?: number; withFlat?: boolean } = {},
): LineToken[] {
  const gapFactor = opts.gapFactor ?? 4;
  const out: LineToken[] = [];
  let lastRight: number | null = null;
  for (const token of tokens) {
    // withFlat: keep doubtful flat words too (a value's box merged with its leader comes back 4 px tall)
    if (token.leader && !(opts.withFlat && /[\p{L}\p{N}]/u.test(token.text))) continue;
    const box = token.word?.bbox;
    if (
      box &&
      lastRight !== null &&
      lineHeight > 0 &&
      box.x0 - lastRight > gapFactor * lineHeight &&
      out.length > 0
    )
      break;
    out.push(token);
    if (box) lastRight = box.x1;
  }
  return out;
}

/** Tokens split into letter/digit words at any punctuation (names, sex, numbers). */
export function wordPieces(tokens: readonly LineToken[]): Piece[] {
  return tokens.flatMap((token) =>
    token.text
      .split(/[^\p{L}\p{N}]+/u)
      .filter((text) => text !== '')
      .map((text) => ({ text, word: token.word })),
  );
}

/** Tokens cleaned of leader marks but keeping commas, slashes and inner hyphens (addresses, facility names). */
export function phrasePieces(tokens: readonly LineToken[]): Piece[] {
  return tokens.flatMap((token) =>
    token.text
      .replace(/[„‚]/g, ',') // low commas OCR reads for a written comma
      .replace(LEADER_MARKS, ' ')
      .replace(/,(?=\S)/g, ', ')
      .split(/\s+/)
      .map((text) =>
        text
          .replace(/^[-,]+/, '')
          .replace(/-+$/, '')
          .replace(/,{2,}$/, ','),
      )
      .filter((text) => /[\p{L}\p{N}]/u.test(text))
      .map((text) => ({ text, word: token.word })),
  );
}

/** The distinct words the pieces came from (evidence for the agent, and the confidences behind a value). */
export function wordsOf(pieces: readonly Piece[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (const piece of pieces) if (piece.word && !out.includes(piece.word)) out.push(piece.word);
  return out;
}

/**
 * tesseract's confidence in the words behind a value, 0..1: mostly the mean, pulled towards the weakest word (one
 * misread syllable spoils a name). Values without boxes (text typed in by hand) get 0.5.
 */
export function wordConfidence(words: readonly OcrWord[]): number {
  if (words.length === 0) return 0.5;
  const values = words.map((w) => Math.max(0, Math.min(100, w.confidence)) / 100);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return 0.6 * mean + 0.4 * Math.min(...values);
}
