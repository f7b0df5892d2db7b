// Offline QR decoding of a photo or scan: sharp decodes the picture, zxing-wasm (binary read from disk) finds the code.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../common/errors';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';

export type QrDecodeOptions = {
  /** where zxing_reader.wasm lives; defaults to the copy in node_modules/zxing-wasm (never a CDN) */
  wasmPath?: string;
  /** keep trying other image preparations until a text passes this test (e.g. "parses as a CCCD QR") */
  accept?: (text: string) => boolean;
};

export type QrDecodeResult = { text: string; attempt: string; attempts: number };

let zxingReady: Promise<void> | null = null;

/** Path of the reader's .wasm inside node_modules, resolved through the package's exports map. */
export function defaultZxingWasmPath(): string {
  return createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
}

/** Instantiates zxing once from the local .wasm bytes; with wasmBinary set, Emscripten never fetches. */
export function loadZxing(wasmPath?: string): Promise<void> {
  zxingReady ??= (async () => {
    const path = wasmPath ?? defaultZxingWasmPath();
    const bytes = await readFile(path);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    await prepareZXingModule({
      overrides: { wasmBinary, locateFile: () => path },
      fireImmediately: true,
    });
  })().catch((error: unknown) => {
    zxingReady = null;
    throw error;
  });
  return zxingReady;
}

const readerOptions: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  tryDownscale: true,
  // CCCD QR codes hold UTF-8 in byte mode without an ECI header; without this zxing may guess another charset.
  characterSet: 'UTF8',
  maxNumberOfSymbols: 4,
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function textOf(result: { text: string; bytes: Uint8Array }): string {
  try {
    return result.bytes.length > 0 ? strictUtf8.decode(result.bytes) : result.text;
  } catch {
    return result.text;
  }
}

type Pixels = { data: Uint8ClampedArray; width: number; height: number };

/** zxing-wasm takes RGBA ImageData; sharp gives 1-4 channels (greyscale output ignores ensureAlpha). */
async function toRgba(pipeline: Sharp): Promise<Pixels> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  if (channels === 4)
    return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height };
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0, s = 0, d = 0; p < width * height; p += 1, s += channels, d += 4) {
    const grey = data[s] ?? 0;
    rgba[d] = grey;
    rgba[d + 1] = channels >= 3 ? (data[s + 1] ?? 0) : grey;
    rgba[d + 2] = channels >= 3 ? (data[s + 2] ?? 0) : grey;
    rgba[d + 3] = 255;
  }
  return { data: rgba, width, height };
}

type Attempt = { name: string; prepare: (input: Sharp, width: number, height: number) => Sharp | null };

// Pictures are first brought to at most 2000 px on the long side: a card photographed with a 12 MP phone
// is ~3000 px, where zxing is slower and no better. Unsharp masking is what rescues blurred photos and
// scans; upscaling is what rescues small, distant cards. Measured on generated cards (tests/support/
// make-cccd.ts): on a harsh set (blur sigma 2.5-4 px, or keystone 25-40% at 45-65% scale) as-is read 12/30,
// sharpen(2, 3) 18/30, sharpen(4, 6) 21/30, upscale x2 + sharpen(5, 6) 21/30, all four together 22/30;
// contrast stretching (normalise, CLAHE) and median filtering did not add any.
const workingSize = 2000;

const attempts: readonly Attempt[] = [
  { name: 'as-is', prepare: (img) => img },
  { name: 'sharpen', prepare: (img) => img.greyscale().sharpen({ sigma: 2, m1: 0, m2: 3 }) },
  { name: 'sharpen-strong', prepare: (img) => img.greyscale().sharpen({ sigma: 4, m1: 0, m2: 6 }) },
  {
    name: 'upscale+sharpen',
    prepare: (img, w, h) =>
      Math.max(w, h) <= 1200 // small or distant card: a 300-DPI card scan is 1011 px
        ? img
            .resize(w * 2, h * 2, { kernel: 'cubic' })
            .greyscale()
            .sharpen({ sigma: 5, m1: 0, m2: 6 })
        : null,
  },
];

/**
 * Finds and decodes a QR code in a JPEG/PNG/TIFF/WebP image, fully offline. Returns null when no attempt
 * finds a code (or none whose text `accept`s). EXIF orientation is applied first.
 */
export async function decodeQrFromImage(
  image: Uint8Array,
  options: QrDecodeOptions = {},
): Promise<QrDecodeResult | null> {
  await loadZxing(options.wasmPath);
  const oriented = await sharp(image, { limitInputPixels: 100_000_000 })
    .rotate()
    .resize(workingSize, workingSize, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw new AppError('FILE_CORRUPT', { name: 'ảnh' });
    });
  const { width, height, channels } = oriented.info;
  let tried = 0;
  for (const attempt of attempts) {
    const pipeline = attempt.prepare(
      sharp(oriented.data, { raw: { width, height, channels } }),
      width,
      height,
    );
    if (pipeline === null) continue;
    tried += 1;
    const results = await readBarcodes(await toRgba(pipeline), readerOptions);
    for (const result of results) {
      if (!result.isValid) continue;
      const text = textOf(result);
      if (options.accept === undefined || options.accept(text))
        return { text, attempt: attempt.name, attempts: tried };
    }
  }
  return null;
}
