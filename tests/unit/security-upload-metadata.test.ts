// What a page keeps of an upload: the picture, upright, and nothing else: no GPS or owner in EXIF, no XMP or comments,
// no PNG text chunks, nothing after the image's end; the compressed picture itself is not re-encoded.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectUpload } from '../../electron/core/files/inspect-upload';
import { jpegWithMetadata, METADATA_CANARY, pngWithTextChunks } from '../support/make-bad-files';
import { goodJpeg, goodPng } from '../support/make-page-files';

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));

/** The bytes from the first SOS to EOI: the compressed picture, which stripping must leave as it is. */
function entropyData(jpeg: Uint8Array): Buffer {
  const b = Buffer.from(jpeg);
  const sos = b.indexOf(Buffer.from([0xff, 0xda]));
  return b.subarray(sos, b.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2);
}

async function pixels(bytes: Uint8Array, autoOrient = true): Promise<Buffer> {
  return sharp(bytes, { autoOrient }).raw().toBuffer();
}

describe('metadata is stripped at intake', () => {
  it('a JPEG loses its GPS, owner, XMP, comment and trailing bytes, keeps its orientation and its picture bit for bit', async () => {
    const file = await jpegWithMetadata(6);
    expect(has(file.bytes, METADATA_CANARY)).toBe(true);
    expect((await sharp(file.bytes).metadata()).exif).toBeDefined();
    const [page] = await inspectUpload(file);
    const bytes = page?.bytes ?? new Uint8Array();
    expect(has(bytes, METADATA_CANARY)).toBe(false);
    expect(has(bytes, 'CanaryPhone')).toBe(false);
    expect(has(bytes, 'xmpmeta')).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect(meta.orientation).toBe(6);
    expect(page).toMatchObject({ width: 1240, height: 874, exifOrientation: 6 });
    // GPS IFD pointer (tag 0x8825) gone, in either byte order
    expect(Buffer.from(meta.exif ?? []).includes(Buffer.from([0x88, 0x25]))).toBe(false);
    expect(Buffer.from(meta.exif ?? []).includes(Buffer.from([0x25, 0x88]))).toBe(false);
    // nothing after the end-of-image marker
    expect(Buffer.from(bytes.subarray(-2)).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
    expect(entropyData(bytes).equals(entropyData(file.bytes))).toBe(true);
    expect((await pixels(bytes)).equals(await pixels(file.bytes))).toBe(true);
  });

  it('a JPEG without metadata stays the very same bytes', async () => {
    const file = await goodJpeg();
    const [page] = await inspectUpload(file);
    expect(page?.bytes).toBe(file.bytes);
  });

  it('a PNG loses its tEXt, zTXt, iTXt chunks, a GPS eXIf and what follows IEND, and draws the same', async () => {
    const file = await pngWithTextChunks();
    const [page] = await inspectUpload(file);
    const bytes = page?.bytes ?? new Uint8Array();
    expect(has(bytes, METADATA_CANARY)).toBe(false);
    for (const chunk of ['tEXt', 'zTXt', 'iTXt']) expect(has(bytes, chunk), chunk).toBe(false);
    // exactly the PNG before the canary chunks were added (its own eXIf says only resolution and colour space)
    expect(Buffer.from(bytes).equals(Buffer.from(file.plain))).toBe(true);
    expect((await pixels(bytes)).equals(await pixels(file.bytes, false))).toBe(true);
  });

  it('a PNG without metadata stays the very same bytes', async () => {
    const file = await goodPng();
    const [page] = await inspectUpload(file);
    expect(page?.bytes).toBe(file.bytes);
  });
});
