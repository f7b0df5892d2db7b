// Client of the inspect thread (electron/workers/inspect-worker): uploads are opened there, one at a time, within a
// time and memory budget; a file that runs past it is refused and the thread replaced, so the UI thread never stalls.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
// libvips stays loaded on this thread, so the inspect thread's exit never unloads it under the others (lovell/sharp#2263)
import 'sharp';
import { AppError, errorMessages, type ErrorCode, type ErrorDetails } from '../../common/errors';
import { checkFileName } from './file-name';
import { inspectBudget, timeBudgetMs, tooHeavy } from './inspect-budget';
import { uploadLimits, type PageImage, type UploadInput } from './page-image';

export type InspectWorkerOptions = {
  /** the thread's entry: the bundled dist-electron/workers/inspect-worker.cjs, or the .ts source with `loader` */
  entry: string | URL;
  /** node flags for the thread; default: the process's own */
  execArgv?: string[];
  /** as for the OCR preprocess thread (ocr/preprocess-thread.ts): tsx's loader module for the .ts entry in development */
  loader?: string | URL;
};

export type InspectRequest = { id: number; name: string; bytes: Uint8Array };
export type InspectReply =
  | { id: number; kind: 'pages'; count: number }
  | { id: number; kind: 'done'; pages: PageImage[] }
  | { id: number; kind: 'refused'; code: string; details: Record<string, unknown> }
  | { id: number; kind: 'failed'; message: string };

export type InspectThread = {
  inspect(input: UploadInput): Promise<PageImage[]>;
  close(): Promise<void>;
};

/** After the budget, a moment for the thread's own between-pages check to answer first, with the page it was on. */
const GRACE_MS = 3000;

const LOADER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then((loader) => loader.register()).then(() => import(workerData.entry));
`;

function asHref(location: string | URL): string {
  if (location instanceof URL) return location.href;
  return isAbsolute(location) ? pathToFileURL(location).href : location;
}

function startWorker(options: InspectWorkerOptions): Worker {
  // the JS heap is where pdf.js parses: a file that needs more is refused instead of taking the app down
  const common = { resourceLimits: { maxOldGenerationSizeMb: inspectBudget.maxHeapMb }, ...(options.execArgv ? { execArgv: options.execArgv } : {}) };
  if (!options.loader) return new Worker(options.entry, common);
  return new Worker(LOADER_BOOTSTRAP, { ...common, eval: true, workerData: { loader: asHref(options.loader), entry: asHref(options.entry) } });
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorMessages, code);
}

/** The checks that need no decoding, made here before a byte is sent to the thread. */
function precheck(input: UploadInput): string {
  const name = checkFileName(input.name);
  if (input.bytes.length === 0) throw new AppError('FILE_EMPTY', { name });
  if (input.bytes.length > uploadLimits.maxFileBytes) {
    throw new AppError('FILE_TOO_LARGE', { name, megabytes: Math.ceil(input.bytes.length / (1024 * 1024)) });
  }
  return name;
}

export function createInspectThread(options: InspectWorkerOptions): InspectThread {
  let worker: Worker | null = null;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();

  function runOne(input: UploadInput): Promise<PageImage[]> {
    const name = precheck(input);
    const w = worker ?? startWorker(options);
    worker = w;
    const id = nextId++;
    const started = Date.now();
    return new Promise<PageImage[]>((resolve, reject) => {
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        w.unref(); // an idle thread must not keep the process alive
        outcome();
      };
      const kill = (error: AppError) => {
        if (worker === w) worker = null;
        finish(() => reject(error));
        void w.terminate();
      };
      const arm = (pages: number) => {
        clearTimeout(timer);
        const budget = timeBudgetMs(pages);
        timer = setTimeout(() => kill(tooHeavy(name, `xử lý quá ${String(Math.round(budget / 1000))} giây`)), Math.max(0, started + budget + GRACE_MS - Date.now()));
      };
      const onMessage = (reply: InspectReply) => {
        if (reply.id !== id) return;
        if (reply.kind === 'pages') return arm(reply.count);
        if (reply.kind === 'done') return finish(() => resolve(reply.pages));
        if (reply.kind === 'refused') {
          const code = isErrorCode(reply.code) ? reply.code : 'INTERNAL';
          return finish(() => reject(new AppError(code, reply.details as ErrorDetails)));
        }
        finish(() => reject(new Error(`inspect thread: ${reply.message}`)));
      };
      const onError = (error: Error & { code?: string }) => {
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        kill(memory ? tooHeavy(name, `cần quá ${String(inspectBudget.maxHeapMb)} MB bộ nhớ`) : new AppError('INTERNAL', { reason: error.message }));
      };
      const onExit = (code: number) => kill(new AppError('INTERNAL', { reason: `inspect thread exited with code ${String(code)}` }));
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.ref();
      arm(1);
      // a copy of exactly the file's bytes, moved (not cloned again): the caller keeps its buffer
      const copy = input.bytes.slice();
      w.postMessage({ id, name: input.name, bytes: copy } satisfies InspectRequest, [copy.buffer]);
    });
  }

  return {
    /** One file at a time, in order: their budgets are the thread's, not shared. */
    inspect(input) {
      try {
        precheck(input); // a file too large is refused at once, not after the files queued before it
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const run = queue.then(() => runOne(input));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
