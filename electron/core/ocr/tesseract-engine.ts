// OcrEngine on tesseract.js: a pool of OCR (and preprocess) threads; each page timed out, stuck or dead threads replaced.
import { availableParallelism, totalmem } from 'node:os';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Page, type Worker as TessWorker, type WorkerParams } from 'tesseract.js';
import { AppError } from '../../common/errors';
import type { Logger } from '../ports';
import type { OcrEngine, OcrResult, OcrWord, RecognizeOptions } from './ocr-engine';
import {
  mapResultToSource,
  preprocessPage,
  preprocessStepsOf,
  type PreprocessedPage,
  type PreprocessSetting,
  type PreprocessSteps,
} from './preprocess';
import {
  PreprocessThreadError,
  startPreprocessThread,
  type PreprocessThread,
  type PreprocessWorkerOptions,
} from './preprocess-thread';
import { assertTessdataDir } from './tessdata';

export type OcrEngineOptions = {
  /** local directory holding vie.traineddata.gz (see resolveTessdataDir); URLs are refused */
  langPath: string;
  /** worker threads; default defaultOcrWorkers(): each holds ~100-200 MB and one core (ocr-facts.md) */
  workers?: number;
  /**
   * Per page, preprocessing included; the worker or preprocess thread still busy then is terminated and replaced.
   * Default 120 s
   */
  timeoutMs?: number;
  /** starting a worker (wasm + model load, ~0.3-1 s normally). Default 60 s */
  startTimeoutMs?: number;
  /**
   * Clean the page up before recognition (preprocess/: the page found and squared, stamps and signatures out by colour,
   * flat light, orientation, deskew, leaders and rules out, dust out). Word boxes are mapped back to the image as
   * given. Default off.
   */
  preprocess?: PreprocessSetting;
  /**
   * Preprocess in a worker thread per slot (started with the slot's first page, replaced when it dies or sticks) rather
   * than on the calling thread, whose event loop its pixel loops block for up to ~135 ms at a stretch. The app sets it;
   * without it preprocessing runs here.
   */
  preprocessWorker?: PreprocessWorkerOptions;
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
  thread: PreprocessThread | null;
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

/**
 * OCR workers for a machine: every core on a 1-2 core PC (preprocessing and recognition both run off the main thread,
 * so the app stays responsive; on this loaded 2-core machine 2 workers read 25-27 pages/min, 1 worker 22-25); on bigger machines one
 * core is left to the app and the rest of the PC, at most 4, and at most one worker per 2 GiB of memory (a worker
 * adds ~40-70 MB to tesseract.js's 180-200 MB base (shared/notes/ocr-facts.md), plus its preprocessing thread).
 */
export function defaultOcrWorkers(cores = availableParallelism(), memoryBytes = totalmem()): number {
  const byCores = cores <= 2 ? cores : Math.min(4, cores - 1);
  const byMemory = Math.floor(memoryBytes / 2 ** 31);
  return Math.max(1, Math.min(byCores, byMemory));
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
    thread: null,
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

  async function retireThread(slot: Slot): Promise<void> {
    const thread = slot.thread;
    slot.thread = null;
    if (thread) await thread.terminate().catch(() => undefined);
  }

  async function retire(slot: Slot): Promise<void> {
    const worker = slot.worker;
    slot.worker = null;
    slot.died = null;
    await Promise.all([worker?.terminate().catch(() => undefined), retireThread(slot)]);
  }

  /**
   * Threads that die before answering anything mean the worker cannot start here (a missing or broken bundle, a
   * packaging mistake): after that many in a row, preprocessing runs on the calling thread, slower for the UI but
   * with OCR still working, and the reason is logged once.
   */
  const THREADS_BEFORE_FALLBACK = 2;
  let threadsFailedUnanswered = 0;
  let threadsUnavailable = false;

  function noteThreadDeath(thread: PreprocessThread, reason: string): void {
    if (thread.answered > 0) {
      threadsFailedUnanswered = 0;
      return;
    }
    threadsFailedUnanswered += 1;
    if (!threadsUnavailable && threadsFailedUnanswered >= THREADS_BEFORE_FALLBACK) {
      threadsUnavailable = true;
      logger?.error('ocr preprocess threads cannot start: preprocessing on the main thread from now on', { reason });
    }
  }

  async function ensureThread(slot: Slot, workerOptions: PreprocessWorkerOptions): Promise<void> {
    if (slot.thread?.dead) await retireThread(slot); // died while idle: start a fresh one
    if (slot.thread) return;
    slot.thread = startPreprocessThread(workerOptions);
    logger?.info('ocr preprocess thread started', { slot: slot.index, threadId: slot.thread.threadId });
  }

  function preprocess(
    slot: Slot,
    image: Uint8Array,
    rotation: number,
    steps: Partial<PreprocessSteps>,
  ): Promise<PreprocessedPage> {
    return slot.thread ? slot.thread.run(image, rotation, steps) : preprocessPage(image, { rotation, steps });
  }

  async function runOn(slot: Slot, job: Job): Promise<void> {
    let stage = 'start' as 'start' | 'preprocess' | 'recognise'; // `as`: set inside read(), not narrowed here
    try {
      if (slot.dead) await retire(slot); // died while idle: start a fresh one
      const steps = job.opts.preprocess === false ? null : preprocessStepsOf(options.preprocess);
      // started before the tesseract worker so both load at once
      if (steps && options.preprocessWorker && !threadsUnavailable) await ensureThread(slot, options.preprocessWorker);
      slot.worker ??= await startWorker(slot);
      const worker = slot.worker;
      const died = slot.died ?? new Promise<never>(() => undefined);
      const started = Date.now();
      const rotation = job.opts.rotation ?? 0;
      // one deadline for the page: preprocessing (a stuck thread is terminated) and recognition together
      const read = async () => {
        stage = 'preprocess';
        const cleaned = steps ? await preprocess(slot, job.image, rotation, steps) : null;
        const image = cleaned ? cleaned.image : await prepareImage(job.image, rotation);
        if (Date.now() - started >= timeoutMs)
          throw new StuckWorkerError('deadline passed while preprocessing');
        stage = 'recognise';
        const special = job.opts.layout === 'line' || job.opts.characters !== undefined;
        if (special) await worker.setParameters(recognitionParameters(job.opts));
        try {
          const { data } = await Promise.race([
            worker.recognize(image, {}, { text: true, blocks: true }),
            died,
          ]);
          return { data, cleaned };
        } finally {
          // the slot's next page is read as a block with every character again
          if (special && !slot.dead) await worker.setParameters(recognitionParameters({}));
        }
      };
      const { data, cleaned } = await withTimeout(read(), timeoutMs, 'preprocessing and recognising a page');
      const result = toOcrResult(data, Date.now() - started);
      job.resolve(cleaned ? mapResultToSource(result, cleaned) : result);
    } catch (error) {
      if (
        error instanceof PreprocessThreadError ||
        (error instanceof StuckWorkerError && stage === 'preprocess')
      ) {
        if (slot.thread) {
          logger?.warn('ocr preprocess thread replaced', { slot: slot.index, reason: errorReason(error) });
          noteThreadDeath(slot.thread, errorReason(error));
        }
        await retireThread(slot);
      } else if (error instanceof StuckWorkerError) {
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

/** tesseract parameters for a job: PSM 6 unless one line is asked for, and the allowed characters ('' = any). */
function recognitionParameters(opts: RecognizeOptions): Partial<WorkerParams> {
  return {
    tessedit_pageseg_mode: opts.layout === 'line' ? PSM.SINGLE_LINE : PSM.SINGLE_BLOCK,
    tessedit_char_whitelist: opts.characters ?? '',
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
