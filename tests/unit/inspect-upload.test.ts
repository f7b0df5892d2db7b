// inspectUpload: every bad upload gets its own error code; good files become the right pages.
import { PDFDocument, degrees } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/common/errors';
import { inspectUpload, makeThumbnail } from '../../electron/core/files';
import { handMadePdf } from '../support/hand-made-pdf';
import { makeBadFiles, type BadFile } from '../support/make-bad-files';
import { blankPdf, goodJpeg, goodPng, multiPageTiff, twoPagePdf } from '../support/make-page-files';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('bad uploads', () => {
  let bad: BadFile[] = [];
  beforeAll(async () => {
    bad = await makeBadFiles();
  });

  it('gives each bad file its specific code and a Vietnamese message naming the file', async () => {
    expect(bad.length).toBeGreaterThanOrEqual(9);
    for (const file of bad) {
      const error = await rejection(inspectUpload(file));
      expect({ why: file.why, code: error.code }).toEqual({ why: file.why, code: file.expected });
      expect(typeof error.details.name).toBe('string');
      expect(error.message).not.toMatch(/\{name\}/);
    }
  });

  it('says what a mismatched file really is', async () => {
    const png = bad.find((f) => f.why === 'PNG renamed .jpg');
    const text = bad.find((f) => f.why === 'text file renamed .pdf');
    if (!png || !text) throw new Error('fixtures missing');
    const pngError = await rejection(inspectUpload(png));
    expect(pngError.details).toMatchObject({ ext: 'jpg', actual: 'PNG' });
    expect(pngError.message).toBe(
      'Tệp "anh-doi-ten.jpg" có đuôi .jpg nhưng nội dung là PNG. Hãy kiểm tra lại tệp.',
    );
    expect((await rejection(inspectUpload(text))).details).toMatchObject({
      ext: 'pdf',
      actual: 'văn bản (text)',
    });
  });

  it('refuses a PDF over 200 pages before rendering any', async () => {
    const error = await rejection(inspectUpload(await blankPdf(201)));
    expect(error.code).toBe('PDF_TOO_MANY_PAGES');
    expect(error.details.pages).toBe(201);
  });

  it('refuses names that are empty, control characters, dot-dot or too long', async () => {
    const { bytes } = await goodJpeg();
    for (const name of ['', '   ', 'scan\u0000.jpg', 'a\nb.jpg', '..', `${'a'.repeat(252)}.jpg`]) {
      expect((await rejection(inspectUpload({ name, bytes }))).code).toBe('BAD_FILE_NAME');
    }
  });
});

describe('good uploads', () => {
  it('keeps a JPEG byte for byte, with its size', async () => {
    const file = await goodJpeg();
    const pages = await inspectUpload(file);
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(Buffer.from(page?.bytes ?? []).equals(Buffer.from(file.bytes))).toBe(true);
    expect(page).toMatchObject({
      mime: 'image/jpeg',
      width: 874,
      height: 1240,
      pageNo: 1,
      sourceName: 'to-khai.jpg',
    });
  });

  it('keeps a PNG as is and accepts a file without extension when the content is known', async () => {
    const file = await goodPng();
    const [page] = await inspectUpload({ name: 'SCAN0001', bytes: file.bytes });
    expect(page?.mime).toBe('image/png');
    expect(page?.bytes).toBe(file.bytes);
  });

  it('reports the size a viewer shows for a JPEG with an EXIF rotation, without touching the bytes', async () => {
    const file = await goodJpeg();
    const rotated = new Uint8Array(
      await sharp(file.bytes).withMetadata({ orientation: 6 }).jpeg().toBuffer(),
    );
    const [page] = await inspectUpload({ name: 'dien-thoai.JPG', bytes: rotated });
    expect(page).toMatchObject({ width: 1240, height: 874, exifOrientation: 6 });
    expect(page?.bytes).toBe(rotated);
  });

  it('turns every TIFF frame into a page: PNG for black-and-white, JPEG for colour', async () => {
    const pages = await inspectUpload(await multiPageTiff());
    expect(pages.map((p) => [p.pageNo, p.mime])).toEqual([
      [1, 'image/png'],
      [2, 'image/png'],
      [3, 'image/jpeg'],
    ]);
    for (const p of pages) expect([p.width, p.height]).toEqual([874, 1240]);
    const bilevel = await sharp(pages[0]?.bytes).metadata();
    expect(bilevel.bitsPerSample).toBe(1);
  });

  it('lifts a scanned PDF page JPEG losslessly and renders the vector page at 200 DPI', async () => {
    const file = await twoPagePdf();
    const pages = await inspectUpload(file);
    expect(pages).toHaveLength(2);
    const [scanned, vector] = pages;
    expect(scanned?.origin).toBe('pdf-jpeg');
    expect(Buffer.from(scanned?.bytes ?? []).equals(Buffer.from(file.jpeg))).toBe(true);
    expect(vector).toMatchObject({
      origin: 'pdf-render',
      pageNo: 2,
      width: 1654,
      height: 2339,
      mime: 'image/png',
    });
  });

  it('keeps the /Rotate of a scanned page as its rotation, and renders a JPEG that does not fill the page', async () => {
    const { jpeg } = await twoPagePdf();
    const doc = await PDFDocument.create();
    const image = await doc.embedJpg(jpeg);
    const turned = doc.addPage([595.28, 841.89]);
    turned.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
    turned.setRotation(degrees(90));
    doc.addPage([595.28, 841.89]).drawImage(image, { x: 100, y: 100, width: 300, height: 425 });
    const pages = await inspectUpload({ name: 'xoay.pdf', bytes: await doc.save() });
    expect(pages.map((p) => [p.origin, p.rotation])).toEqual([
      ['pdf-jpeg', 90],
      ['pdf-render', 0],
    ]);
  });

  it('opens a PDF protected only by an owner password (no password needed to read it)', async () => {
    const pages = await inspectUpload({
      name: 'bao-ve.pdf',
      bytes: handMadePdf({ userPassword: '', ownerPassword: 'x' }),
    });
    expect(pages).toHaveLength(1);
    // the black square drawn by the (encrypted) content stream is there: decryption worked
    const { data } = await sharp(pages[0]?.bytes)
      .extract({ left: 550, top: 550, width: 50, height: 50 })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(Math.max(...data)).toBeLessThan(40);
  });
});

describe('makeThumbnail', () => {
  it('makes an upright JPEG no larger than the requested side', async () => {
    const file = await goodJpeg();
    const thumb = await makeThumbnail(file.bytes, 200, 90);
    expect([thumb.width, thumb.height]).toEqual([200, 141]);
    expect((await sharp(thumb.bytes).metadata()).format).toBe('jpeg');
  });
});
