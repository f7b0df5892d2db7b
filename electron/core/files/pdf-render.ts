// Opens a PDF with pdf.js (legacy build, offline: fonts, CMaps and wasm read from disk) and renders pages.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError } from '../../common/errors';
import { uploadLimits } from './page-image';
import { errorText, type Raster } from './raster';

export type OpenedPdf = {
  numPages: number;
  /** pixels renderPage would produce, read from the page's box (nothing is drawn) */
  pagePixels(pageNo: number): Promise<number>;
  renderPage(pageNo: number): Promise<Raster>;
  close(): Promise<void>;
};

/** Folder of the installed pdfjs-dist package (standard_fonts/, cmaps/, wasm/, iccs/ live there). */
export function defaultPdfjsDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')));
  } catch {
    // bundled without import.meta (CJS): fall back to the working directory's node_modules below
  }
  candidates.push(join(process.cwd(), 'node_modules', 'pdfjs-dist'));
  const found = candidates.find((dir) => existsSync(join(dir, 'standard_fonts')));
  if (!found) throw new AppError('INTERNAL', { reason: 'pdfjs-dist assets not found' });
  return found;
}

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type CanvasModule = typeof import('@napi-rs/canvas');

let modules: Promise<[PdfjsModule, CanvasModule]> | undefined;

function loadModules(): Promise<[PdfjsModule, CanvasModule]> {
  // loaded on first use: pdf.js installs DOM polyfills on import and most uploads are images
  modules ??= Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('@napi-rs/canvas')]);
  return modules;
}

function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}

/**
 * Opens the document. Throws PDF_ENCRYPTED when a password is needed to read it (a PDF encrypted only
 * with an owner password opens and renders), FILE_CORRUPT when pdf.js cannot make sense of it.
 */
export async function openPdf(
  name: string,
  bytes: Uint8Array,
  pdfjsDir = defaultPdfjsDir(),
): Promise<OpenedPdf> {
  const [pdfjs, canvasModule] = await loadModules();
  const asset = (sub: string): string => join(pdfjsDir, sub) + '/';
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdf.js may transfer (detach) the buffer it is given
    standardFontDataUrl: asset('standard_fonts'),
    cMapUrl: asset('cmaps'),
    cMapPacked: true,
    wasmUrl: asset('wasm'),
    iccUrl: asset('iccs'),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    if (isPasswordError(error)) throw new AppError('PDF_ENCRYPTED', { name });
    throw new AppError('FILE_CORRUPT', { name, reason: errorText(error) });
  }

  const renderScale = (natural: { width: number; height: number }): number => {
    const scale = uploadLimits.pdfRenderDpi / 72;
    const pixels = natural.width * natural.height * scale * scale;
    return pixels > uploadLimits.maxRenderPixels ? scale * Math.sqrt(uploadLimits.maxRenderPixels / pixels) : scale;
  };

  const pagePixels = async (pageNo: number): Promise<number> => {
    try {
      const natural = (await doc.getPage(pageNo)).getViewport({ scale: 1 });
      const scale = renderScale(natural);
      return Math.round(natural.width * scale) * Math.round(natural.height * scale);
    } catch (error) {
      throw new AppError('FILE_CORRUPT', { name, page: pageNo, reason: errorText(error) });
    }
  };

  const renderPage = async (pageNo: number): Promise<Raster> => {
    try {
      const page = await doc.getPage(pageNo);
      const viewport = page.getViewport({ scale: renderScale(page.getViewport({ scale: 1 })) });
      const width = Math.max(1, Math.round(viewport.width));
      const height = Math.max(1, Math.round(viewport.height));
      const canvas = canvasModule.createCanvas(width, height);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      // @napi-rs/canvas implements the part of HTMLCanvasElement pdf.js uses (its own Node canvas factory uses it too)
      const params: unknown = { canvas, viewport };
      await page.render(params as Parameters<typeof page.render>[0]).promise;
      const image = context.getImageData(0, 0, width, height);
      page.cleanup();
      return {
        data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
        width,
        height,
        channels: 4,
      };
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('FILE_CORRUPT', { name, page: pageNo, reason: errorText(error) });
    }
  };

  return {
    numPages: doc.numPages,
    pagePixels,
    renderPage,
    close: () => doc.destroy(),
  };
}
