// Finds a scanned PDF page that is nothing but one full-page JPEG and returns that JPEG's bytes untouched.
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFStream,
  decodePDFRawStream,
  type PDFPage,
} from 'pdf-lib';
import type { PageRotation } from './page-image';

export type ExtractedJpeg = { bytes: Uint8Array; width: number; height: number; rotation: PageRotation };

type Matrix = [number, number, number, number, number, number];

const identity: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  // PDF: a new cm matrix m is pre-multiplied onto the current CTM n
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/**
 * Returns the single image XObject name drawn by a content stream made only of q/Q/cm/gs/Do, with the
 * CTM in force when it is drawn, or null for anything richer (text, vector paths, several images).
 */
export function singleImageDraw(content: string): { name: string; ctm: Matrix } | null {
  if (/[()<>[\]{}%]/.test(content)) return null;
  const tokens = content.split(/\s+/).filter((t) => t.length > 0);
  const stack: Matrix[] = [];
  let ctm = identity;
  let operands: string[] = [];
  let drawn: { name: string; ctm: Matrix } | null = null;
  for (const token of tokens) {
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) || token.startsWith('/')) {
      operands.push(token);
      continue;
    }
    if (token === 'q') stack.push(ctm);
    else if (token === 'Q') ctm = stack.pop() ?? identity;
    else if (token === 'cm') {
      if (operands.length !== 6) return null;
      ctm = multiply(operands.map(Number) as Matrix, ctm);
    } else if (token === 'Do') {
      const name = operands[0];
      if (drawn || operands.length !== 1 || !name?.startsWith('/')) return null;
      drawn = { name: name.slice(1), ctm };
    } else if (token !== 'gs') return null;
    operands = [];
  }
  return drawn;
}

function contentText(page: PDFPage): string | null {
  const contents = page.node.Contents();
  const streams: PDFStream[] = [];
  if (contents instanceof PDFArray) {
    for (let i = 0; i < contents.size(); i += 1) {
      const s = contents.lookup(i);
      if (!(s instanceof PDFStream)) return null;
      streams.push(s);
    }
  } else if (contents instanceof PDFStream) streams.push(contents);
  else return null;
  const parts = streams.map((s) => {
    const decoded = s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents();
    return Buffer.from(decoded).toString('latin1');
  });
  return parts.join('\n');
}

function boxOf(page: PDFPage): { x: number; y: number; width: number; height: number } {
  return page.node.CropBox() ? page.getCropBox() : page.getMediaBox();
}

/** true when the image rectangle covers the page box to within 1.5% on every edge, without flipping. */
function coversPage(ctm: Matrix, box: { x: number; y: number; width: number; height: number }): boolean {
  const [a, b, c, d, e, f] = ctm;
  const tolX = box.width * 0.015;
  const tolY = box.height * 0.015;
  if (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || a <= 0 || d <= 0) return false;
  return (
    Math.abs(e - box.x) <= tolX &&
    Math.abs(f - box.y) <= tolY &&
    Math.abs(e + a - (box.x + box.width)) <= tolX &&
    Math.abs(f + d - (box.y + box.height)) <= tolY
  );
}

function isPlainJpegImage(image: PDFRawStream): boolean {
  const dict = image.dict;
  if (dict.lookupMaybe(PDFName.of('Subtype'), PDFName) !== PDFName.of('Image')) return false;
  const filter = dict.lookup(PDFName.of('Filter'));
  const dct = PDFName.of('DCTDecode');
  const onlyDct =
    filter === dct || (filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0) === dct);
  if (!onlyDct) return false;
  for (const key of ['SMask', 'Mask', 'Decode', 'ImageMask', 'DecodeParms']) {
    if (dict.has(PDFName.of(key))) return false;
  }
  const bpc = dict.lookupMaybe(PDFName.of('BitsPerComponent'), PDFNumber);
  if (bpc && bpc.asNumber() !== 8) return false;
  return colourSpaceIsGreyOrRgb(dict);
}

/** CMYK JPEGs are often stored inverted (Adobe): rendering them is safer than copying them. */
function colourSpaceIsGreyOrRgb(dict: PDFDict): boolean {
  const cs = dict.lookup(PDFName.of('ColorSpace'));
  if (cs === PDFName.of('DeviceGray') || cs === PDFName.of('DeviceRGB')) return true;
  if (cs instanceof PDFArray && cs.lookup(0) === PDFName.of('ICCBased')) {
    const profile = cs.lookup(1);
    const n =
      profile instanceof PDFStream
        ? profile.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber()
        : undefined;
    return n === 1 || n === 3;
  }
  return false;
}

function normalizeRotation(angle: number): PageRotation {
  const r = (((Math.round(angle / 90) * 90) % 360) + 360) % 360;
  return r === 90 || r === 180 || r === 270 ? r : 0;
}

/** The page's JPEG as stored in the PDF, or null when the page must be rendered instead. */
export function extractFullPageJpeg(page: PDFPage): ExtractedJpeg | null {
  try {
    if ((page.node.Annots()?.size() ?? 0) > 0) return null; // annotations (stamps, signatures) are visible content
    const content = contentText(page);
    const draw = content === null ? null : singleImageDraw(content);
    if (!draw) return null;
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    const image = xobjects?.lookup(PDFName.of(draw.name));
    if (!(image instanceof PDFRawStream) || !isPlainJpegImage(image)) return null;
    if (!coversPage(draw.ctm, boxOf(page))) return null;
    const width = image.dict.lookupMaybe(PDFName.of('Width'), PDFNumber)?.asNumber() ?? 0;
    const height = image.dict.lookupMaybe(PDFName.of('Height'), PDFNumber)?.asNumber() ?? 0;
    if (width <= 0 || height <= 0) return null;
    return { bytes: image.contents, width, height, rotation: normalizeRotation(page.getRotation().angle) };
  } catch {
    return null; // any oddity in the page structure: rendering is the safe fallback
  }
}
