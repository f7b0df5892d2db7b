// OcrEngine on tesseract.js: a pool of worker threads, each job timed out, stuck or dead workers replaced.
import { availableParallelism } from 'node:os';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Page, type Worker as TessWorker } from 'tesseract.js';
import { AppError } from '../../common/errors';
import type { Logger } from '../ports';
import type { OcrEngine, OcrResult, OcrWord, RecognizeOptions } from './ocr-engine';
import { mapResultToSource, preprocessPage, preprocessStepsOf, type PreprocessSetting } from './preprocess';
import { assertTessdataDir } from './tessdata';

export type OcrEngineOptions = {
  /** local directory holding vie.traineddata.gz (see resolveTessdataDir); URLs are refused */
  langPath: string;
  /** worker threads; default min(2, cores): each holds ~100 MB and one core (ocr-facts.md) */
  workers?: number;
  /** per page; a worker still busy after this is terminated and replaced. Default 120 s */
  timeoutMs?: number;
  /** starting a worker (wasm + model load, ~0.3-1 s normally). Default 60 s */
  startTimeoutMs?: number;
  /**
   * Clean the page up before recognition (preprocess/: orientation, deskew, page crop, flat light, stamps and dotted
   * leaders out, upscaling). Word boxes are mapped back to the image as given. Default off.
   */
  preprocess?: PreprocessSetting;
  logger?: Logger;
};

type Job = {
  image: Uint8Array;
  opts: RecognizeOptions;
  resolve: (result: OcrResult) => void;
  reject: (error: unknown) => void;
};

type Slot = {
  index: number;
  worker: TessWorker | null;
  busy: boolean;
  died: Promise<never> | null;
  dead: boolean;
};

class StuckWorkerError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StuckWorkerError(`${what} took over ${String(ms)} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The node:worker_threads Worker behind a tesseract.js worker (it is on the object, not in its types). */
function threadOf(worker: TessWorker): ThreadWorker | undefined {
  const thread = (worker as unknown as { worker?: unknown }).worker;
  return thread && typeof (thread as ThreadWorker).once === 'function' ? (thread as ThreadWorker) : undefined;
}

export function defaultOcrWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export function createOcrEngine(options: OcrEngineOptions): OcrEngine & { readonly workers: number } {
  assertTessdataDir(options.langPath);
  const size = Math.max(1, Math.floor(options.workers ?? defaultOcrWorkers()));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const { logger } = options;
  const slots: Slot[] = Array.from({ length: size }, (_, index) => ({
    index,
    worker: null,
    busy: false,
    died: null,
    dead: false,
  }));
  const queue: Job[] = [];
  let terminated = false;

  async function startWorker(slot: Slot): Promise<TessWorker> {
    const pending = createWorker('vie', OEM.LSTM_ONLY, {
      langPath: options.langPath, // a local directory: tesseract.js reads it with fs, no fetch
      gzip: true,
      cacheMethod: 'none', // never write a cache copy into the working directory
      // without an errorHandler tesseract.js throws inside its message listener and kills the process
      errorHandler: (error: unknown) =>
        logger?.warn('ocr worker reported an error', { slot: slot.index, error: String(error) }),
    });
    const worker = await withTimeout(pending, startTimeoutMs, 'starting an OCR worker').catch(
      (error: unknown) => {
        void pending.then((late) => late.terminate()).catch(() => undefined);
        throw error;
      },
    );
    // PSM 6 on purpose: PSM 3 (the CLI default) lost most of the text on phone photos (ocr-facts.md)
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
    const thread = threadOf(worker);
    slot.dead = false;
    slot.died = new Promise<never>((_, reject) => {
      thread?.once('error', (error) => {
        slot.dead = true;
        reject(new StuckWorkerError(`OCR worker crashed: ${error.message}`));
      });
      thread?.once('exit', (code) => {
        slot.dead = true;
        reject(new StuckWorkerError(`OCR worker exited with code ${String(code)}`));
      });
    });
    slot.died.catch(() => undefined); // observed by the running job, if any
    logger?.info('ocr worker started', { slot: slot.index });
    return worker;
  }

  async function retire(slot: Slot): Promise<void> {
    const worker = slot.worker;
    slot.worker = null;
    slot.died = null;
    if (worker) await worker.terminate().catch(() => undefined);
  }

  async function runOn(slot: Slot, job: Job): Promise<void> {
    try {
      if (slot.dead) await retire(slot); // died while idle: start a fresh one
      slot.worker ??= await startWorker(slot);
      const started = Date.now();
      const steps = preprocessStepsOf(options.preprocess);
      const cleaned = steps ? await preprocessPage(job.image, { rotation: job.opts.rotation ?? 0, steps }) : null;
      const image = cleaned ? cleaned.image : await prepareImage(job.image, job.opts.rotation ?? 0);
      const recognition = slot.worker.recognize(image, {}, { text: true, blocks: true });
      const { data } = await withTimeout(
        Promise.race([recognition, slot.died ?? new Promise<never>(() => undefined)]),
        timeoutMs,
        'recognising a page',
      );
      const result = toOcrResult(data, Date.now() - started);
      job.resolve(cleaned ? mapResultToSource(result, cleaned) : result);
    } catch (error) {
      if (error instanceof StuckWorkerError) {
        logger?.warn('ocr worker replaced', { slot: slot.index, reason: error.message });
        await retire(slot);
      }
      job.reject(
        error instanceof AppError ? error : new AppError('OCR_FAILED', { reason: errorReason(error) }),
      );
    }
  }

  function pump(): void {
    for (const slot of slots) {
      if (terminated || slot.busy) continue;
      const job = queue.shift();
      if (!job) return;
      slot.busy = true;
      void runOn(slot, job).finally(() => {
        slot.busy = false;
        pump();
      });
    }
  }

  return {
    workers: size,
    recognize(image, opts = {}) {
      if (terminated) return Promise.reject(new AppError('OCR_FAILED', { reason: 'engine terminated' }));
      return new Promise<OcrResult>((resolve, reject) => {
        queue.push({ image, opts, resolve, reject });
        pump();
      });
    },
    async terminate() {
      terminated = true;
      for (const job of queue.splice(0))
        job.reject(new AppError('OCR_FAILED', { reason: 'engine terminated' }));
      await Promise.all(slots.map((slot) => retire(slot)));
    },
  };
}

function errorReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rotation is applied with sharp on the libuv pool; an unrotated page goes to tesseract as is. */
async function prepareImage(image: Uint8Array, rotation: number): Promise<Uint8Array> {
  if (rotation === 0) return image; // tesseract.js applies the JPEG's EXIF orientation itself
  const meta = await sharp(image).metadata();
  const out = await sharp(image, { autoOrient: true })
    .rotate(rotation)
    .greyscale()
    .withMetadata({ density: meta.density ?? 300 })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export function toOcrResult(page: Page, durationMs: number): OcrResult {
  const words: OcrWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const { x0, y0, x1, y1 } = word.bbox;
          words.push({
            text: word.text.normalize('NFC'),
            confidence: word.confidence,
            bbox: { x0, y0, x1, y1 },
          });
        }
      }
    }
  }
  return { text: page.text.normalize('NFC'), confidence: page.confidence, words, durationMs };
}
