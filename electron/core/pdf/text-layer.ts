// Invisible text (render mode 3) laid over a scanned page, one run per OCR word on its box, upright in the viewer.
import {
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';

export type OcrWord = { text: string; bbox: { x0: number; y0: number; x1: number; y1: number } };

type Layout = { rotation: 0 | 90 | 180 | 270; uprightPixels: { width: number; height: number } };

/** 0.2: the baseline sits about a fifth of a word box above its bottom (descenders of g, p, y below it). */
const BASELINE_RISE = 0.2;

/**
 * Maps a point of the upright (displayed) page, in points from its top-left corner, to PDF user space of the unrotated
 * page of width w and height h. A page with /Rotate r is shown turned r degrees clockwise.
 */
function toUserSpace(
  rotation: Layout['rotation'],
  dx: number,
  dy: number,
  w: number,
  h: number,
): [number, number] {
  switch (rotation) {
    case 0:
      return [dx, h - dy];
    case 90:
      return [dy, dx];
    case 180:
      return [w - dx, dy];
    case 270:
      return [w - dy, h - dx];
  }
}

/** Text direction and "up" vectors in user space that read left to right, upright, once the page is rotated. */
const TEXT_AXES: Record<Layout['rotation'], [number, number, number, number]> = {
  0: [1, 0, 0, 1],
  90: [0, 1, -1, 0],
  180: [-1, 0, 0, -1],
  270: [0, -1, 1, 0],
};

export function placeWords(page: PDFPage, font: PDFFont, words: OcrWord[], layout: Layout): void {
  const { width: w, height: h } = page.getSize();
  const quarterTurn = layout.rotation === 90 || layout.rotation === 270;
  const shownWidth = quarterTurn ? h : w;
  const scale = shownWidth / layout.uprightPixels.width;
  const fontKey = page.node.newFontDictionary(font.name, font.ref);
  const [a, b, c, d] = TEXT_AXES[layout.rotation];

  const operators = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const word of words) {
    const text = word.text.normalize('NFC').trim();
    const boxWidth = (word.bbox.x1 - word.bbox.x0) * scale;
    const boxHeight = (word.bbox.y1 - word.bbox.y0) * scale;
    if (!text || boxWidth <= 0 || boxHeight <= 0) continue;
    const size = boxHeight;
    const natural = font.widthOfTextAtSize(text, size);
    // stretch or squeeze horizontally so the word covers exactly its box: selection matches what the eye sees
    const squeeze = natural > 0 ? (100 * boxWidth) / natural : 100;
    const [x, y] = toUserSpace(
      layout.rotation,
      word.bbox.x0 * scale,
      word.bbox.y1 * scale - boxHeight * BASELINE_RISE,
      w,
      h,
    );
    operators.push(
      setFontAndSize(fontKey, size),
      setCharacterSqueeze(squeeze),
      setTextMatrix(a, b, c, d, x, y),
      showText(font.encodeText(text)),
    );
  }
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}
