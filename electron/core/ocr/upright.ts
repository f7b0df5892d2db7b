// Turning a page upright after OCR: when preprocessing found it sideways or upside down and the reading is sound,
// the page's rotation takes the turn and the word boxes move into the turned frame (no second recognition).
import type { PageRotation } from '../files/page-image';
import type { OcrBox, OcrResult, OcrWord } from './ocr-engine';

/**
 * A turn is applied only on a confident reading with enough words: tesseract reads a page turned the wrong way with
 * low confidence, and an ID card or a photo with a few words says too little about its orientation.
 */
export const UPRIGHT_MIN_CONFIDENCE = 70;
export const UPRIGHT_MIN_WORDS = 12;

/** The clockwise turn to add to the page's rotation, or 0 to leave it as the agent set it. */
export function uprightTurn(result: OcrResult): PageRotation {
  if (!result.orientation) return 0;
  if (result.confidence < UPRIGHT_MIN_CONFIDENCE) return 0;
  if (result.words.filter((w) => w.text.trim() !== '').length < UPRIGHT_MIN_WORDS) return 0;
  return result.orientation;
}

/**
 * A box in a frame of `width` x `height` pixels, as it lies once that frame is turned `turn` degrees clockwise.
 */
export function turnBox(box: OcrBox, turn: PageRotation, width: number, height: number): OcrBox {
  switch (turn) {
    case 0:
      return box;
    case 90:
      return { x0: height - box.y1, y0: box.x0, x1: height - box.y0, y1: box.x1 };
    case 180:
      return { x0: width - box.x1, y0: height - box.y1, x1: width - box.x0, y1: height - box.y0 };
    case 270:
      return { x0: box.y0, y0: width - box.x1, x1: box.y1, y1: width - box.x0 };
  }
}

/**
 * Words read in the frame of a page stored `storedWidth` x `storedHeight` (after EXIF) and shown at `rotation`, moved
 * into the frame of `rotation + turn`.
 */
export function turnWords(
  words: readonly OcrWord[],
  turn: PageRotation,
  page: { storedWidth: number; storedHeight: number; rotation: PageRotation },
): OcrWord[] {
  const sideways = page.rotation === 90 || page.rotation === 270;
  const width = sideways ? page.storedHeight : page.storedWidth;
  const height = sideways ? page.storedWidth : page.storedHeight;
  return words.map((w) => ({ ...w, bbox: turnBox(w.bbox, turn, width, height) }));
}
