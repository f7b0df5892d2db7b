// OCR + field extraction for one Giấy chứng sinh image: what the form prefill and bench:fields call on a page.
import type { OcrEngine, OcrResult, RecognizeOptions } from '../ocr/ocr-engine';
import { extractBirthCertificateFields } from './birth-certificate';
import type { BirthCertificateField, ExtractedField } from './extracted-field';
import { secondLook } from './second-look';

export type BirthCertificateRead = { fields: ExtractedField[]; ocr: OcrResult };

/**
 * Below this a value is as good as missing: on the tuning seeds (41-88) half the values under 0.3 were wrong, and a
 * twelfth of the pages had one.
 */
const WEAK = 0.3;

/** The fields a Giấy chứng sinh always has (those of NAME.fields.json); a page missing one is read once more. */
const EXPECTED: readonly BirthCertificateField[] = [
  'childFullName',
  'childSex',
  'dateOfBirth',
  'placeOfBirth',
  'motherFullName',
  'motherIdNumber',
];

/**
 * Recognises the image with the app's engine (its preprocessing included) and reads the certificate's fields; with
 * `secondLook` (default on) each written value's line is then re-read from the image and decided by vote
 * (second-look.ts), and when a field is still missing or weak (confidence under WEAK), the whole page is recognised
 * once more without the page preprocessing and those fields are taken from that reading where it is surer: on the tuning seeds (41-88) the preprocessed
 * page had lost its top lines (the mother's name, her ID) on 4 noisy scans of 24 that the plain page read whole. A
 * page that was already OCRed needs no page-level pass: call extractBirthCertificateFields on its stored text and
 * words, or secondLook with them and the image.
 */
export async function readBirthCertificate(
  engine: OcrEngine,
  image: Uint8Array,
  opts: RecognizeOptions & { secondLook?: boolean } = {},
): Promise<BirthCertificateRead> {
  const { secondLook: again = true, ...recognize } = opts;
  const rotation = recognize.rotation ?? 0;
  const ocr = await engine.recognize(image, recognize);
  if (!again) return { fields: extractBirthCertificateFields(ocr), ocr };
  const fields = await secondLook(engine, image, rotation, ocr);
  // weak in the page's own reading counts too: crops cut around a garbled first reading can agree on a cut value
  // ("Cao Bả" three times for "Cao Bảo Huyền", tuning seed 112) that the plain page then reads whole
  const firstPass = extractBirthCertificateFields(ocr);
  const isWeak = (read: readonly ExtractedField[], name: BirthCertificateField) =>
    (read.find((f) => f.field === name)?.confidence ?? 0) < WEAK;
  const weak = EXPECTED.filter((name) => isWeak(fields, name) || isWeak(firstPass, name));
  if (weak.length === 0) return { fields, ocr };
  const plain = await engine.recognize(image, { ...recognize, preprocess: false });
  const more = await secondLook(engine, image, rotation, plain);
  for (const found of more) {
    if (!weak.includes(found.field)) continue;
    const at = fields.findIndex((f) => f.field === found.field);
    if (at >= 0 && (fields[at]?.confidence ?? 0) >= found.confidence) continue;
    const read = { ...found, notes: [...found.notes, 'Đọc từ lần nhận dạng lại cả trang (không xử lý ảnh trước).'] };
    if (at >= 0) fields[at] = read;
    else fields.push(read);
  }
  return { fields, ocr };
}
