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

/** One-channel 8-bit picture: zxing reads luminance only, so every attempt works on grey. */
type Grey = { data: Buffer; width: number; height: number };

const fromGrey = (grey: Grey) =>
  sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } });

async function toGrey(pipeline: Sharp): Promise<Grey> {
  const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** zxing-wasm's ImageData input is RGBA. */
function toRgba(grey: Grey): { data: Uint8ClampedArray; width: number; height: number } {
  const rgba = new Uint8ClampedArray(grey.width * grey.height * 4);
  for (let p = 0, d = 0; p < grey.data.length; p += 1, d += 4) {
    const value = grey.data[p] ?? 0;
    rgba[d] = value;
    rgba[d + 1] = value;
    rgba[d + 2] = value;
    rgba[d + 3] = 255;
  }
  return { data: rgba, width: grey.width, height: grey.height };
}

type Attempt = { name: string; prepare: (grey: Grey) => Promise<Grey | null> };

// Pictures are first brought to at most 2000 px on the long side: a card photographed with a 12 MP phone
// is ~3000 px, where zxing is slower and no better. Unsharp masking rescues blurred photos and scans;
// upscaling rescues small, distant cards. Measured on 40 harsh generated cards (tests/support/make-cccd.ts:
// blur sigma 2.5-4 px, or keystone 25-40% at 45-65% scale): as-is 14/40, sharpen(2, 3) 24/40, sharpen(4, 6)
// 27/40, sharpen(2.5, 6) then x2 upscale 25/40; as-is + sharpen(4, 6) + sharpen-then-upscale together 30/40,
// as many as all variants tried. Contrast stretching (normalise, CLAHE) and median filtering added nothing.
// Sharpening before upscaling, with the intermediate materialised, costs ~110 ms instead of ~300 ms.
const workingSize = 2000;
const upscaleBelow = 1200; // small or distant card; a flat 300-DPI card scan is 1011 px wide

const attempts: readonly Attempt[] = [
  { name: 'as-is', prepare: (grey) => Promise.resolve(grey) },
  { name: 'sharpen', prepare: (grey) => toGrey(fromGrey(grey).sharpen({ sigma: 4, m1: 0, m2: 6 })) },
  {
    name: 'sharpen+upscale',
    prepare: async (grey) => {
      if (Math.max(grey.width, grey.height) > upscaleBelow) return null;
      const sharpened = await toGrey(fromGrey(grey).sharpen({ sigma: 2.5, m1: 0, m2: 6 }));
      return toGrey(fromGrey(sharpened).resize(grey.width * 2, grey.height * 2, { kernel: 'cubic' }));
    },
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
  const grey = await toGrey(
    sharp(image, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(workingSize, workingSize, { fit: 'inside', withoutEnlargement: true })
      .greyscale(),
  ).catch(() => {
    throw new AppError('FILE_CORRUPT', { name: 'ảnh' });
  });
  let tried = 0;
  for (const attempt of attempts) {
    const prepared = await attempt.prepare(grey);
    if (prepared === null) continue;
    tried += 1;
    const results = await readBarcodes(toRgba(prepared), readerOptions);
    for (const result of results) {
      if (!result.isValid) continue;
      const text = textOf(result);
      if (options.accept === undefined || options.accept(text)) {
        return { text, attempt: attempt.name, attempts: tried };
      }
    }
  }
  return null;
}
