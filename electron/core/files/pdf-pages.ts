// Turns every page of a PDF into a page image: scanned JPEG pages lifted losslessly, the rest rendered.
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../../common/errors';
import { uploadLimits, type PageImage } from './page-image';
import { extractFullPageJpeg } from './pdf-jpeg-extract';
import { openPdf } from './pdf-render';
import { deadlineFor, pixelTally, timeBudgetMs, type Deadline } from './inspect-budget';
import { checkPdfBudget } from './pdf-budget';
import { assertDecodes, encodeRaster, readHeader } from './raster';
import { stripJpeg } from './strip-metadata';

export type PdfPagesOptions = {
  pdfjsDir?: string;
  /** told the page count as soon as it is known (the inspect thread sets its time budget from it) */
  onPages?(pages: number): void;
  /** checked between pages */
  deadline?: Deadline;
};

/** pdf-lib's view of the file, or null when it cannot parse it (pdf.js, more tolerant, still may). */
async function loadWithPdfLib(bytes: Uint8Array): Promise<PDFDocument | null> {
  try {
    return await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
  } catch {
    return null; // e.g. a damaged cross-reference table: pdf.js repairs those, so it decides below
  }
}

/** The page's JPEG as stored, if the page is exactly one full-page DCT image whose bytes decode cleanly. */
async function liftJpeg(name: string, doc: PDFDocument, pageNo: number): Promise<PageImage | null> {
  const extracted = extractFullPageJpeg(doc.getPage(pageNo - 1));
  if (!extracted) return null;
  const meta = await readHeader(name, extracted.bytes);
  if (meta.format !== 'jpeg' || meta.width !== extracted.width || meta.height !== extracted.height)
    return null;
  await assertDecodes(name, extracted.bytes);
  // a PDF shows its JPEG as stored (its EXIF orientation never applied): drop all of it with the rest of the metadata
  const bytes = stripJpeg(name, extracted.bytes, { keepOrientation: false });
  return {
    bytes,
    mime: 'image/jpeg',
    width: meta.width,
    height: meta.height,
    sourceName: name,
    pageNo,
    rotation: extracted.rotation,
    origin: 'pdf-jpeg',
  };
}

export async function pdfPages(
  name: string,
  bytes: Uint8Array,
  options: PdfPagesOptions = {},
): Promise<PageImage[]> {
  const pdf = await openPdf(name, bytes, options.pdfjsDir);
  try {
    const count = pdf.numPages;
    if (count > uploadLimits.maxPdfPages) throw new AppError('PDF_TOO_MANY_PAGES', { name, pages: count });
    if (count < 1) throw new AppError('FILE_CORRUPT', { name, reason: 'no pages' });
    options.onPages?.(count);
    const deadline = options.deadline ?? deadlineFor(name, timeBudgetMs(count));
    // what rendering every page would cost, from the page boxes alone, before any is drawn
    const rendered = pixelTally(name);
    for (let pageNo = 1; pageNo <= count; pageNo += 1) rendered.add(await pdf.pagePixels(pageNo));
    const libDoc = await loadWithPdfLib(bytes); // after the page-count check: pdf-lib parses every object
    // content streams inflated with a cap, image sizes added up: a bomb stops here, not in pdf.js
    if (libDoc) checkPdfBudget(name, libDoc, pixelTally(name));
    // encrypted streams (owner password only) must be decrypted: pdf.js does that, pdf-lib does not
    const liftable = libDoc && !libDoc.isEncrypted && libDoc.getPageCount() === count ? libDoc : null;
    const pages: PageImage[] = [];
    for (let pageNo = 1; pageNo <= count; pageNo += 1) {
      deadline.check();
      const lifted = liftable ? await liftJpeg(name, liftable, pageNo) : null;
      if (lifted) {
        pages.push(lifted);
        continue;
      }
      const raster = await pdf.renderPage(pageNo);
      const encoded = await encodeRaster(raster, uploadLimits.pdfRenderDpi);
      pages.push({ ...encoded, sourceName: name, pageNo, rotation: 0, origin: 'pdf-render' });
      // rendering is synchronous CPU work: let other events through between pages
      await new Promise((resolve) => setImmediate(resolve));
    }
    return pages;
  } finally {
    await pdf.close();
  }
}
