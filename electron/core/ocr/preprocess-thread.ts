// Client of one OCR preprocessing thread (electron/workers/preprocess-worker): its pixel loops never block our loop.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
// libvips stays loaded on this thread, so a preprocess thread's exit never unloads it under the others (lovell/sharp#2263)
import 'sharp';
import type { PreprocessedPage, PreprocessSteps } from './preprocess';

export type PreprocessWorkerOptions = {
  /** the thread's entry: the bundled dist-electron/workers/preprocess-worker.cjs, or the .ts source with `loader` */
  entry: string | URL;
  /** node flags for the thread; default: the process's own (Worker's default) */
  execArgv?: string[];
  /**
   * A module imported in the thread before `entry` whose `register()` installs a loader: tsx's `tsx/esm/api` (as a
   * resolved file URL) runs the .ts entry in development and tests. Needed because `--import tsx` in execArgv does not
   * reach worker threads before Node 22.22.3 / 24.11.1 (tsx 4.23 registers its hooks on the main thread only).
   */
  loader?: string | URL;
};

export type PreprocessRequest = {
  id: number;
  image: Uint8Array;
  rotation: number;
  steps: Partial<PreprocessSteps>;
};

export type PreprocessReply =
  { id: number; ok: true; page: PreprocessedPage } | { id: number; ok: false; error: string };

/** The thread died (crashed, exited, was terminated) before answering: the caller replaces it. */
export class PreprocessThreadError extends Error {}

export type PreprocessThread = {
  /** Node's id of the thread (> 0; the main thread is 0) */
  readonly threadId: number;
  /** true once the thread has exited or crashed: start a new one */
  readonly dead: boolean;
  /** replies received (a page or an error message): a thread that died with 0 never worked at all */
  readonly answered: number;
  run(image: Uint8Array, rotation: number, steps: Partial<PreprocessSteps>): Promise<PreprocessedPage>;
  terminate(): Promise<void>;
};

type Pending = { resolve: (page: PreprocessedPage) => void; reject: (error: Error) => void };

/** Runs in the thread when a loader is given: install it, then load the entry (both come in through workerData). */
const LOADER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then((loader) => loader.register()).then(() => import(workerData.entry));
`;

/** A URL as is, a file path as its file: URL (import() takes URLs; a Windows path is not one). */
function asHref(location: string | URL): string {
  if (location instanceof URL) return location.href;
  return isAbsolute(location) ? pathToFileURL(location).href : location;
}

function createThread(options: PreprocessWorkerOptions): Worker {
  const execArgv = options.execArgv ? { execArgv: options.execArgv } : {};
  if (!options.loader) return new Worker(options.entry, execArgv);
  return new Worker(LOADER_BOOTSTRAP, {
    ...execArgv,
    eval: true,
    workerData: { loader: asHref(options.loader), entry: asHref(options.entry) },
  });
}

/** Starts the thread now; it loads in the background, and requests wait in its port until it listens. */
export function startPreprocessThread(options: PreprocessWorkerOptions): PreprocessThread {
  const worker = createThread(options);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let death: string | null = null; // why the thread is gone, once it is
  let answered = 0;
  worker.unref(); // an idle thread must not keep the process alive; ref'd again while a page is in it

  function die(reason: string): void {
    if (death !== null) return;
    death = reason;
    const error = new PreprocessThreadError(reason);
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  }

  worker.on('message', (reply: PreprocessReply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    answered += 1;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) job.resolve(reply.page);
    else job.reject(new Error(reply.error));
  });
  worker.on('error', (error) => die(`preprocess thread crashed: ${error.message}`));
  worker.on('messageerror', (error) => die(`preprocess thread sent an unreadable reply: ${error.message}`));
  worker.on('exit', (code) => die(`preprocess thread exited with code ${String(code)}`));

  return {
    threadId: worker.threadId,
    get dead() {
      return death !== null;
    },
    get answered() {
      return answered;
    },
    run(image, rotation, steps) {
      if (death !== null) return Promise.reject(new PreprocessThreadError(death));
      const id = nextId++;
      // a copy of exactly the page's bytes, moved (not cloned again): the caller keeps its buffer, whatever it views
      const copy = image.slice();
      const request: PreprocessRequest = { id, image: copy, rotation, steps };
      return new Promise<PreprocessedPage>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage(request, [copy.buffer]);
      });
    },
    async terminate() {
      die('preprocess thread terminated');
      await worker.terminate();
    },
  };
}
