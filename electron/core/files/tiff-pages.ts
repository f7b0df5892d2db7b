// Turns every frame of a (multi-page) TIFF into a page image.
import sharp from 'sharp';
import { AppError } from '../../common/errors';
import { uploadLimits, type PageImage } from './page-image';
import { deadlineFor, pixelTally, timeBudgetMs } from './inspect-budget';
import type { PdfPagesOptions } from './pdf-pages';
import { decodeOptions, encodeRaster, errorText, readHeader, type Raster } from './raster';

export async function tiffPages(name: string, bytes: Uint8Array, options: Omit<PdfPagesOptions, 'pdfjsDir'> = {}): Promise<PageImage[]> {
  const first = await readHeader(name, bytes, 0);
  const frames = first.pages ?? 1;
  if (frames > uploadLimits.maxPdfPages) throw new AppError('PDF_TOO_MANY_PAGES', { name, pages: frames });
  options.onPages?.(frames);
  const deadline = options.deadline ?? deadlineFor(name, timeBudgetMs(frames));
  // every frame's header first: 200 frames of 100 MP each are refused before the first is decoded
  const headers = [first];
  const pixels = pixelTally(name);
  pixels.add(first.width * first.height);
  for (let page = 1; page < frames; page += 1) {
    const meta = await readHeader(name, bytes, page);
    pixels.add(meta.width * meta.height);
    headers.push(meta);
  }
  const result: PageImage[] = [];
  for (let page = 0; page < frames; page += 1) {
    deadline.check();
    const meta = headers[page] ?? first;
    const raster = await decodeFrame(name, bytes, page, meta.channels <= 2 ? 'b-w' : 'srgb');
    const encoded = await encodeRaster(raster, meta.density ?? 300);
    result.push({ ...encoded, sourceName: name, pageNo: page + 1, rotation: 0, origin: 'tiff-frame' });
  }
  return result;
}

async function decodeFrame(
  name: string,
  bytes: Uint8Array,
  page: number,
  space: 'b-w' | 'srgb',
): Promise<Raster> {
  try {
    // autoOrient applies the TIFF Orientation tag, so the converted page shows upright everywhere
    const { data, info } = await sharp(bytes, decodeOptions({ page, autoOrient: true }))
      .toColourspace(space)
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const channels = info.channels;
    if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
      throw new Error(`unexpected channel count ${String(channels)}`);
    }
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      channels,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('FILE_CORRUPT', { name, page: page + 1, reason: errorText(error) });
  }
}
