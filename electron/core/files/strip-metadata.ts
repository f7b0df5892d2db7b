// Removes what a scan carries besides its picture (EXIF beyond orientation and resolution, XMP, IPTC, comments, PNG
// text chunks, bytes after the image's end) without re-encoding: segments and chunks are dropped, the compressed image
// data is copied as it is, and a file with nothing to remove comes back as the very same bytes.
import { crc32 } from 'node:zlib';
import { AppError } from '../../common/errors';
import { isBenignExif, readKeptExif, writeKeptExif } from './exif-minimal';

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

function startsWithText(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function corrupt(name: string, reason: string): AppError {
  return new AppError('FILE_CORRUPT', { name, reason });
}

/** APP1 with only the kept EXIF tags; null when there is nothing worth keeping. `keepOrientation: false` for PDF images. */
function minimalExifSegment(segment: Uint8Array, keepOrientation: boolean): Uint8Array | null {
  const tiff = segment.subarray(4 + EXIF_HEADER.length);
  const kept = readKeptExif(tiff);
  if (isBenignExif(tiff) && (keepOrientation || (kept?.orientation ?? 1) === 1)) return segment;
  if (!kept) return null;
  if (!keepOrientation) delete kept.orientation;
  const minimal = writeKeptExif(kept);
  if (!minimal) return null;
  const length = 2 + EXIF_HEADER.length + minimal.length;
  return concat([new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff]), EXIF_HEADER, minimal]);
}

/** JFIF APP0 without its embedded thumbnail (a picture of its own, maybe of what was cropped away). */
function jfifWithoutThumbnail(segment: Uint8Array): Uint8Array | null {
  if (!startsWithText(segment, 4, 'JFIF\0')) return null; // JFXX (thumbnail only) and others are dropped
  if (segment.length <= 18) return segment;
  const out = segment.slice(0, 18);
  out[2] = 0;
  out[3] = 16;
  out[16] = 0; // no thumbnail: 0 x 0
  out[17] = 0;
  return out;
}

/** Which marker segments of a JPEG header stay: image structure, colour (ICC, Adobe), and the trimmed JFIF/EXIF. */
function keptSegment(marker: number, segment: Uint8Array, keepOrientation: boolean): Uint8Array | null {
  const payload = segment.subarray(4);
  if (marker === 0xe0) return jfifWithoutThumbnail(segment);
  if (marker === 0xe1) return startsWithText(payload, 0, 'Exif\0\0') ? minimalExifSegment(segment, keepOrientation) : null; // XMP too
  if (marker === 0xe2) return startsWithText(payload, 0, 'ICC_PROFILE\0') ? segment : null; // FlashPix and others dropped
  if (marker === 0xee) return segment; // Adobe: how to turn the components into colours
  if ((marker >= 0xe3 && marker <= 0xef) || marker === 0xfe) return null; // other APPn (IPTC, maker data), comments
  return segment; // DQT, DHT, SOFn, DRI, DAC, DNL, EXP ...
}

/**
 * A JPEG with only what draws it. The entropy-coded data after each SOS is copied up to the next real marker (0xFF00
 * stuffing and RSTn belong to the data); EOI ends the file, so anything appended after it is gone.
 */
export function stripJpeg(name: string, bytes: Uint8Array, options: { keepOrientation: boolean } = { keepOrientation: true }): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw corrupt(name, 'no SOI');
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  let exifSeen = false;
  for (;;) {
    while (bytes[at] === 0xff && bytes[at + 1] === 0xff) at += 1; // fill bytes before a marker
    if (at + 1 >= bytes.length || bytes[at] !== 0xff) throw corrupt(name, 'marker expected');
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xd9) {
      parts.push(bytes.subarray(at, at + 2));
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(bytes.subarray(at, at + 2)); // standalone markers
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) throw corrupt(name, 'truncated segment');
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw corrupt(name, 'segment past the end');
    const segment = bytes.subarray(at, end);
    // a second EXIF block (some phones write two) is dropped whole
    const isExif = marker === 0xe1 && startsWithText(segment, 4, 'Exif\0\0');
    const kept = isExif && exifSeen ? null : keptSegment(marker, segment, options.keepOrientation);
    if (isExif) exifSeen = true;
    if (kept) parts.push(kept);
    at = end;
    if (marker === 0xda) {
      let scan = at;
      while (scan + 1 < bytes.length) {
        if (bytes[scan] === 0xff) {
          const next = bytes[scan + 1] ?? 0;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        scan += 1;
      }
      if (scan + 1 >= bytes.length) throw corrupt(name, 'no EOI');
      parts.push(bytes.subarray(at, scan));
      at = scan;
    }
  }
  const out = concat(parts);
  return sameBytes(out, bytes) ? bytes : out;
}

/** PNG chunks that draw the image; everything else (tEXt, zTXt, iTXt, tIME, eXIf, private and animation chunks) goes. */
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'pHYs', 'bKGD']);

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, data.length);
  head.set(Buffer.from(type, 'latin1'), 4);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
  return concat([head, data, crc]);
}

/** A PNG with only its drawing chunks (and an eXIf cut to orientation and resolution), ending at IEND. */
export function stripPng(name: string, bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  let exifSeen = false;
  for (;;) {
    if (at + 12 > bytes.length) throw corrupt(name, 'no IEND');
    const length = view.getUint32(at);
    const type = Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1');
    const end = at + 12 + length;
    if (end > bytes.length) throw corrupt(name, 'chunk past the end');
    if (PNG_KEPT.has(type)) {
      parts.push(bytes.subarray(at, end));
    } else if (type === 'eXIf' && !exifSeen) {
      exifSeen = true; // one is allowed; a second is dropped whole
      const exif = bytes.subarray(at + 8, at + 8 + length);
      if (isBenignExif(exif)) {
        parts.push(bytes.subarray(at, end));
      } else {
        const kept = readKeptExif(exif);
        const tiff = kept ? writeKeptExif(kept) : null;
        if (tiff) parts.push(pngChunk('eXIf', tiff));
      }
    }
    at = end;
    if (type === 'IEND') break;
  }
  const out = concat(parts);
  return sameBytes(out, bytes) ? bytes : out;
}
