// OCR preprocessing pipeline: grey (red stamps out), page crop, flat light, upright and level, leaders and dust out.
import { compose, identity, translation, type Affine } from './affine';
import { colourToGrey } from './colour-to-grey';
import { estimateBackground, flattenIllumination } from './illumination';
import { analyseLayout, inkPoints } from './layout';
import { inkComponents } from './components';
import { eraseBoxes, findDotLeaders } from './leaders';
import { blankOutsidePage, findPage } from './page-crop';
import { findSpecks } from './specks';
import { cropGrey, decodeGrey, decodeRgb, finishPage, resizeGrey, resizeRgb, type GreyImage, type RgbImage } from './raster';

export const preprocessSteps = ['dropRed', 'pageCrop', 'flatten', 'orient', 'deskew', 'leaders', 'despeckle', 'downscale'] as const;
export type PreprocessStep = (typeof preprocessSteps)[number];
export type PreprocessSteps = Record<PreprocessStep, boolean>;

/**
 * Every step is on: each lowered the CER of some page kind of the benchmark (npm run bench:ocr -- --ablate) and none
 * raised it elsewhere, except downscale, kept for speed (tesseract ~20% faster) at no measurable CER cost. Measured
 * and dropped: upscaling small text (no gain down to 100 DPI), binarising (worse on 4 of 5 page kinds), vertical
 * streak repair (no gain once specks are removed).
 */
export const defaultPreprocessSteps: PreprocessSteps = {
  dropRed: true,
  pageCrop: true,
  flatten: true,
  orient: true,
  deskew: true,
  leaders: true,
  despeckle: true,
  downscale: true,
};

export type PreprocessOptions = {
  /** clockwise degrees the page is turned in the dossier, applied first (as the engine does without preprocessing) */
  rotation?: number;
  steps?: Partial<PreprocessSteps>;
};

export type PreprocessReport = {
  /** clockwise degrees applied on top of `rotation`: quarter turns found plus the skew */
  turn: number;
  /** the quarter turn alone (0, 90, 180, 270) */
  orientation: 0 | 90 | 180 | 270;
  skew: number;
  crop: { left: number; top: number; width: number; height: number } | null;
  scale: number;
  leadersRemoved: number;
  specksRemoved: number;
  redPixels: number;
  xHeight: number;
};

export type PreprocessedPage = {
  /** what tesseract reads: an 8-bit grey PGM */
  image: Uint8Array;
  width: number;
  height: number;
  /** maps a pixel of `image` to the image as given (after EXIF orientation and `rotation`) */
  toSource: Affine;
  sourceWidth: number;
  sourceHeight: number;
  report: PreprocessReport;
};

/** 10°: a phone photo taken by hand rarely tilts more; a larger sweep costs time and finds false angles on forms. */
const MAX_SKEW = 10;
/** Long side of the image the layout is analysed on: ~150 DPI for A4, enough for a 0.05° skew step. */
const ANALYSIS_SIDE = 1800;
/** Long side of the colour thumbnail that finds red ink and the page's outline. */
const THUMB_SIDE = 400;
/** 160 of 255 after flattening: ink is well under it, paper at 255 and the paper's noise well above. */
const INK_LEVEL = 160;
/**
 * Text with an x-height over 22 px (12 pt text scanned above ~240 DPI) is shrunk to 18 px (~200 DPI): tesseract
 * spent ~20% less time on a 300 DPI page shrunk so, for the same text (scripts/bench/ocr.ts --ablate).
 */
const DOWNSCALE_ABOVE = 22;
const TARGET_X_HEIGHT = 18;
/** Turns under 0.1° are not worth resampling the page for. */
const MIN_TURN = 0.1;
/** 1 in 2,000 thumbnail pixels red: a stamp (the bench's covers ~1%); fewer is JPEG colour noise on a grey scan. */
const RED_FRACTION = 0.0005;

function quarterOf(degrees: number): 0 | 90 | 180 | 270 {
  const q = ((Math.round(degrees / 90) % 4) + 4) % 4;
  return q === 1 ? 90 : q === 2 ? 180 : q === 3 ? 270 : 0;
}

async function reduce(grey: GreyImage, longSide: number): Promise<{ image: GreyImage; factor: number }> {
  const factor = Math.min(1, longSide / Math.max(grey.width, grey.height));
  if (factor === 1) return { image: grey, factor };
  const image = await resizeGrey(grey, Math.max(1, Math.round(grey.width * factor)), Math.max(1, Math.round(grey.height * factor)));
  return { image, factor: image.width / grey.width };
}

const isJpeg = (image: Uint8Array) => image[0] === 0xff && image[1] === 0xd8;

/**
 * The colour thumbnail (red ink, page outline) and the grey page. A JPEG gives its thumbnail cheaply (libjpeg
 * decodes at 1/8 scale) and its grey page straight from libvips; red ink is dropped (a colour decode and a pass in
 * JavaScript) only when the thumbnail shows some. Other formats are decoded once, in colour, for both.
 */
async function decodePage(image: Uint8Array, rotation: number, dropRed: boolean): Promise<{ thumb: RgbImage; grey: GreyImage; redPixels: number }> {
  const hasRed = (thumb: RgbImage) => dropRed && colourToGrey(thumb, true).redPixels > thumb.width * thumb.height * RED_FRACTION;
  if (isJpeg(image)) {
    const thumb = await decodeRgb(image, rotation, THUMB_SIDE);
    if (!hasRed(thumb)) return { thumb, grey: await decodeGrey(image, rotation), redPixels: 0 };
    const converted = colourToGrey(await decodeRgb(image, rotation), true);
    return { thumb, grey: converted.image, redPixels: converted.redPixels };
  }
  const rgb = await decodeRgb(image, rotation);
  const k = THUMB_SIDE / Math.max(rgb.width, rgb.height);
  const thumb = k < 1 ? await resizeRgb(rgb, Math.max(1, Math.round(rgb.width * k)), Math.max(1, Math.round(rgb.height * k))) : rgb;
  const converted = colourToGrey(rgb, hasRed(thumb));
  return { thumb, grey: converted.image, redPixels: converted.redPixels };
}

/** Divides out uneven light; the paper level is sampled on a quarter-size copy (4 px cells = 16 px at 300 DPI A4). */
async function flatten(grey: GreyImage): Promise<GreyImage> {
  const small = await reduce(grey, Math.max(grey.width, grey.height) / 4);
  const cell = Math.max(2, Math.round(Math.min(small.image.width, small.image.height) / 150));
  return flattenIllumination(grey, estimateBackground(small.image, cell, 1 / small.factor));
}

/** Finds orientation, skew and x-height on a ~150 DPI copy, erases leader dots and dust from `grey`; returns the turn. */
async function analyseAndClean(grey: GreyImage, steps: PreprocessSteps, report: PreprocessReport): Promise<number> {
  const analysis = await reduce(grey, ANALYSIS_SIDE);
  const layout = analyseLayout(inkPoints(analysis.image, INK_LEVEL), MAX_SKEW);
  const quarter = steps.orient ? quarterOf(layout.turn - layout.skew) : 0;
  let turn = quarter + (steps.deskew ? layout.skew : 0);
  if (Math.abs(turn) < MIN_TURN) turn = 0;
  report.orientation = quarter;
  report.skew = steps.deskew ? layout.skew : 0;
  report.turn = turn;
  report.xHeight = layout.xHeight / analysis.factor;
  if ((steps.leaders || steps.despeckle) && layout.xHeight > 0) {
    const marks = inkComponents(analysis.image);
    const dots = steps.leaders ? findDotLeaders(marks, layout.xHeight, layout.turn) : [];
    const specks = steps.despeckle ? findSpecks(marks, layout.xHeight) : [];
    eraseBoxes(grey, [...dots, ...specks], 1 / analysis.factor);
    report.leadersRemoved = dots.length;
    report.specksRemoved = specks.length;
  }
  return turn;
}

/**
 * Cleans a page up for tesseract. The result is a grey PGM and the map from its pixels back to the image as given,
 * so word boxes can be put back where the words are on the stored scan.
 */
export async function preprocessPage(image: Uint8Array, opts: PreprocessOptions = {}): Promise<PreprocessedPage> {
  const steps = { ...defaultPreprocessSteps, ...opts.steps };
  const decoded = await decodePage(image, opts.rotation ?? 0, steps.dropRed);
  let grey = decoded.grey;
  const sourceWidth = grey.width;
  const sourceHeight = grey.height;
  let toSource: Affine = identity;
  const report: PreprocessReport = {
    turn: 0,
    orientation: 0,
    skew: 0,
    crop: null,
    scale: 1,
    leadersRemoved: 0,
    specksRemoved: 0,
    redPixels: decoded.redPixels,
    xHeight: 0,
  };

  // crop to the page's rectangle now, blank the desk around it only once the light is flat: the desk's own level
  // keeps the paper beside it from being judged against a white fill, which left a grey rim of junk characters
  const region = steps.pageCrop ? findPage(decoded.thumb, grey.width, grey.height) : null;
  if (region) {
    grey = cropGrey(grey, region.left, region.top, region.width, region.height);
    toSource = translation(region.left, region.top);
    report.crop = { left: region.left, top: region.top, width: region.width, height: region.height };
  }
  if (steps.flatten) grey = await flatten(grey);
  if (region) blankOutsidePage(grey, region);

  const turn = steps.orient || steps.deskew || steps.leaders || steps.despeckle ? await analyseAndClean(grey, steps, report) : 0;
  if (steps.downscale && report.xHeight > DOWNSCALE_ABOVE) report.scale = TARGET_X_HEIGHT / report.xHeight;
  const finished = await finishPage(grey, turn, report.scale);
  return {
    image: finished.pgm,
    width: finished.width,
    height: finished.height,
    toSource: compose(toSource, finished.toInput),
    sourceWidth,
    sourceHeight,
    report,
  };
}
