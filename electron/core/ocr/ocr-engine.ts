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
};

export type OcrEngine = {
  recognize(image: Uint8Array, opts?: RecognizeOptions): Promise<OcrResult>;
  terminate(): Promise<void>;
};
