// OCR preprocessing pipeline: page found and squared, furniture inks faded, flat light, upright and level, form lines out.
import { colourToGrey, whitenFurniture } from './colour-to-grey';
import { components, inkComponents } from './components';
import { shadeOf, stretchFaintInk } from './faint-ink';
import { closingBackground, flattenIllumination, lightSpread, squareFilter, uniformBackground } from './illumination';
import { analyseInks, paperColour } from './ink-colours';
import { analyseLayout, inkPoints } from './layout';
import { eraseLeaderBands, leaderBands } from './leader-bands';
import { eraseBoxes, findDotLeaders } from './leaders';
import { findPageOutline, type PageOutline } from './page-find';
import { compose, identity, type Homography, type Point } from './projective';
import { decodeGrey, decodeRgb, finishGrey, resizeGrey, toPgm, type GreyImage } from './raster';
import { eraseRules } from './rules';
import { eraseScribbles } from './scribbles';
import { findSpecks } from './specks';
import { hasColouredInk, insideOutline } from './page-colour';
import { outlineFromText } from './text-perspective';
import { deskInRim, warpPage, whitenRim, type RimStrip } from './warp';

export const preprocessSteps = ['inkColours', 'page', 'flatten', 'faint', 'orient', 'deskew', 'leaders', 'leaderBands', 'rules', 'scribbles', 'despeckle', 'downscale'] as const;
export type PreprocessStep = (typeof preprocessSteps)[number];
export type PreprocessSteps = Record<PreprocessStep, boolean>;

/**
 * The steps on by default: see docs/BENCHMARKS.md (npm run bench:ocr -- --ablate) for what each is worth on held-out
 * pages; a step is kept only where switching it off raised the CER of some condition and lowered none.
 */
export const defaultPreprocessSteps: PreprocessSteps = {
  inkColours: true,
  page: true,
  flatten: true,
  // on since issue 14 (a white table's glare over a shadow left text at 185-199 of 255); no change on held-out scanned
  // forms (seeds 601, docs/BENCHMARKS.md); not yet ablated on held-out phone photos
  faint: true,
  orient: true,
  deskew: true,
  leaders: true,
  // the stretch of a found leader that touches a value's letters (leader-bands.ts); only acts where `leaders` is on.
  // Ablation on held-out scanned forms: 2-3 characters worse with it on dots and dashes (docs/BENCHMARKS.md)
  leaderBands: true,
  rules: true,
  scribbles: true,
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
  /** the page's corners found in the image (top-left, top-right, bottom-right, bottom-left), or null: whole image kept */
  page: Point[] | null;
  scale: number;
  leadersRemoved: number;
  rulePixels: number;
  scribblePixels: number;
  specksRemoved: number;
  /** pixels of stamp or signature ink faded out, and the inks told apart (chromaticity, writing or furniture) */
  furniturePixels: number;
  inks: { chroma: readonly [number, number]; share: number; text: boolean }[];
  xHeight: number;
  /** ink under the text lines' cores over ink above them before the half turn (see layout.ts UPSIDE_DOWN_MARGIN) */
  belowOverAbove: number;
  /** the light was even (a flatbed scan): the paper was whitened by one factor, see FLAT_LIGHT */
  flatLight: boolean;
};

export type PreprocessedPage = {
  /** what tesseract reads: an 8-bit grey PGM */
  image: Uint8Array;
  width: number;
  height: number;
  /** maps a pixel of `image` to the image as given (after EXIF orientation and `rotation`) */
  toSource: Homography;
  sourceWidth: number;
  sourceHeight: number;
  report: PreprocessReport;
};

/** 10°: a phone photo taken by hand rarely tilts more; a larger sweep costs time and finds false angles on forms. */
const MAX_SKEW = 10;
/** Long side of the image the layout is analysed on: ~150 DPI for A4, enough for a 0.05° skew step. */
const ANALYSIS_SIDE = 1800;
/** Long side of the colour thumbnail that finds the page's outline and tells whether coloured ink is there. */
const THUMB_SIDE = 512;
/** Long side of the colour copy the page's inks are told apart on (~150 DPI for A4). */
const INK_SIDE = 1400;
/** 160 of 255 after flattening: ink is well under it, paper at 255 and the paper's noise well above. */
const INK_LEVEL = 160;
/** Leader dots are marks under 210: lighter than ink, still well under flattened paper's 235-255. */
const LEADER_LEVEL = 210;
/**
 * Text with an x-height over 22 px (12 pt text scanned above ~240 DPI) is shrunk to 18 px (~200 DPI): tesseract
 * spent ~20% less time on a 300 DPI page shrunk so, for the same text (scripts/bench/ocr.ts --ablate).
 */
const DOWNSCALE_ABOVE = 22;
const TARGET_X_HEIGHT = 18;
/**
 * An "x-height" over 1/40 of the page's short side (a 60 pt heading) is not body text: the lines found are a desk's
 * grain or a table's rules, and shrinking by it would shrink the page to nothing.
 */
const MAX_X_HEIGHT_SHARE = 40;
/** The closing that finds the paper's level: radius 1/250 of the page's long side (see flatten). */
const CLOSING_SHARE = 250;
/** The darkest ink that sets a region's contrast stretch is looked for within this many closing radii. */
const FAINT_REACH = 3;
/**
 * A whole image (no page outline found) whose light varies by under 12% is flat, as from a flatbed scanner: its paper
 * is brought to white by one factor, without the closing and the faint-ink stretch, which cost ~60% of a scanned
 * page's preprocessing CPU and are there for photos' shadows and glare. Measured on a 512 px copy (lightSpread): the
 * generator's scans 4.3%, its phone photos 35-98% (tuning seeds 21-30 of every condition).
 */
const FLAT_LIGHT = 0.12;
/** Turns under 0.1° are not worth resampling the page for. */
const MIN_TURN = 0.1;

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

/**
 * Divides out uneven light, the paper's level found by a closing on a half-size copy with a radius of 1/250 of its long
 * side (7 px at 150 DPI A4, 1.2 mm: wider than any stroke of body text or a bold heading); under even light (see
 * FLAT_LIGHT) by the paper's one level.
 */
async function flatten(grey: GreyImage, faint: boolean, evenLight: boolean, furniture: Uint8Array | null): Promise<GreyImage> {
  if (evenLight) return flattenIllumination(grey, uniformBackground(grey));
  const half = Math.max(grey.width, grey.height) / 2;
  const small = await reduce(grey, half);
  const radius = Math.max(3, Math.round(Math.max(small.image.width, small.image.height) / CLOSING_SHARE));
  const background = closingBackground(small.image, radius, 1 / small.factor);
  const flat = flattenIllumination(grey, background);
  if (!faint) return flat;
  // faded stamp ink out before the stretch, which would take it for faint writing and darken it again (tuning photo
  // form-dots 51: the stamp's letters came back, 6.3% CER; 1.2% with the stamp whitened first; tuning forms 51-75,
  // 18 pages: mean 3.33% -> 2.38%)
  if (furniture) whitenFurniture(flat, furniture);
  // the darkest ink looked for within 3 closing radii (~3.6 mm, a line and a half of 12 pt text)
  const flatSmall = await reduce(flat, half);
  const shade = shadeOf(background);
  // nor beside a stamp or signature: the faded fringe its whitening leaves would be darkened into marks read as letters
  // (tuning form photo 282: "š" beside a blue stamp; held-out forms 784-786 with a stamp read 0.07-0.28% worse with
  // the stretch)
  if (furniture) {
    const near = await nearMask(furniture, flat.width, flat.height, flatSmall.image, radius * FAINT_REACH);
    for (let i = 0; i < shade.length; i++) if (near[i]) shade[i] = 1;
  }
  return stretchFaintInk(flat, flatSmall.image, radius * FAINT_REACH, 1 / flatSmall.factor, shade);
}

/** On `grid`'s pixels, whether `mask` (a full-size page's) holds anything within `reach` of them. */
async function nearMask(mask: Uint8Array, width: number, height: number, grid: GreyImage, reach: number): Promise<Uint8Array> {
  const full: GreyImage = { data: mask.map((m) => (m ? 255 : 0)), width, height };
  const small = await resizeGrey(full, grid.width, grid.height);
  return squareFilter(small.data, grid.width, grid.height, reach, true);
}

type Decoded = { grey: GreyImage; mask: Uint8Array | null; outline: PageOutline | null; flat: boolean };

/**
 * The grey page, its outline in the photo (null: none found with confidence, nothing is cropped) and, when the page
 * holds coloured ink that is not writing (stamps, signatures), the grey with that ink faded and a mask of where it was.
 */
async function decodePage(image: Uint8Array, rotation: number, steps: PreprocessSteps, report: PreprocessReport): Promise<Decoded> {
  const [thumb, grey] = await Promise.all([decodeRgb(image, rotation, THUMB_SIDE), decodeGrey(image, rotation)]);
  const found = steps.page ? findPageOutline(thumb, grey) : null;
  const flat = found === null && lightSpread(thumb) < FLAT_LIGHT;
  // no outline found on a photo, or one with a side on the frame: the perspective is read from the text lines instead
  // (text-perspective.ts; nothing is cut but beyond the sides the finder did place)
  const fromText = steps.page && !flat && (found === null || found.onFrame.some(Boolean)) ? await outlineFromText(grey, found) : null;
  const outline = fromText ?? found;
  if (!steps.inkColours || !hasColouredInk(thumb, outline, grey.width / thumb.width)) return { grey, mask: null, outline, flat };
  const mid = await decodeRgb(image, rotation, INK_SIDE);
  const k = mid.width / grey.width;
  const inks = analyseInks(mid, insideOutline(outline, k));
  report.inks = inks.clusters.map((c) => ({ chroma: c.chroma, share: c.share, text: c.text }));
  if (inks.clusters.every((c) => c.text) && !inks.marks.stamp.some((bits) => bits !== 0)) return { grey, mask: null, outline, flat };
  const converted = colourToGrey(await decodeRgb(image, rotation), inks.clusters, paperColour(mid, 1 / k), inks.marks, k);
  report.furniturePixels = converted.furniturePixels;
  return { grey: converted.image, mask: converted.mask, outline, flat };
}

/** Orientation, skew and x-height (in pixels of `grey`) on a ~150 DPI copy. */
async function analyse(grey: GreyImage, steps: PreprocessSteps, report: PreprocessReport): Promise<number> {
  const analysis = await reduce(grey, ANALYSIS_SIDE);
  const layout = analyseLayout(inkPoints(analysis.image, INK_LEVEL), MAX_SKEW);
  const quarter = steps.orient ? quarterOf(layout.turn - layout.skew) : 0;
  let turn = quarter + (steps.deskew ? layout.skew : 0);
  if (Math.abs(turn) < MIN_TURN) turn = 0;
  report.orientation = quarter;
  report.skew = steps.deskew ? layout.skew : 0;
  report.turn = turn;
  report.xHeight = layout.xHeight / analysis.factor;
  report.belowOverAbove = layout.belowOverAbove;
  return turn;
}

/** Form furniture out of the final, level page: rules, then signatures, dot and dash leaders and dust specks. */
function cleanLevelPage(page: GreyImage, xHeight: number, steps: PreprocessSteps, report: PreprocessReport): void {
  if (xHeight <= 0) return;
  if (steps.rules) report.rulePixels = eraseRules(page, xHeight, INK_LEVEL);
  if (!steps.leaders && !steps.despeckle && !steps.scribbles) return;
  let marks = inkComponents(page);
  if (steps.scribbles) {
    report.scribblePixels = eraseScribbles(page, marks, xHeight, INK_LEVEL);
    if (report.scribblePixels > 0) marks = inkComponents(page);
  }
  // leaders are looked for among fainter marks too: at ~150 DPI a photo's blur leaves a leader's dots light grey
  const dots = steps.leaders ? findDotLeaders(components(page, LEADER_LEVEL), xHeight, 0) : [];
  const specks = steps.despeckle ? findSpecks(marks, xHeight) : [];
  // a leader's stretch that touches a value's letters is part of their marks: erased along the leader's line instead
  if (dots.length > 0 && steps.leaderBands) eraseLeaderBands(page, leaderBands(dots, xHeight), LEADER_LEVEL);
  eraseBoxes(page, [...dots, ...specks], 1);
  report.leadersRemoved = dots.length;
  report.specksRemoved = specks.length;
}

/**
 * Cleans a page up for tesseract. The result is a grey PGM and the map from its pixels back to the image as given,
 * so word boxes can be put back where the words are on the stored scan.
 */
export async function preprocessPage(image: Uint8Array, opts: PreprocessOptions = {}): Promise<PreprocessedPage> {
  const steps = { ...defaultPreprocessSteps, ...opts.steps };
  const report: PreprocessReport = {
    turn: 0,
    orientation: 0,
    skew: 0,
    page: null,
    scale: 1,
    leadersRemoved: 0,
    rulePixels: 0,
    scribblePixels: 0,
    specksRemoved: 0,
    furniturePixels: 0,
    inks: [],
    xHeight: 0,
    belowOverAbove: 0,
    flatLight: false,
  };
  const decoded = await decodePage(image, opts.rotation ?? 0, steps, report);
  const sourceWidth = decoded.grey.width;
  const sourceHeight = decoded.grey.height;
  let { grey, mask } = decoded;
  let toSource: Homography = identity;
  let desk: RimStrip[] = [];
  if (decoded.outline) {
    const warped = warpPage(grey, decoded.outline, mask);
    ({ image: grey, mask } = warped);
    toSource = warped.toSource;
    desk = deskInRim(grey, warped.rim, warped.deskBeyond);
    report.page = decoded.outline.corners.map(([x, y]) => [x, y] as Point);
  }
  report.flatLight = decoded.flat;
  if (steps.flatten) grey = await flatten(grey, steps.faint, decoded.flat, mask);
  if (mask) whitenFurniture(grey, mask);
  whitenRim(grey, desk);

  const turn = steps.orient || steps.deskew || steps.leaders || steps.rules || steps.scribbles || steps.despeckle ? await analyse(grey, steps, report) : 0;
  if (steps.downscale && report.xHeight > DOWNSCALE_ABOVE && report.xHeight < Math.min(grey.width, grey.height) / MAX_X_HEIGHT_SHARE)
    report.scale = TARGET_X_HEIGHT / report.xHeight;
  const finished = await finishGrey(grey, turn, report.scale);
  const page = finished.image;
  cleanLevelPage(page, report.xHeight * report.scale, steps, report);
  return {
    image: toPgm(page),
    width: page.width,
    height: page.height,
    toSource: compose(toSource, finished.toInput),
    sourceWidth,
    sourceHeight,
    report,
  };
}
