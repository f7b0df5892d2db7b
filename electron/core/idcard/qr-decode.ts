// Offline QR decoding of a photo or scan: sharp decodes the picture, zxing-wasm (binary read from disk) finds the code.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';
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

type Prepared = { data: Uint8ClampedArray; width: number; height: number };

async function toRgba(pipeline: sharp.Sharp): Promise<Prepared> {
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

type Attempt = { name: string; prepare: (input: sharp.Sharp, width: number, height: number) => sharp.Sharp | null };

// 2000 px: a card photographed by a 12 MP phone fills ~3000 px; zxing finds a 2 cm QR at 2000 px and runs
// several times faster there. The later attempts exist for blur, low light and small or huge pictures.
const workingSize = 2000;

const attempts: readonly Attempt[] = [
  { name: 'as-is', prepare: (img, w, h) => (Math.max(w, h) > workingSize ? img.resize(workingSize, workingSize, { fit: 'inside' }) : img) },
  { name: 'contrast+sharpen', prepare: (img, w, h) => img.resize(Math.min(w, workingSize), Math.min(h, workingSize), { fit: 'inside' }).greyscale().normalise().sharpen({ sigma: 1.5 }) },
  { name: 'half', prepare: (img, w, h) => (Math.max(w, h) >= 900 ? img.resize(Math.round(w / 2), Math.round(h / 2)).greyscale().normalise() : null) },
  { name: 'median+contrast', prepare: (img, w, h) => img.resize(Math.min(w, workingSize), Math.min(h, workingSize), { fit: 'inside' }).greyscale().median(3).normalise() },
  { name: 'upscale', prepare: (img, w, h) => (Math.max(w, h) < 1400 ? img.resize(w * 2, h * 2, { kernel: 'cubic' }).greyscale().normalise() : null) },
  { name: 'third+threshold', prepare: (img, w, h) => (Math.max(w, h) >= 1200 ? img.resize(Math.round(w / 3), Math.round(h / 3)).greyscale().normalise().threshold(128) : null) },
];

/**
 * Finds and decodes a QR code in a JPEG/PNG/TIFF/WebP image, fully offline. Returns null when no attempt
 * finds a code (or none whose text `accept`s). EXIF orientation is applied first.
 */
export async function decodeQrFromImage(image: Uint8Array, options: QrDecodeOptions = {}): Promise<QrDecodeResult | null> {
  await loadZxing(options.wasmPath);
  const oriented = await sharp(image, { limitInputPixels: 100_000_000 })
    .rotate()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = oriented.info;
  let tried = 0;
  for (const attempt of attempts) {
    const pipeline = attempt.prepare(sharp(oriented.data, { raw: { width, height, channels } }), width, height);
    if (pipeline === null) continue;
    tried += 1;
    const results = await readBarcodes(await toRgba(pipeline), readerOptions);
    for (const result of results) {
      if (!result.isValid) continue;
      const text = textOf(result);
      if (options.accept === undefined || options.accept(text)) return { text, attempt: attempt.name, attempts: tried };
    }
  }
  return null;
}
