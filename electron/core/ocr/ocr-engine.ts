// The OCR port: what core needs from an OCR engine (tesseract.js in the app, a fake in tests).
import type { PageRotation } from '../files/page-image';

export type OcrBox = { x0: number; y0: number; x1: number; y1: number };

export type OcrWord = { text: string; confidence: number; bbox: OcrBox };

export type OcrResult = {
  /** NFC, lines separated by \n */
  text: string;
  /** 0-100, tesseract's mean word confidence */
  confidence: number;
  /** in pixels of the image as recognised (after EXIF orientation and `rotation`) */
  words: OcrWord[];
  durationMs: number;
  /**
   * Set when preprocessing found the page turned: the clockwise quarter turn, on top of `rotation`, that shows it
   * upright (a candidate for the page's rotation). `words` stay in the frame described above.
   */
  orientation?: PageRotation;
};

export type RecognizeOptions = {
  /** clockwise degrees to turn the image before recognition (the page's rotation in the dossier) */
  rotation?: PageRotation;
  /**
   * A small crop rather than a page (field extraction's second look at one value): false skips the engine's page
   * preprocessing (page finding, deskew, leaders) that a single line does not need. Default: the engine's setting.
   */
  preprocess?: false;
  /** 'line': the image is one line of text (tesseract PSM 7); default a block of text (PSM 6) */
  layout?: 'block' | 'line';
  /** only these characters may be read (tessedit_char_whitelist), e.g. digits for an ID number; default any */
  characters?: string;
};

export type OcrEngine = {
  recognize(image: Uint8Array, opts?: RecognizeOptions): Promise<OcrResult>;
  terminate(): Promise<void>;
};
