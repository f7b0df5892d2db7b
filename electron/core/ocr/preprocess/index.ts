// Public surface of OCR preprocessing, and the glue the engine uses: prepare a page, map words back to it.
import type { OcrResult } from '../ocr-engine';
import { mapBox } from './projective';
import type { PreprocessedPage, PreprocessSteps } from './preprocess-page';

export {
  defaultPreprocessSteps,
  preprocessPage,
  preprocessSteps,
  type PreprocessedPage,
  type PreprocessOptions,
  type PreprocessReport,
  type PreprocessStep,
  type PreprocessSteps,
} from './preprocess-page';

/** The engine's `preprocess` option: true for the default steps, or the steps to switch on or off. */
export type PreprocessSetting = boolean | Partial<PreprocessSteps>;

export function preprocessStepsOf(setting: PreprocessSetting | undefined): Partial<PreprocessSteps> | null {
  if (setting === undefined || setting === false) return null;
  return setting === true ? {} : setting;
}

/**
 * Word boxes from the preprocessed image's pixels back to the image as given (after EXIF orientation and the page
 * rotation), which is what OcrResult promises and what the PDF text layer lays over the stored scan.
 */
export function mapResultToSource(result: OcrResult, page: PreprocessedPage): OcrResult {
  const words = result.words.map((word) => ({
    ...word,
    bbox: mapBox(page.toSource, word.bbox, page.sourceWidth, page.sourceHeight),
  }));
  const orientation = page.report.orientation;
  return { ...result, words, ...(orientation === 0 ? {} : { orientation }) };
}
