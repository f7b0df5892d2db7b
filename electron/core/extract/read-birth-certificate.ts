// OCR + field extraction for one Giấy chứng sinh image: what the form prefill and bench:fields call on a page.
import type { OcrEngine, OcrResult, RecognizeOptions } from '../ocr/ocr-engine';
import { extractBirthCertificateFields } from './birth-certificate';
import type { ExtractedField } from './extracted-field';

export type BirthCertificateRead = { fields: ExtractedField[]; ocr: OcrResult };

/**
 * Recognises the image with the app's engine (its preprocessing included) and reads the certificate's fields. A page
 * that was already OCRed needs no second pass: call extractBirthCertificateFields on its stored text and words.
 */
export async function readBirthCertificate(
  engine: OcrEngine,
  image: Uint8Array,
  opts: RecognizeOptions = {},
): Promise<BirthCertificateRead> {
  const ocr = await engine.recognize(image, opts);
  return { fields: extractBirthCertificateFields(ocr), ocr };
}
