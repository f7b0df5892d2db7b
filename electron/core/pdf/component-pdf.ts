// One PDF per dossier component: each scanned page as a PDF page (JPEG bytes embedded untouched), rotated by page
// rotation, with an optional invisible OCR text layer so the file can be searched and copied from.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, degrees, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { AppError } from '../../common/errors';
import { placeWords, type OcrWord } from './text-layer';

export type { OcrWord } from './text-layer';

export type ComponentPage = {
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'image/png';
  /** Pixel size of the stored image (before rotation). */
  width: number;
  height: number;
  /** Clockwise degrees to turn the stored image to read it upright; applied as the PDF page's /Rotate. */
  rotation: 0 | 90 | 180 | 270;
  /** OCR words with boxes in pixels of the upright image (after rotation), origin top-left, as OCR reports them. */
  words?: OcrWord[];
};

export type ComponentPdfOptions = {
  title: string;
  /** A TrueType font covering the words' characters (Vietnamese); without it no text layer is written. */
  font?: Uint8Array;
};

/** 300 DPI: what the portal's scanning guidance and office scanners use, so a scanned A4 page becomes an A4 page. */
const ASSUMED_DPI = 300;
const POINTS_PER_INCH = 72;
const A4_SHORT = 595.28;
const A4_LONG = 841.89;
/**
 * 1.25: an image up to a quarter larger than A4 at 300 DPI (a Letter or Legal scan, a generous crop) keeps its
 * natural size; bigger ones (phone photos of 12+ MP, 600 DPI scans) would open at poster size, so they are fitted.
 */
const OVERSIZE_LIMIT = 1.25;

/** Page size in points for an image of width x height pixels (in its stored orientation). */
export function pageSizeFor(width: number, height: number): { width: number; height: number } {
  const w = (width / ASSUMED_DPI) * POINTS_PER_INCH;
  const h = (height / ASSUMED_DPI) * POINTS_PER_INCH;
  const maxW = w > h ? A4_LONG : A4_SHORT;
  const maxH = w > h ? A4_SHORT : A4_LONG;
  if (w <= maxW * OVERSIZE_LIMIT && h <= maxH * OVERSIZE_LIMIT) return { width: w, height: h };
  const k = Math.min(maxW / w, maxH / h);
  return { width: w * k, height: h * k };
}

export async function assembleComponentPdf(
  pages: ComponentPage[],
  opts: ComponentPdfOptions,
): Promise<Uint8Array> {
  if (pages.length === 0) throw new AppError('VALIDATION', { field: 'pages', reason: 'empty' });
  // no dates or random ids in the file: the same pages give the same bytes, so the blob store deduplicates them
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(opts.title.normalize('NFC'), { showInWindowTitleBar: true });
  doc.setCreator('Đại lý DVC');
  doc.setProducer('Đại lý DVC (pdf-lib)');
  doc.setLanguage('vi-VN');

  let font: PDFFont | null = null;
  if (opts.font && pages.some((p) => (p.words?.length ?? 0) > 0)) {
    doc.registerFontkit(fontkit);
    font = await doc.embedFont(opts.font, { subset: true });
  }

  for (const [index, input] of pages.entries()) {
    const image = await embedImage(doc, input, index);
    const size = pageSizeFor(image.width, image.height);
    const page = doc.addPage([size.width, size.height]);
    page.drawImage(image, { x: 0, y: 0, width: size.width, height: size.height });
    page.setRotation(degrees(input.rotation));
    if (font && input.words?.length) addTextLayer(page, font, input, image);
  }
  return doc.save();
}

async function embedImage(doc: PDFDocument, page: ComponentPage, index: number): Promise<PDFImage> {
  try {
    // embedJpg stores the file as a DCTDecode stream byte for byte: no re-encoding, no quality loss
    return page.mime === 'image/jpeg' ? await doc.embedJpg(page.bytes) : await doc.embedPng(page.bytes);
  } catch (error) {
    throw new AppError('FILE_CORRUPT', { name: `trang ${index + 1}`, cause: String(error) });
  }
}

function addTextLayer(page: PDFPage, font: PDFFont, input: ComponentPage, image: PDFImage): void {
  const quarterTurn = input.rotation === 90 || input.rotation === 270;
  placeWords(page, font, input.words ?? [], {
    rotation: input.rotation,
    // the words' pixels are those of the upright image; the embedded image's own size is the truth for the stored one
    uprightPixels: quarterTurn
      ? { width: image.height, height: image.width }
      : { width: image.width, height: image.height },
  });
}
