// Recognises a file's real type from its first bytes and checks that its extension agrees.
import { AppError } from '../../common/errors';
import { fileExtension } from './file-name';

export type PageFileFormat = 'JPEG' | 'PNG' | 'TIFF' | 'PDF';

const extensionFormats: Record<string, PageFileFormat> = {
  jpg: 'JPEG',
  jpeg: 'JPEG',
  jpe: 'JPEG',
  jfif: 'JPEG',
  png: 'PNG',
  tif: 'TIFF',
  tiff: 'TIFF',
  pdf: 'PDF',
};

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((value, i) => bytes[offset + i] === value);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, Math.min(end, bytes.length))).toString('latin1');
}

/** The page format of the content, or null when it is none of JPEG, PNG, TIFF, PDF. */
export function sniffFormat(bytes: Uint8Array): PageFileFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  // classic TIFF (42) and BigTIFF (43), little- and big-endian
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'TIFF';
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b]))
    return 'TIFF';
  // PDF readers accept the header anywhere in the first 1024 bytes (some generators prepend junk)
  if (ascii(bytes, 0, 1024).includes('%PDF-')) return 'PDF';
  return null;
}

/** A short name for content we do not accept, so the agent learns what the file really is. */
export function describeOtherContent(bytes: Uint8Array): string | null {
  const head = ascii(bytes, 0, 16);
  if (head.startsWith('GIF8')) return 'GIF';
  if (head.startsWith('BM')) return 'BMP';
  if (head.startsWith('RIFF') && ascii(bytes, 8, 12) === 'WEBP') return 'WebP';
  if (ascii(bytes, 4, 8) === 'ftyp')
    return /heic|heix|mif1|hevc/.test(ascii(bytes, 8, 12)) ? 'HEIC' : 'video/MP4';
  if (head.startsWith('PK\u0003\u0004')) return 'ZIP/DOCX/XLSX';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'DOC/XLS (Office)';
  if (looksLikeText(bytes)) return 'văn bản (text)';
  return null;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.length === 0) return false;
  let printable = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b === 9 || b === 10 || b === 13 || b >= 32) printable += 1;
  }
  return printable / sample.length > 0.98;
}

/**
 * The format to process the file as. Throws FILE_TYPE_MISMATCH when the extension names another
 * accepted type than the content (or content we recognise but do not accept), FILE_UNSUPPORTED otherwise.
 * A missing extension is fine when the content is one we accept (scanner software often omits it).
 */
export function detectPageFileFormat(name: string, bytes: Uint8Array): PageFileFormat {
  const ext = fileExtension(name);
  const claimed = extensionFormats[ext];
  const actual = sniffFormat(bytes);
  if (actual) {
    if (ext === '' || claimed === actual) return actual;
    throw new AppError('FILE_TYPE_MISMATCH', { name, ext, actual });
  }
  const other = describeOtherContent(bytes);
  if (claimed && other) throw new AppError('FILE_TYPE_MISMATCH', { name, ext, actual: other });
  throw new AppError('FILE_UNSUPPORTED', { name, ext, ...(other ? { actual: other } : {}) });
}
