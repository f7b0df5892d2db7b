// Types and limits for the page images an uploaded file turns into.

export type PageImageMime = 'image/jpeg' | 'image/png';

/** Clockwise degrees. */
export type PageRotation = 0 | 90 | 180 | 270;

/** A stored rotation (pages.rotation, an integer column) as a PageRotation; anything else is upright. */
export function asRotation(value: number): PageRotation {
  return value === 90 || value === 180 || value === 270 ? value : 0;
}

export type PageImage = {
  bytes: Uint8Array;
  mime: PageImageMime;
  /** Pixel size as a viewer shows it, i.e. after the JPEG's own EXIF orientation. */
  width: number;
  height: number;
  /** The uploaded file's name (NFC), shown to the agent. */
  sourceName: string;
  /** 1-based page number inside the uploaded file. */
  pageNo: number;
  /**
   * Extra clockwise rotation to show the page upright, on top of what the bytes encode themselves.
   * Non-zero only for a PDF page with /Rotate whose JPEG was extracted as is; store it in pages.rotation.
   */
  rotation: PageRotation;
  /** How the image was obtained: kept as received, lifted losslessly from a PDF, rendered, or converted. */
  origin: 'original' | 'pdf-jpeg' | 'pdf-render' | 'tiff-frame';
  /** EXIF orientation (2-8) of a JPEG kept as received; viewers and tesseract apply it themselves. */
  exifOrientation?: number;
};

export type UploadInput = { name: string; bytes: Uint8Array };

export const uploadLimits = {
  /** 50 MB: an A4 colour scan at 600 DPI is ~25 MB as PNG; anything larger is a mistake or an attack. */
  maxFileBytes: 50 * 1024 * 1024,
  /** 100 MP: A3 at 600 DPI is ~70 MP; decoding more risks gigabytes of memory (decompression bombs). */
  maxPixels: 100_000_000,
  maxPdfPages: 200,
  maxNameLength: 255,
  /** DPI at which a PDF page that is not a single JPEG is rendered (portal asks for 200-300 DPI scans). */
  pdfRenderDpi: 200,
  /** A rendered PDF page never exceeds this many pixels, whatever its MediaBox claims. */
  maxRenderPixels: 40_000_000,
} as const;
