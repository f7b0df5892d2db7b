// Test fixture: the bad uploads agents really produce, each expected to be refused with its own code.
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
