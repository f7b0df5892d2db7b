// A second look at a written value: its line cut out of the page image, enlarged, and read again as one line of text.
import sharp from 'sharp';
import type { PageRotation } from '../files/page-image';
import type { OcrBox, OcrEngine, OcrWord, RecognizeOptions } from '../ocr/ocr-engine';
import type { ValueSpan } from './birth-certificate';
import { ocrLines, type OcrInput } from './ocr-lines';
import { median } from '../stats';

/** The page as one grey channel, in the frame the OCR words are in (EXIF orientation, then the page's rotation). */
export type Raster = { data: Buffer; width: number; height: number };

export async function pageRaster(image: Uint8Array, rotation: PageRotation = 0): Promise<Raster> {
  const { data, info } = await sharp(image, { autoOrient: true })
    .rotate(rotation)
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export type CropSettings = {
  /** the letters' height the crop is enlarged to, in pixels (never shrunk) */
  letterHeight: number;
  /** how far right of the last word the value was read from the crop reaches, in letter heights (a lost syllable) */
  reach: number;
  /** a 3x3 median over the crop first (a noisy scan's speckle) */
  median?: boolean;
};

const union = (boxes: readonly OcrBox[]): OcrBox => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});


/**
 * Where to cut a value out: from its first written word to the last word it was read from, plus `reach` letter
 * heights (a last syllable or digit that OCR lost into the leader); when no word was read, a stretch right of the label.
 */
export type CropBox = { box: OcrBox; height: number; after?: number };

export function spanBox(span: ValueSpan, settings: CropSettings): CropBox | null {
  const heights = span.words.map((w) => w.bbox.y1 - w.bbox.y0).filter((h) => h > 0);
  const height = heights.length > 0 ? median(heights) : span.label ? span.label.y1 - span.label.y0 : span.lineHeight;
  if (height <= 0) return null;
  if (span.words.length === 0) {
    if (!span.label) return null;
    const x0 = span.label.x1;
    return { box: { x0, y0: span.label.y0, x1: x0 + 16 * height, y1: span.label.y1 }, height };
  }
  const all = union(span.words.map((w) => w.bbox));
  const readTo = union((span.parsed.length > 0 ? span.parsed : span.words.slice(0, 1)).map((w) => w.bbox)).x1;
  const x1 = Math.min(all.x1, readTo + settings.reach * height);
  const inside = span.words.filter((w) => w.bbox.x0 < x1).map((w) => w.bbox);
  const box = union(inside.length > 0 ? inside : [all]);
  const x0 = span.lead ? Math.max(box.x0, span.lead.x) : box.x0;
  const after = span.lead ? span.lead.x : span.label ? span.label.x1 + 2 : undefined;
  return { box: { ...box, x0, x1: Math.max(x0 + height, x1) }, height, after };
}

/**
 * Reads the box (padded) as one line, enlarged so its letters stand `letterHeight` pixels tall, without the page
 * preprocessing; the words come back in the page's pixels.
 */
export async function readBox(
  engine: OcrEngine,
  raster: Raster,
  found: CropBox,
  settings: CropSettings,
  characters?: string,
): Promise<OcrWord[]> {
  const { box, height } = found;
  // a letter's tail can stick out of its word's box ("Nhung" read "Nhun" from a crop cut at the box): a letter height
  // of room to the right, half of one above, below and to the left
  const padX = Math.round(0.5 * height);
  const padY = Math.round(0.5 * height);
  // never back into the label: its last letters would be read as the value's first word ("là:" -> "La")
  const left = Math.max(0, Math.floor(box.x0 - padX), Math.ceil(found.after ?? 0));
  const top = Math.max(0, Math.floor(box.y0 - padY));
  const width = Math.min(raster.width, Math.ceil(box.x1 + 2 * padX)) - left;
  const tall = Math.min(raster.height, Math.ceil(box.y1 + padY)) - top;
  if (width < 4 || tall < 4) return [];
  const scale = Math.max(1, settings.letterHeight / height);
  const border = 16;
  const cut = sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 1 } }).extract({
    left,
    top,
    width,
    height: tall,
  });
  const crop = await (settings.median ? cut.median(3) : cut)
    .resize({ width: Math.round(width * scale), kernel: 'lanczos3' })
    .extend({ top: border, bottom: border, left: border, right: border, background: '#ffffff' })
    // a density, or tesseract takes the PNG for 25 DPI and warns on every crop
    .withMetadata({ density: 300 })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const opts: RecognizeOptions = { preprocess: false, layout: 'line', ...(characters ? { characters } : {}) };
  const result = await engine.recognize(new Uint8Array(crop.buffer, crop.byteOffset, crop.byteLength), opts);
  const back = (v: number, offset: number) => Math.round(offset + (v - border) / scale);
  return result.words
    .map((w, i) => (i === 0 ? { ...w, text: withoutLabelEnd(w.text) } : w))
    .filter((w) => w.text.trim() !== '')
    .map((w) => ({
      text: w.text,
      confidence: w.confidence,
      bbox: { x0: back(w.bbox.x0, left), y0: back(w.bbox.y0, top), x1: back(w.bbox.x1, left), y1: back(w.bbox.y1, top) },
    }));
}

/** The last letters of a label that the crop still caught ("i:" of "Tại:", "là:.Dương"): values hold no colon. */
function withoutLabelEnd(text: string): string {
  const colon = text.indexOf(':');
  return colon >= 0 && colon <= 4 ? text.slice(colon + 1) : text;
}

export type Replacement = { span: ValueSpan; by: readonly OcrWord[]; at?: OcrWord };

/**
 * The page's OCR with some values' words replaced by a second reading, in text and words alike (each line keeps its
 * other words), so the same extraction reads the new words with its label and cross-field checks. A span without words
 * (nothing read after its label) takes the second reading right after the label's last word `at`.
 */
export function patchOcr(ocr: OcrInput, replacements: readonly Replacement[]): OcrInput {
  const first = new Map<OcrWord, Replacement>();
  const after = new Map<OcrWord, readonly OcrWord[]>();
  const dropped = new Set<OcrWord>();
  for (const r of replacements) {
    const [head, ...rest] = r.span.words;
    if (head) first.set(head, r);
    else if (r.at) after.set(r.at, r.by);
    for (const w of rest) dropped.add(w);
  }
  const swap = (word: OcrWord): readonly OcrWord[] =>
    dropped.has(word) ? [] : [...(first.get(word)?.by ?? [word]), ...(after.get(word) ?? [])];
  // a label glued to the value's first word keeps its text (as a token without a word), so it is still found
  const texts = (word: OcrWord): string[] => {
    const lead = first.get(word)?.span.lead?.text;
    return [...(lead ? [lead] : []), ...swap(word).map((w) => w.text)];
  };
  const lines = ocrLines(ocr).map((line) =>
    line.tokens.flatMap((t) => (t.word ? texts(t.word) : [t.text])).join(' '),
  );
  return { text: lines.join('\n'), words: ocr.words.flatMap(swap) };
}
