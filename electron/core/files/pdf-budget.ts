// Measures what a PDF's pages will cost before any is rendered: the size of their content streams once inflated
// (inflated with a cap, so a 300 KB file that expands to 300 MB stops at the cap) and the pixels of their images.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { inspectBudget, tooHeavy, type pixelTally } from './inspect-budget';
import { uploadLimits } from './page-image';

type Tally = ReturnType<typeof pixelTally>;

/** Forms inside forms inside forms: deeper than this is no scan, and is not followed. */
const MAX_FORM_DEPTH = 4;

function filters(dict: PDFDict): string[] {
  const f = dict.lookup(PDFName.of('Filter'));
  if (f instanceof PDFName) return [f.asString()];
  if (f instanceof PDFArray) return f.asArray().map((x) => (x instanceof PDFName ? x.asString() : ''));
  return [];
}

/**
 * The bytes a stream expands to, at most `room` (+1 to tell "over"): FlateDecode is inflated with zlib's output cap;
 * any other filter is counted at its stored size (they expand far less than deflate's 1:1000).
 */
function expandedSize(stream: PDFRawStream, room: number): number {
  const stored = stream.getContents();
  if (filters(stream.dict)[0] !== '/FlateDecode') return stored.length;
  try {
    return inflateSync(stored, { maxOutputLength: Math.max(1, room + 1) }).length;
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return room + 1;
    return stored.length; // a damaged stream: pdf.js decides whether the page renders
  }
}

function numberOf(dict: PDFDict, key: string): number {
  const v = dict.lookup(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : 0;
}

export function checkPdfBudget(name: string, doc: PDFDocument, pixels: Tally): void {
  let content = 0;
  // per page: pdf.js parses a stream shared by many pages once for each of them, so each use counts
  let seen = new Set<PDFObject>();
  const addContent = (stream: PDFRawStream) => {
    if (seen.has(stream)) return;
    seen.add(stream);
    content += expandedSize(stream, inspectBudget.maxContentBytes - content);
    if (content > inspectBudget.maxContentBytes) {
      throw tooHeavy(name, `nội dung các trang giải nén ra trên ${String(inspectBudget.maxContentBytes / (1024 * 1024))} MB`);
    }
  };
  const resources = (res: PDFObject | undefined, depth: number) => {
    if (!(res instanceof PDFDict) || depth > MAX_FORM_DEPTH) return;
    const xobjects = res.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict)) return;
    for (const value of xobjects.values()) {
      const x = value instanceof PDFRef ? doc.context.lookup(value) : value;
      if (!(x instanceof PDFRawStream) || seen.has(x)) continue;
      const subtype = x.dict.lookup(PDFName.of('Subtype'));
      if (subtype === PDFName.of('Image')) {
        seen.add(x);
        const imagePixels = numberOf(x.dict, 'Width') * numberOf(x.dict, 'Height');
        // pdf.js decodes an image whole, whatever size it is drawn at
        if (imagePixels > uploadLimits.maxPixels) throw tooHeavy(name, `một ảnh trong tệp trên ${String(uploadLimits.maxPixels / 1e6)} megapixel`);
        pixels.add(imagePixels);
      } else if (subtype === PDFName.of('Form')) {
        addContent(x);
        resources(x.dict.lookup(PDFName.of('Resources')), depth + 1);
      }
    }
  };
  for (const page of doc.getPages()) {
    seen = new Set<PDFObject>();
    const contents = page.node.lookup(PDFName.of('Contents'));
    const streams = contents instanceof PDFArray ? contents.asArray().map((c) => (c instanceof PDFRef ? doc.context.lookup(c) : c)) : [contents];
    for (const s of streams) if (s instanceof PDFRawStream) addContent(s);
    resources(page.node.Resources(), 0);
  }
}
