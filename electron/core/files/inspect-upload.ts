// inspectUpload: validates an uploaded file and turns it into page images ready to store, or throws AppError.
import { AppError } from '../../common/errors';
import { checkFileName } from './file-name';
import { uploadLimits, type PageImage, type UploadInput } from './page-image';
import { pdfPages, type PdfPagesOptions } from './pdf-pages';
import { keepAsReceived } from './raster';
import { detectPageFileFormat } from './sniff';
import { tiffPages } from './tiff-pages';

export type InspectOptions = PdfPagesOptions;

/**
 * Checks, in order: the name (BAD_FILE_NAME), emptiness (FILE_EMPTY), size (FILE_TOO_LARGE), real type
 * against extension (FILE_UNSUPPORTED, FILE_TYPE_MISMATCH), then per format the pixel count from the
 * header before decoding (IMAGE_TOO_LARGE), a full decode (FILE_CORRUPT), encryption (PDF_ENCRYPTED)
 * and page count (PDF_TOO_MANY_PAGES). Nothing is written anywhere: the caller stores the pages only
 * when this resolves, so a bad file leaves the dossier untouched.
 *
 * Before decoding, a TIFF's frames and a PDF's pages, content streams and images are added up against inspectBudget
 * (FILE_TOO_HEAVY); pages are produced within a time budget. In the app this runs in the inspect thread
 * (inspect-thread.ts), which also caps memory and stops a file that runs past its time.
 *
 * JPEG and PNG are returned as received less their metadata (strip-metadata); TIFF frames and rendered PDF pages are encoded by
 * encodeRaster (PNG for grey/bilevel, JPEG q90 for colour); a PDF page that is one full-page JPEG
 * yields that JPEG unchanged. PDF work is CPU-heavy: run this off the UI/IPC thread for big files.
 */
export async function inspectUpload(input: UploadInput, options: InspectOptions = {}): Promise<PageImage[]> {
  const name = checkFileName(input.name);
  const { bytes } = input;
  if (bytes.length === 0) throw new AppError('FILE_EMPTY', { name });
  if (bytes.length > uploadLimits.maxFileBytes) {
    throw new AppError('FILE_TOO_LARGE', { name, megabytes: Math.ceil(bytes.length / (1024 * 1024)) });
  }
  const format = detectPageFileFormat(name, bytes);
  switch (format) {
    case 'JPEG':
      return [await keepAsReceived(name, bytes, 'image/jpeg')];
    case 'PNG':
      return [await keepAsReceived(name, bytes, 'image/png')];
    case 'TIFF':
      return tiffPages(name, bytes, options);
    case 'PDF':
      return pdfPages(name, bytes, options);
  }
}
