// The OCR engine as the app runs it (electron/core/app-core.ts, scripts/web-host.ts), for the field benchmarks.
import type { OcrEngine } from '../../electron/core/ocr/ocr-engine';
import { createOcrEngine } from '../../electron/core/ocr/tesseract-engine';
import { resolveTessdataDir } from '../../electron/core/ocr/tessdata';

type PreprocessChoice = Parameters<typeof createOcrEngine>[0]['preprocess'];

/**
 * Preprocessing in a worker thread per slot, as in the app. The app gives a page 120 s; on a shared machine a page can
 * wait longer behind other work, and a timeout would measure the machine rather than the extraction, so `timeoutMs`
 * defaults to 300 s (failures are still printed and counted by the callers).
 */
export function appOcrEngine(workers: number, preprocess: PreprocessChoice = true, timeoutMs = 300_000): OcrEngine {
  return createOcrEngine({
    langPath: resolveTessdataDir(),
    workers,
    timeoutMs,
    preprocess,
    preprocessWorker: {
      entry: new URL('../../electron/workers/preprocess-worker.ts', import.meta.url),
      loader: import.meta.resolve('tsx/esm/api'),
    },
  });
}
