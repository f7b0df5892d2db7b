// Reads a CCCD image: front QR first, then the back MRZ, then OCR of the printed fields; says where each value came from.
import sharp from 'sharp';
import { AppError } from '../../common/errors';
import { foldVietnamese } from '../../common/text';
import { parseCardOcrText } from './ocr-fields';
import { findTd1Lines, parseTd1, td1NameLine, type Td1Reading } from './mrz';
import { decodeQrFromImage, type QrDecodeOptions, type QrDecodeResult } from './qr-decode';
import { parseCccdQr, type CccdQrFields, type CccdQrVersion } from './qr-parse';

export type IdCardFields = CccdQrFields & { expiryDate: string | null };
export type IdCardField = keyof IdCardFields;
export type IdCardSource = 'qr' | 'mrz' | 'ocr';
export type IdCardConflict = {
  field: 'idNumber' | 'dateOfBirth' | 'sex' | 'fullName';
  qr: string;
  mrz: string;
};

export type IdCardReading = {
  source: IdCardSource | 'none';
  fields: Partial<IdCardFields>;
  perField: Partial<Record<IdCardField, IdCardSource>>;
  conflicts: IdCardConflict[];
  /** what the agent must look at, in Vietnamese */
  problems: string[];
  /** informative: OCR slips repaired in the MRZ, the QR layout version */
  notes: string[];
  qrVersion: CccdQrVersion | null;
};

export type ReadIdCardDeps = {
  /** OCR of an image (PNG bytes) to plain text; without it only the QR is read */
  ocr?: (image: Uint8Array) => Promise<string>;
  decodeQr?: (image: Uint8Array, options: QrDecodeOptions) => Promise<QrDecodeResult | null>;
  wasmPath?: string;
  currentYear?: number;
};

// The MRZ takes the bottom ~35% of the back; 45% leaves room for a card photographed off-centre.
const mrzBand = 0.45;

type Card = { image: Uint8Array; width: number; height: number };

/** Size after EXIF rotation; refuses what sharp cannot read as an image. */
async function inspect(image: Uint8Array): Promise<Card> {
  try {
    const meta = await sharp(image, { limitInputPixels: 100_000_000 }).metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    const swap = (meta.orientation ?? 1) >= 5;
    return { image, width: swap ? meta.height : meta.width, height: swap ? meta.width : meta.height };
  } catch {
    throw new AppError('FILE_CORRUPT', { name: 'ảnh thẻ căn cước' });
  }
}

const uprightPng = (card: Card) =>
  sharp(card.image, { limitInputPixels: 100_000_000 }).rotate().png().toBuffer();

async function lowerBand(card: Card): Promise<Buffer> {
  const top = Math.floor(card.height * (1 - mrzBand));
  return sharp(card.image, { limitInputPixels: 100_000_000 })
    .rotate()
    .extract({ left: 0, top, width: card.width, height: card.height - top })
    .png()
    .toBuffer();
}

function mrzFromText(text: string, currentYear: number | undefined): Td1Reading | null {
  const lines = findTd1Lines(text);
  if (!lines) return null;
  const parsed = parseTd1(lines, currentYear === undefined ? {} : { currentYear });
  return parsed.ok ? parsed.reading : null;
}

/** The MRZ name line a QR name would produce: "Trần Đình Trung" -> "TRAN<<DINH<TRUNG<<<...". */
function mrzNameOf(fullName: string): string {
  const [surname = '', ...given] = foldVietnamese(fullName).toUpperCase().split(' ');
  return td1NameLine(surname, given.join(' '));
}

function conflictsBetween(qr: CccdQrFields, mrz: Td1Reading): IdCardConflict[] {
  const conflicts: IdCardConflict[] = [];
  const d = mrz.data;
  const mrzId = d.idNumber ?? d.documentNumber;
  const qrId = d.idNumber !== null ? qr.idNumber : qr.idNumber.slice(3);
  if (mrz.checks.some((c) => c.field === 'documentNumber' && c.ok) && mrzId !== qrId) {
    conflicts.push({ field: 'idNumber', qr: qr.idNumber, mrz: mrzId });
  }
  if (d.dateOfBirth !== null && d.dateOfBirth.slice(2) !== qr.dateOfBirth.slice(2)) {
    conflicts.push({ field: 'dateOfBirth', qr: qr.dateOfBirth, mrz: d.dateOfBirth });
  }
  if (d.sex !== null && d.sex !== qr.sex) conflicts.push({ field: 'sex', qr: qr.sex, mrz: d.sex });
  if (mrzNameOf(qr.fullName) !== td1NameLine(d.surname, d.givenNames))
    conflicts.push({ field: 'fullName', qr: qr.fullName, mrz: d.fullName });
  return conflicts;
}

const conflictLabels: Record<IdCardConflict['field'], string> = {
  idNumber: 'số định danh',
  dateOfBirth: 'ngày sinh',
  sex: 'giới tính',
  fullName: 'họ tên',
};

/** Values from the MRZ whose own check digit passed (the name has none: taken, marked as without diacritics). */
function mrzFields(mrz: Td1Reading): Partial<IdCardFields> {
  const ok = (field: string) => mrz.checks.some((c) => c.field === field && c.ok);
  const d = mrz.data;
  const fields: Partial<IdCardFields> = {};
  if (d.idNumber !== null) fields.idNumber = d.idNumber;
  if (ok('dateOfBirth') && d.dateOfBirth !== null) fields.dateOfBirth = d.dateOfBirth;
  if (d.sex !== null) fields.sex = d.sex;
  if (ok('expiryDate')) fields.expiryDate = d.expiryDate;
  if (d.fullName !== '') fields.fullName = d.fullName;
  return fields;
}

/**
 * Reads an ID card picture (either side, or both on one scan). QR first; then the MRZ from the OCR text of
 * the lower part (when `deps.ocr` is given); then the OCR'd printed fields when neither gave anything.
 * Every value is a proposal the agent confirms; `perField` says where it came from.
 */
export async function readIdCard(image: Uint8Array, deps: ReadIdCardDeps = {}): Promise<IdCardReading> {
  const card = await inspect(image);
  const reading: IdCardReading = {
    source: 'none',
    fields: {},
    perField: {},
    conflicts: [],
    problems: [],
    notes: [],
    qrVersion: null,
  };
  const take = (fields: Partial<IdCardFields>, source: IdCardSource) => {
    for (const [key, value] of Object.entries(fields) as [IdCardField, IdCardFields[IdCardField]][]) {
      if (value === undefined || reading.perField[key] !== undefined) continue;
      Object.assign(reading.fields, { [key]: value });
      reading.perField[key] = source;
    }
  };

  const qrRejections: string[] = [];
  const decode = deps.decodeQr ?? decodeQrFromImage;
  const qrText = await decode(card.image, {
    ...(deps.wasmPath === undefined ? {} : { wasmPath: deps.wasmPath }),
    accept: (text) => {
      const parsed = parseCccdQr(text);
      if (!parsed.ok) qrRejections.push(parsed.reason);
      return parsed.ok;
    },
  });
  const qr = qrText ? parseCccdQr(qrText.text) : null;
  if (qr?.ok) {
    take(qr.fields, 'qr');
    reading.qrVersion = qr.version;
    reading.notes.push(`Mã QR mẫu ${qr.version}.`);
    reading.problems.push(...qr.warnings);
  } else if (qrRejections[0] !== undefined) {
    reading.problems.push(qrRejections[0]);
  }

  let fullText: string | null = null;
  let mrz: Td1Reading | null = null;
  if (deps.ocr) {
    mrz = mrzFromText(await deps.ocr(await lowerBand(card)), deps.currentYear);
    if (mrz === null && !qr?.ok) {
      fullText = await deps.ocr(await uprightPng(card));
      mrz = mrzFromText(fullText, deps.currentYear);
    }
  }
  if (mrz !== null) {
    reading.notes.push(...mrz.corrections);
    reading.problems.push(...mrz.problems.map((p) => `MRZ: ${p}`));
    if (qr?.ok) {
      reading.conflicts = conflictsBetween(qr.fields, mrz);
      for (const c of reading.conflicts) {
        reading.problems.push(
          `Mã QR và MRZ ghi ${conflictLabels[c.field]} khác nhau (${c.qr} / ${c.mrz}). Hãy đối chiếu với thẻ.`,
        );
      }
    }
  }

  const mrzValues = mrz !== null ? mrzFields(mrz) : {};
  const ocrValues =
    !qr?.ok && deps.ocr ? parseCardOcrText(fullText ?? (await deps.ocr(await uprightPng(card)))) : {};
  // The printed name keeps its diacritics: prefer it to the MRZ name when both spell the same letters.
  if (
    ocrValues.fullName &&
    mrzValues.fullName &&
    foldVietnamese(ocrValues.fullName) === foldVietnamese(mrzValues.fullName)
  ) {
    delete mrzValues.fullName;
  }
  take(mrzValues, 'mrz');
  take(ocrValues, 'ocr');
  if (reading.perField.fullName === 'mrz') {
    reading.problems.push('Họ tên đọc từ MRZ không có dấu. Hãy sửa lại đúng dấu theo thẻ.');
  }

  if (qr?.ok) reading.source = 'qr';
  else if (Object.keys(mrzValues).length > 0) reading.source = 'mrz';
  else if (Object.keys(ocrValues).length > 0) reading.source = 'ocr';
  if (reading.source === 'none') {
    reading.problems.push(
      deps.ocr
        ? 'Không đọc được mã QR, dòng MRZ hay chữ trên thẻ. Hãy quét lại thẻ rõ nét, thẳng, đủ 4 góc, hoặc nhập tay.'
        : 'Không đọc được mã QR trên thẻ. Hãy quét lại mặt trước của thẻ rõ nét, đủ 4 góc, hoặc nhập tay.',
    );
  }
  return reading;
}
