// Keeps component PDFs small: pages scanned above 300 DPI (or heavy PNGs) are re-encoded as ~250 DPI JPEGs.
import sharp from 'sharp';
import { classifyTone } from '../files/raster';
import type { ComponentPage } from './component-pdf';

/** Above 300 DPI on A4 the extra pixels add megabytes and no legibility (the portal asks for 200-300 DPI). */
const MAX_DPI = 300;
/** 250 DPI: between the portal's floor (200) and the 300 that office scanners use; an A4 page is 2067 x 2923 px. */
const TARGET_DPI = 250;
/** A PNG at or under 300 DPI is kept when already this small (a bilevel page, ~100-200 KB); a grey one is not. */
const PNG_BUDGET = 400 * 1024;
/**
 * JPEG quality 75 with mozjpeg's encoder: text edges stay clean at 250 DPI and a scanned A4 text page comes to
 * ~150-350 KB (measured in tests/integration/ocr-preprocess.test.ts).
 */
const QUALITY = 75;

/** The DPI at which the image would fill an A4 page in its limiting direction. */
export function a4Dpi(width: number, height: number): number {
  return Math.min(Math.min(width, height) / 8.27, Math.max(width, height) / 11.69);
}

/**
 * The page as it goes into the component PDF. A JPEG at or under 300 DPI (on A4) is returned as is, byte for byte;
 * a larger page is scaled to 250 DPI and a PNG over 400 KB re-encoded, both as JPEG (greyscale when the page has no
 * colour), with OCR word boxes scaled along so the text layer stays on the words.
 */
export async function compactPageForPdf(page: ComponentPage): Promise<ComponentPage> {
  const dpi = a4Dpi(page.width, page.height);
  const oversized = dpi > MAX_DPI;
  if (!oversized && (page.mime === 'image/jpeg' || page.bytes.length <= PNG_BUDGET)) return page;
  const scale = oversized ? TARGET_DPI / dpi : 1;
  const width = Math.max(1, Math.round(page.width * scale));
  const height = Math.max(1, Math.round(page.height * scale));
  // EXIF orientation applied: width/height and the word boxes are those of the image as viewers show it, and a PDF
  // viewer ignores EXIF; the page's own rotation stays the PDF page's /Rotate
  let pipeline = sharp(page.bytes, { autoOrient: true, limitInputPixels: 100_000_000 }).flatten({ background: '#ffffff' });
  if (scale !== 1) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
  const { data, info } = await pipeline.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const tone = classifyTone({ data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 });
  let out = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 } });
  if (tone !== 'colour') out = out.greyscale();
  const bytes = await out.jpeg({ quality: QUALITY, mozjpeg: true }).toBuffer();
  const k = info.width / page.width;
  const words = page.words?.map((w) => ({
    ...w,
    bbox: { x0: w.bbox.x0 * k, y0: w.bbox.y0 * k, x1: w.bbox.x1 * k, y1: w.bbox.y1 * k },
  }));
  return {
    ...page,
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    mime: 'image/jpeg',
    width: info.width,
    height: info.height,
    ...(words ? { words } : {}),
  };
}
