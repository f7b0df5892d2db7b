// Test fixture: small valid uploads of every accepted kind (JPEG, PNG, multi-page TIFF, PDFs).
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { makeTextPage } from './make-text-page';

export type FixtureFile = { name: string; bytes: Uint8Array };

function u8(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** A5 at 150 DPI keeps unit tests fast while still being a believable scan. */
const small = { width: 874, height: 1240 };

export async function goodJpeg(name = 'to-khai.jpg'): Promise<FixtureFile> {
  return {
    name,
    bytes: await makeTextPage({ lines: ['Tờ khai đăng ký khai sinh'], format: 'jpeg', ...small }),
  };
}

export async function goodPng(name = 'giay-chung-sinh.png'): Promise<FixtureFile> {
  return { name, bytes: await makeTextPage({ lines: ['Giấy chứng sinh'], format: 'png', ...small }) };
}

/** Three frames: two black-and-white text pages and a colour one (a red stamp), as a scanner writes them. */
export async function multiPageTiff(name = 'so-ho-khau.tif'): Promise<FixtureFile> {
  const text = await makeTextPage({ lines: ['Sổ hộ khẩu', 'Trang 1'], format: 'png', ...small });
  const bw = await sharp(text).threshold(128).png().toBuffer();
  const stamp = await sharp({ create: { ...small, channels: 3, background: '#ffffff' } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${String(small.width)}" height="${String(small.height)}"><circle cx="400" cy="600" r="150" fill="none" stroke="#d01010" stroke-width="18"/></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer();
  const tiff = await sharp([bw, text, stamp], { join: { animated: true } })
    .tiff({ compression: 'lzw' })
    .toBuffer();
  return { name, bytes: u8(tiff) };
}

/** Page 1: one full-page JPEG (what a scanner's PDF holds); page 2: vector text that must be rendered. */
export async function twoPagePdf(name = 'ho-so.pdf'): Promise<FixtureFile & { jpeg: Uint8Array }> {
  const jpeg = await makeTextPage({ lines: ['Trang quét số 1'], format: 'jpeg', ...small });
  const doc = await PDFDocument.create();
  const image = await doc.embedJpg(jpeg);
  const a4 = [595.28, 841.89] as const;
  doc.addPage([...a4]).drawImage(image, { x: 0, y: 0, width: a4[0], height: a4[1] });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([...a4]).drawText('Page 2: vector text', { x: 72, y: 700, size: 20, font });
  return { name, bytes: await doc.save(), jpeg };
}

/** A PDF of `pages` blank pages (to test the page-count limit without rendering anything). */
export async function blankPdf(pages: number, name = 'nhieu-trang.pdf'): Promise<FixtureFile> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i += 1) doc.addPage([595.28, 841.89]);
  return { name, bytes: await doc.save() };
}
