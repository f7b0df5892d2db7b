// Test fixture: the bad uploads agents really produce, each expected to be refused with its own code.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { ErrorCode } from '../../electron/common/errors';
import { handMadePdf } from './hand-made-pdf';
import { goodJpeg, goodPng, twoPagePdf, type FixtureFile } from './make-page-files';

export type BadFile = FixtureFile & { expected: ErrorCode; why: string };

function withSofSize(jpeg: Uint8Array, width: number, height: number): Uint8Array {
  const bytes = Buffer.from(jpeg);
  for (let i = 2; i < bytes.length - 9; i += 1) {
    // SOF0..SOF2 marker: FF C0-C2, length(2), precision(1), height(2), width(2)
    if (bytes[i] === 0xff && (bytes[i + 1] ?? 0) >= 0xc0 && (bytes[i + 1] ?? 0) <= 0xc2) {
      bytes.writeUInt16BE(height, i + 5);
      bytes.writeUInt16BE(width, i + 7);
      return new Uint8Array(bytes);
    }
  }
  throw new Error('no SOF marker');
}

export async function makeBadFiles(): Promise<BadFile[]> {
  const jpeg = (await goodJpeg()).bytes;
  const png = (await goodPng()).bytes;
  const pdf = (await twoPagePdf()).bytes;
  return [
    { name: 'trang-trong.jpg', bytes: new Uint8Array(0), expected: 'FILE_EMPTY', why: 'empty file' },
    {
      name: 'quet-do-dang.jpg',
      bytes: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)),
      expected: 'FILE_CORRUPT',
      why: 'JPEG cut off mid-way (copy interrupted)',
    },
    {
      name: 'tai-ve-do-dang.pdf',
      bytes: pdf.subarray(0, Math.floor(pdf.length * 0.7)),
      expected: 'FILE_CORRUPT',
      why: 'PDF cut off mid-way (download interrupted)',
    },
    { name: 'anh-doi-ten.jpg', bytes: png, expected: 'FILE_TYPE_MISMATCH', why: 'PNG renamed .jpg' },
    {
      name: 'khong-phai-pdf.pdf',
      bytes: new TextEncoder().encode('Đây là một tệp văn bản, không phải PDF.\n'),
      expected: 'FILE_TYPE_MISMATCH',
      why: 'text file renamed .pdf',
    },
    {
      name: 'co-mat-khau.pdf',
      bytes: handMadePdf({ userPassword: 'matkhau', ownerPassword: 'chu-so-huu' }),
      expected: 'PDF_ENCRYPTED',
      why: 'PDF that needs a password to open',
    },
    {
      name: 'anh-khong-lo.jpg',
      bytes: withSofSize(jpeg, 12_000, 10_000),
      expected: 'IMAGE_TOO_LARGE',
      why: 'JPEG header claiming 120 megapixels (decompression bomb)',
    },
    { name: 'giay-to/khai-sinh.jpg', bytes: jpeg, expected: 'BAD_FILE_NAME', why: "name with '/'" },
    {
      name: '..\\..\\windows\\khai-sinh.jpg',
      bytes: jpeg,
      expected: 'BAD_FILE_NAME',
      why: 'name with backslashes and ..',
    },
    {
      name: 'qua-lon.jpg',
      bytes: (() => {
        const big = new Uint8Array(50 * 1024 * 1024 + 1);
        big.set(jpeg.subarray(0, 4096));
        return big;
      })(),
      expected: 'FILE_TOO_LARGE',
      why: 'file over 50 MB',
    },
    {
      name: 'ghi-chu.docx',
      bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]),
      expected: 'FILE_UNSUPPORTED',
      why: 'Word file',
    },
  ];
}

/** What leaks if metadata is kept: a name and a place no page should carry to the portal. */
export const METADATA_CANARY = 'CANARY-Nguyen-Thi-Bi-Mat-0912345678';

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * A phone photo of a paper as it arrives: EXIF with GPS coordinates, the owner's name and orientation 6, an XMP packet
 * and a JPEG comment with the canary, and bytes appended after the end-of-image marker (what some apps and malware do).
 */
export async function jpegWithMetadata(orientation = 6): Promise<{ name: string; bytes: Uint8Array; plain: Uint8Array }> {
  const plain = Buffer.from((await goodJpeg()).bytes);
  const tagged = await sharp(plain)
    .withExif({
      IFD0: { ImageDescription: METADATA_CANARY, Artist: METADATA_CANARY, Make: 'CanaryPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 42/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 48/1 30/1' },
    })
    .withMetadata({ orientation })
    .withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${METADATA_CANARY}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`)
    .jpeg({ quality: 90 })
    .toBuffer();
  const comment = jpegSegment(0xfe, Buffer.from(`comment ${METADATA_CANARY}`, 'latin1'));
  const trailer = Buffer.from(`PK-after-EOI ${METADATA_CANARY}`, 'latin1');
  const bytes = Buffer.concat([tagged.subarray(0, 2), comment, tagged.subarray(2), trailer]);
  return { name: 'anh-dien-thoai.jpg', bytes: new Uint8Array(bytes), plain: new Uint8Array(plain) };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG with text chunks (tEXt, zTXt, iTXt), a GPS eXIf chunk and bytes after IEND, all carrying the canary. */
export async function pngWithTextChunks(): Promise<{ name: string; bytes: Uint8Array; plain: Uint8Array }> {
  const plain = Buffer.from((await goodPng()).bytes);
  const iend = plain.length - 12;
  const exif = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } })
    .withExif({ IFD0: { Artist: METADATA_CANARY }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 42/1' } })
    .jpeg()
    .toBuffer();
  const exifStart = exif.indexOf(Buffer.from('Exif\0\0', 'latin1')) + 6;
  const exifLength = exif.readUInt16BE(exifStart - 8) - 8;
  const chunks = [
    pngChunk('tEXt', Buffer.from(`Author\0${METADATA_CANARY}`, 'latin1')),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync(Buffer.from(METADATA_CANARY))])),
    pngChunk('iTXt', Buffer.from(`Description\0\0\0vi\0\0${METADATA_CANARY}`, 'utf8')),
    pngChunk('eXIf', exif.subarray(exifStart, exifStart + exifLength)),
  ];
  const trailer = Buffer.from(`after-IEND ${METADATA_CANARY}`, 'latin1');
  const bytes = Buffer.concat([plain.subarray(0, iend), ...chunks, plain.subarray(iend), trailer]);
  return { name: 'giay-to.png', bytes: new Uint8Array(bytes), plain: new Uint8Array(plain) };
}

/** A hand-written little-endian TIFF: `frames` IFDs that all point at one deflated strip of a blank bilevel page. */
function manyFrameTiff(frames: number, width: number, height: number): Uint8Array {
  const strip = deflateSync(Buffer.alloc(Math.ceil(width / 8) * height), { level: 9 });
  const entries = 11;
  const ifdSize = 2 + entries * 12 + 4;
  const stripAt = 8;
  const firstIfd = stripAt + strip.length + (strip.length % 2);
  const out = Buffer.alloc(firstIfd + frames * ifdSize);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(firstIfd, 4);
  strip.copy(out, stripAt);
  for (let f = 0; f < frames; f += 1) {
    const at = firstIfd + f * ifdSize;
    out.writeUInt16LE(entries, at);
    const tags: [number, number, number][] = [
      [254, 4, 2], // NewSubfileType: a page of a multi-page document
      [256, 4, width],
      [257, 4, height],
      [258, 3, 1], // 1 bit per sample
      [259, 3, 8], // Deflate
      [262, 3, 0], // WhiteIsZero
      [273, 4, stripAt],
      [277, 3, 1],
      [278, 4, height],
      [279, 4, strip.length],
      [297, 3, f], // PageNumber
    ];
    tags.forEach(([tag, type, value], i) => {
      const e = at + 2 + i * 12;
      out.writeUInt16LE(tag, e);
      out.writeUInt16LE(type, e + 2);
      out.writeUInt32LE(1, e + 4);
      if (type === 3) out.writeUInt16LE(value, e + 8);
      else out.writeUInt32LE(value, e + 8);
    });
    out.writeUInt32LE(f + 1 < frames ? at + ifdSize : 0, at + 2 + entries * 12);
  }
  return new Uint8Array(out);
}

/** A PDF written by hand from numbered object bodies (1 = catalog), with a correct cross-reference table. */
function handPdf(objects: (string | Buffer)[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(size);
    const chunk = Buffer.concat([Buffer.from(`${String(i + 1)} 0 obj\n`, 'latin1'), Buffer.from(body), Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    size += chunk.length;
  });
  const xref = [`xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(size)}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * Small files that cost the app minutes and gigabytes if decoded as they claim (issue 11, "Small files that stall the
 * app"): each must be refused in seconds with FILE_TOO_HEAVY (or the older, more specific limits).
 */
export function makeBombFiles(): { name: string; bytes: Uint8Array; why: string }[] {
  // 200 pages of 200 x 200 inches (the largest a PDF page may be), all drawing one shared filled rectangle
  const kids = Array.from({ length: 200 }, (_, i) => `${String(i + 4)} 0 R`).join(' ');
  const draw = '0.9 0.9 0.9 rg 0 0 14400 14400 re f';
  const hugePages = handPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count 200 /Kids [${kids}] /MediaBox [0 0 14400 14400] /Contents 3 0 R >>`,
    `<< /Length ${String(draw.length)} >>\nstream\n${draw}\nendstream`,
    ...Array.from({ length: 200 }, () => '<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>'),
  ]);
  // one A4 page whose content stream inflates to 300 MB of spaces (deflate's best ratio is about 1:1000)
  const inflated = deflateSync(Buffer.alloc(300 * 1024 * 1024, 0x20), { level: 9 });
  const heavyStream = handPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Count 1 /Kids [3 0 R] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    Buffer.concat([Buffer.from(`<< /Length ${String(inflated.length)} /Filter /FlateDecode >>\nstream\n`, 'latin1'), inflated, Buffer.from('\nendstream', 'latin1')]),
  ]);
  return [
    { name: 'nhieu-khung.tif', bytes: manyFrameTiff(200, 9990, 10_000), why: 'TIFF of 200 frames of 99.9 megapixels each' },
    { name: 'trang-khong-lo.pdf', bytes: hugePages, why: 'PDF of 200 pages of 200 x 200 inches' },
    { name: 'luong-300mb.pdf', bytes: heavyStream, why: 'PDF whose content stream inflates to 300 MB' },
  ];
}
