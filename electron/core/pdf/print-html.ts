// A PDF as a self-contained HTML page of page images, so Electron can print a receipt from memory (no file on disk).
import sharp from 'sharp';
import { openPdf } from '../files/pdf-render';
import { uploadLimits } from '../files/page-image';

/**
 * Chromium refuses to navigate to a URL longer than 2 MiB (url::kMaxURLChars); the page is loaded as a data: URL, so
 * its base64 stays under this. A receipt (1-2 pages) is ~100-300 KB at 200 DPI.
 */
export const MAX_PRINT_URL_BYTES = 1_900_000;

export type PrintHtml = { html: string; pages: number; widthMm: number; heightMm: number; dpi: number };

async function pagePng(data: Uint8Array, width: number, height: number, scale: number): Promise<Buffer> {
  let img = sharp(data, { raw: { width, height, channels: 4 } }).flatten({ background: '#ffffff' }).greyscale();
  if (scale < 1) img = img.resize(Math.max(1, Math.round(width * scale)));
  // 16 grey levels: receipts are black text, lines and a QR code; palette PNGs are a fifth of full greyscale
  return img.png({ palette: true, colours: 16, compressionLevel: 9 }).toBuffer();
}

/**
 * Renders every page (pdf.js, 200 DPI) to a greyscale PNG inside one HTML page sized like the PDF's first page. Pages
 * are re-encoded smaller until the whole page fits a data: URL. Nothing is written to disk.
 */
export async function pdfToPrintHtml(pdf: Uint8Array, maxUrlBytes = MAX_PRINT_URL_BYTES): Promise<PrintHtml> {
  const doc = await openPdf('phieu.pdf', pdf);
  try {
    const rasters = [];
    for (let n = 1; n <= doc.numPages; n++) rasters.push(await doc.renderPage(n));
    const first = rasters[0];
    if (!first) throw new Error('PDF without pages');
    const dpi = uploadLimits.pdfRenderDpi;
    const widthMm = (first.width / dpi) * 25.4;
    const heightMm = (first.height / dpi) * 25.4;
    for (let scale = 1; ; scale *= 0.8) {
      const images = await Promise.all(rasters.map((r) => pagePng(r.data, r.width, r.height, scale)));
      const html = printPage(images, widthMm, heightMm);
      // base64 of the whole page, as it is loaded
      if (Math.ceil(Buffer.byteLength(html) / 3) * 4 <= maxUrlBytes || scale < 0.3) {
        return { html, pages: rasters.length, widthMm, heightMm, dpi: Math.round(dpi * scale) };
      }
    }
  } finally {
    await doc.close();
  }
}

function printPage(images: Buffer[], widthMm: number, heightMm: number): string {
  const w = `${widthMm.toFixed(1)}mm`;
  const h = `${heightMm.toFixed(1)}mm`;
  const imgs = images
    .map((png, i) => `<img alt="Trang ${String(i + 1)}" src="data:image/png;base64,${png.toString('base64')}">`)
    .join('');
  return (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">` +
    '<title>Xem trước khi in</title><style>' +
    `@page{size:${w} ${h};margin:0}html,body{margin:0;padding:0}` +
    `img{display:block;width:${w};height:${h};break-after:page}` +
    '@media screen{body{background:#777}img{margin:12px auto;background:#fff;box-shadow:0 0 6px #0006}}' +
    `</style></head><body>${imgs}</body></html>`
  );
}
