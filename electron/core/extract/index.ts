// Public surface of field extraction from OCR'd documents (the Giấy chứng sinh for now).
export { extractBirthCertificateFields } from './birth-certificate';
export { readBirthCertificate, type BirthCertificateRead } from './read-birth-certificate';
export { secondLook } from './second-look';
export {
  LOW_CONFIDENCE,
  type BirthCertificateField,
  type ExtractedField,
  type FieldEvidence,
} from './extracted-field';
export { storedOcr, type OcrInput } from './ocr-lines';
