// Raster checks and conversions with sharp: header-first size limits, full decode to catch corruption, encoding.
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { AppError } from '../../common/errors';
import { uploadLimits, type PageImage, type PageImageMime } from './page-image';
import { stripJpeg, stripPng } from './strip-metadata';

/** failOn 'error': truncated or broken data fails; mere warnings (extraneous bytes, odd markers) do not. */
export function decodeOptions(extra: SharpOptions = {}): SharpOptions {
  return { failOn: 'error', limitInputPixels: uploadLimits.maxPixels, ...extra };
}

function isPixelLimitError(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

/** Reads only the header; throws IMAGE_TOO_LARGE before any pixel is decoded, FILE_CORRUPT if unreadable. */
export async function readHeader(name: string, bytes: Uint8Array, page?: number): Promise<Metadata> {
  let meta: Metadata;
  try {
    // metadata() parses the header only; the pixel limit is checked below so the message can give the size
    meta = await sharp(
      bytes,
      decodeOptions({ limitInputPixels: false, ...(page === undefined ? {} : { page }) }),
    ).metadata();
  } catch (error) {
    if (isPixelLimitError(error)) throw new AppError('IMAGE_TOO_LARGE', { name });
    throw new AppError('FILE_CORRUPT', { name, reason: errorText(error) });
  }
  const pixels = meta.width * meta.height;
  if (!(pixels > 0)) throw new AppError('FILE_CORRUPT', { name, reason: 'no dimensions' });
  if (pixels > uploadLimits.maxPixels) {
    throw new AppError('IMAGE_TOO_LARGE', {
      name,
      width: meta.width,
      height: meta.height,
      megapixels: Math.round(pixels / 1e6),
    });
  }
  return meta;
}

/**
 * Decodes every pixel (JPEG shrink-on-load still reads the whole entropy-coded stream, so a truncated
 * or damaged file fails here) without keeping the full bitmap in memory.
 */
export async function assertDecodes(name: string, bytes: Uint8Array, page?: number): Promise<void> {
  try {
    await sharp(bytes, decodeOptions(page === undefined ? {} : { page }))
      .resize(256, 256, { fit: 'inside' })
      .raw()
      .toBuffer();
  } catch (error) {
    if (isPixelLimitError(error)) throw new AppError('IMAGE_TOO_LARGE', { name });
    throw new AppError('FILE_CORRUPT', { name, reason: errorText(error) });
  }
}

/**
 * A JPEG or PNG page as received, less what is not the picture (strip-metadata: GPS, owner, comments, text chunks,
 * trailing bytes); the compressed picture is not re-encoded, and a file with no metadata comes back unchanged.
 */
export async function keepAsReceived(
  name: string,
  received: Uint8Array,
  mime: PageImageMime,
): Promise<PageImage> {
  const meta = await readHeader(name, received);
  await assertDecodes(name, received);
  const bytes = mime === 'image/jpeg' ? stripJpeg(name, received) : stripPng(name, received);
  const orientation =
    mime === 'image/jpeg' && meta.orientation && meta.orientation > 1 ? meta.orientation : undefined;
  return {
    bytes,
    mime,
    width: meta.autoOrient.width,
    height: meta.autoOrient.height,
    sourceName: name,
    pageNo: 1,
    rotation: 0,
    origin: 'original',
    ...(orientation ? { exifOrientation: orientation } : {}),
  };
}

export type Raster = { data: Uint8Array; width: number; height: number; channels: 1 | 2 | 3 | 4 };

export type EncodedRaster = { bytes: Uint8Array; mime: PageImageMime; width: number; height: number };

/**
 * Encodes a decoded page for storage. Choice: grey/bilevel content (most documents) becomes a lossless
 * PNG (1-bit palette when strictly black and white), colour content (photos, red stamps) a JPEG at
 * quality 90, which keeps text edges clean at a fraction of a colour PNG's size.
 */
export async function encodeRaster(raster: Raster, density: number): Promise<EncodedRaster> {
  const { width, height, channels } = raster;
  const tone = classifyTone(raster);
  const base = sharp(raster.data, { raw: { width, height, channels } })
    .flatten({ background: '#ffffff' })
    .withMetadata({ density });
  let bytes: Buffer;
  let mime: PageImageMime;
  if (tone === 'colour') {
    bytes = await base.jpeg({ quality: 90 }).toBuffer();
    mime = 'image/jpeg';
  } else if (tone === 'bilevel') {
    bytes = await base.toColourspace('b-w').png({ palette: true, colours: 2, dither: 0 }).toBuffer();
    mime = 'image/png';
  } else {
    bytes = await base.toColourspace('b-w').png({ compressionLevel: 6 }).toBuffer();
    mime = 'image/png';
  }
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), mime, width, height };
}

/**
 * 'colour' when more than 0.2% of sampled pixels have channels differing by over 24 levels (so JPEG
 * noise and anti-aliasing fringes in a grey scan do not count), 'bilevel' when every sample is pure
 * black or white, otherwise 'grey'. Transparent pixels count as white, as they are flattened onto white.
 */
export function classifyTone(raster: Raster): 'bilevel' | 'grey' | 'colour' {
  const { data, channels } = raster;
  const pixels = raster.width * raster.height;
  const step = Math.max(1, Math.floor(pixels / 400_000));
  const hasAlpha = channels === 2 || channels === 4;
  const colourChannels = channels >= 3;
  let sampled = 0;
  let coloured = 0;
  let bilevel = true;
  for (let p = 0; p < pixels; p += step) {
    const i = p * channels;
    sampled += 1;
    if (hasAlpha && (data[i + channels - 1] ?? 255) < 255) {
      bilevel = false;
      continue;
    }
    const r = data[i] ?? 0;
    if (colourChannels) {
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 24) coloured += 1;
      if (bilevel && !(r === g && g === b)) bilevel = false;
    }
    if (bilevel && r !== 0 && r !== 255) bilevel = false;
  }
  if (coloured > sampled * 0.002) return 'colour';
  return bilevel ? 'bilevel' : 'grey';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
