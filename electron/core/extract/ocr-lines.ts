// OCR result -> lines of tokens, each token tied to its word box and confidence; leader debris marked by its shape.
import type { OcrWord } from '../ocr/ocr-engine';
import { median } from '../stats';

/** What extraction needs of an OCR result: what the engine returns, or a page's stored ocr_text and ocr_words. */
export type OcrInput = { text: string; words: readonly OcrWord[] };

const isWord = (value: unknown): value is OcrWord => {
  const w = value as Partial<OcrWord> | null;
  const b = w?.bbox;
  return (
    typeof w?.text === 'string' &&
    typeof w.confidence === 'number' &&
    typeof b?.x0 === 'number' &&
    typeof b.y0 === 'number' &&
    typeof b.x1 === 'number' &&
    typeof b.y1 === 'number'
  );
};

/**
 * A page's stored OCR (pages.ocr_text, pages.ocr_words) as extraction input; null while the page has no OCR text.
 * Words that are not well-formed are dropped (the text alone still gives values, with a neutral confidence).
 */
export function storedOcr(text: string | null, wordsJson: string | null): OcrInput | null {
  if (text === null) return null;
  const parse = (): unknown => {
    try {
      return wordsJson ? JSON.parse(wordsJson) : [];
    } catch {
      return [];
    }
  };
  const words = parse();
  return { text, words: Array.isArray(words) ? words.filter(isWord) : [] };
}

export type LineToken = {
  text: string;
  /** the engine's word for this token; null when the words could not be matched to the text (or none were stored) */
  word: OcrWord | null;
  /**
   * Read from a dotted, dashed or underscored leader rather than from writing: punctuation only, or a doubtful word
   * (confidence < 60) far flatter than the line's letters (tesseract reports the dashes it reads as letters as words
   * 3-8 px tall, letters are 25-60 px; a confident flat word, or letters run into dots, is a real word whose box
   * came back squashed).
   */
  leader: boolean;
};

export type OcrLine = {
  index: number;
  text: string;
  tokens: LineToken[];
  /** median height of the line's letter words in pixels; 0 without boxes */
  height: number;
};

const boxHeight = (word: OcrWord) => word.bbox.y1 - word.bbox.y0;
/** Letters run into a row of dots ("THƯ.....", "Thơ..."): a word written over its leader, whose box the dots flatten. */
const onLeader = /\p{L}[.…_]{2,}$/u;
const hasLetterOrDigit = (text: string) => /[\p{L}\p{N}]/u.test(text);

/**
 * Splits the text into lines and gives each whitespace token its word. tesseract builds the text from the same words in
 * the same order, so they pair up one by one; where they do not (a stored result edited by hand, words missing), the
 * pairing skips ahead a few words to find the token, and leaves it without a word otherwise.
 */
export function ocrLines(ocr: OcrInput): OcrLine[] {
  const words = ocr.words;
  // letters as the page prints them: confidently read words only, so a line of leader debris cannot set its own scale
  const confident = (word: OcrWord | null, text: string) =>
    word !== null && word.confidence >= 60 && /\p{L}/u.test(text);
  const pageHeight = median(words.filter((w) => confident(w, w.text)).map(boxHeight));
  let next = 0;
  const lines: OcrLine[] = [];
  for (const [index, raw] of ocr.text.normalize('NFC').split('\n').entries()) {
    const texts = raw.split(/\s+/).filter((t) => t !== '');
    if (texts.length === 0) continue;
    const paired = texts.map((text) => {
      for (let k = next; k < Math.min(words.length, next + 4); k++) {
        const word = words[k];
        if (word && word.text.normalize('NFC') === text) {
          next = k + 1;
          return { text, word };
        }
      }
      return { text, word: null };
    });
    const heights = paired.flatMap(({ text, word }) =>
      word && confident(word, text) ? [boxHeight(word)] : [],
    );
    const height = heights.length >= 2 ? median(heights) : pageHeight;
    const tokens = paired.map(({ text, word }) => ({
      text,
      word,
      leader:
        !hasLetterOrDigit(text) ||
        (word !== null &&
          word.confidence < 60 &&
          height > 0 &&
          boxHeight(word) < 0.35 * height &&
          !onLeader.test(text)),
    }));
    lines.push({ index, text: texts.join(' '), tokens, height });
  }
  return lines;
}
