// OCR preprocessing pipeline: grey (red stamps out), page crop, flat light, upright and level, leaders out, upscale.
import { compose, identity, scaling, translation, type Affine } from './affine';
import { colourToGrey } from './colour-to-grey';
import { estimateBackground, flattenIllumination } from './illumination';
import { analyseLayout, inkPoints, type PageLayout } from './layout';
import { removeDotLeaders } from './leaders';
import { applyPageRegion, findPage } from './page-crop';
import { decodeRgb, encodeGreyPng, resizeGrey, resizeRgb, rotateGrey, type GreyImage } from './raster';

export const preprocessSteps = ['dropRed', 'pageCrop', 'flatten', 'orient', 'deskew', 'leaders', 'upscale'] as const;
export type PreprocessStep = (typeof preprocessSteps)[number];
export type PreprocessSteps = Record<PreprocessStep, boolean>;

/** Steps kept because the benchmark (scripts/bench/ocr.ts) showed each one lowering the CER; see the report there. */
export const defaultPreprocessSteps: PreprocessSteps = {
  dropRed: true,
  pageCrop: true,
  flatten: true,
  orient: true,
  deskew: true,
  leaders: true,
  upscale: true,
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
  redPixels: number;
  xHeight: number;
};

export type PreprocessedPage = {
  png: Uint8Array;
  width: number;
  height: number;
  /** maps a pixel of `png` to the image as given (after EXIF orientation and `rotation`) */
  toSource: Affine;
  sourceWidth: number;
  sourceHeight: number;
  report: PreprocessReport;
};

/** 10°: a phone photo taken by hand rarely tilts more; a larger sweep costs time and finds false angles on forms. */
const MAX_SKEW = 10;
/** Long side of the image the layout is analysed on: ~150 DPI for A4, enough for a 0.05° skew step. */
const ANALYSIS_SIDE = 1800;
/** 160 of 255 after flattening: ink is well under it, paper at 255 and the paper's noise well above. */
const INK_LEVEL = 160;
/**
 * 20 px x-height (~230 DPI for 12 pt text): below it tesseract starts to confuse Vietnamese tone marks (ổ/ố, ả/á,
 * ocr-facts.md), so smaller text is enlarged to it; the bench's clean 300 DPI pages measure ~25 px and are left alone.
 */
const TARGET_X_HEIGHT = 20;
const MAX_UPSCALE = 2.5;
/** Turns under 0.1° are not worth resampling the page for. */
const MIN_TURN = 0.1;

function quarterOf(degrees: number): 0 | 90 | 180 | 270 {
  const q = ((Math.round(degrees / 90) % 4) + 4) % 4;
  return q === 1 ? 90 : q === 2 ? 180 : q === 3 ? 270 : 0;
}

async function analyse(grey: GreyImage): Promise<{ layout: PageLayout; factor: number }> {
  const factor = Math.min(1, ANALYSIS_SIDE / Math.max(grey.width, grey.height));
  const small =
    factor < 1
      ? await resizeGrey(grey, Math.round(grey.width * factor), Math.round(grey.height * factor))
      : grey;
  return { layout: analyseLayout(inkPoints(small, INK_LEVEL), MAX_SKEW), factor };
}

export async function preprocessPage(image: Uint8Array, opts: PreprocessOptions = {}): Promise<PreprocessedPage> {
  const steps = { ...defaultPreprocessSteps, ...opts.steps };
  const rgb = await decodeRgb(image, opts.rotation ?? 0);
  const converted = colourToGrey(rgb, steps.dropRed);
  let grey = converted.image;
  let toSource: Affine = identity;
  const report: PreprocessReport = {
    turn: 0,
    orientation: 0,
    skew: 0,
    crop: null,
    scale: 1,
    leadersRemoved: 0,
    redPixels: converted.redPixels,
    xHeight: 0,
  };

  if (steps.pageCrop) {
    const k = 400 / Math.max(rgb.width, rgb.height);
    const small = await resizeRgb(rgb, Math.max(1, Math.round(rgb.width * k)), Math.max(1, Math.round(rgb.height * k)));
    const region = findPage(small, rgb.width, rgb.height);
    if (region) {
      grey = applyPageRegion(grey, region);
      toSource = translation(region.left, region.top);
      report.crop = { left: region.left, top: region.top, width: region.width, height: region.height };
    }
  }

  if (steps.flatten) {
    const cell = Math.max(8, Math.round(Math.min(grey.width, grey.height) / 150));
    grey = flattenIllumination(grey, estimateBackground(grey, cell));
  }

  if (steps.orient || steps.deskew || steps.leaders || steps.upscale) {
    const { layout, factor } = await analyse(grey);
    const quarter = steps.orient ? quarterOf(layout.turn - layout.skew) : 0;
    const turn = quarter + (steps.deskew ? layout.skew : 0);
    report.orientation = quarter;
    report.skew = steps.deskew ? layout.skew : 0;
    report.xHeight = layout.xHeight / factor;
    if (Math.abs(turn) >= MIN_TURN) {
      const rotated = await rotateGrey(grey, turn);
      grey = rotated.image;
      toSource = compose(toSource, rotated.toInput);
      report.turn = turn;
    }
    if (steps.leaders && report.xHeight > 0) {
      const cleaned = removeDotLeaders(grey, report.xHeight);
      grey = cleaned.image;
      report.leadersRemoved = cleaned.dots;
    }
    if (steps.upscale && report.xHeight > 0 && report.xHeight < TARGET_X_HEIGHT * 0.9) {
      const scale = Math.min(MAX_UPSCALE, TARGET_X_HEIGHT / report.xHeight);
      grey = await resizeGrey(grey, Math.round(grey.width * scale), Math.round(grey.height * scale));
      toSource = compose(toSource, scaling(1 / scale));
      report.scale = scale;
    }
  }

  return {
    png: await encodeGreyPng(grey, 300),
    width: grey.width,
    height: grey.height,
    toSource,
    sourceWidth: rgb.width,
    sourceHeight: rgb.height,
    report,
  };
}
