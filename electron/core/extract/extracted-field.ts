// What field extraction hands to the form: a value per field, its confidence, and the OCR words it came from.
import type { OcrWord } from '../ocr/ocr-engine';

export type BirthCertificateField =
  | 'childFullName'
  | 'childSex'
  | 'dateOfBirth'
  | 'timeOfBirth'
  | 'placeOfBirth'
  | 'motherFullName'
  | 'motherBirthYear'
  | 'motherIdNumber';

export type FieldEvidence = {
  /** the OCR line the label was found on */
  line: string;
  /** the words the value was read from, with their boxes (pixels of the image as given) and tesseract's confidences */
  words: OcrWord[];
};

export type ExtractedField<F extends string = BirthCertificateField> = {
  field: F;
  /**
   * NFC. Names in proper case ("Nguyễn Thị Hương"), sex "Nam" | "Nữ", dates dd/MM/yyyy, time HH:mm, ID numbers as
   * 12 digits, years yyyy.
   */
  value: string;
  /** 0..1: tesseract's confidence in the words, times the value's own checks (pattern, ID structure, repairs) */
  confidence: number;
  /** under LOW_CONFIDENCE: still offered, but the agent must compare it with the paper before confirming */
  lowConfidence: boolean;
  evidence: FieldEvidence;
  /** Vietnamese notes for the agent: what was checked or repaired ("Khớp năm sinh 1994 của mẹ.") */
  notes: string[];
};

/**
 * Below this a field is flagged. Chosen on the tuning seeds of bench:fields (1-40, never the reported ones): it
 * flagged 74% of the wrong values there and 19% of the right ones (0.65: 64% and 12%); an agent checks every value
 * anyway, the flag says which to read twice. See docs/BENCHMARKS.md "Field extraction".
 */
export const LOW_CONFIDENCE = 0.75;
