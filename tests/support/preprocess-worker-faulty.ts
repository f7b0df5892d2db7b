// Test worker entry: the real preprocess worker, whose thread exits or hangs when a page's bytes say so (DIE / HANG).
import { parentPort } from 'node:worker_threads';
import '../../electron/workers/preprocess-worker';

/** The exit code of a thread told to die, so a test can tell this death from any other. */
const DIE_CODE = 7;
const marker = (image: Uint8Array) => new TextDecoder().decode(image.subarray(0, 4));

// registered after the real worker's listener: that one has started on the page when this one stops the thread
parentPort?.on('message', (request: { image: Uint8Array }) => {
  if (marker(request.image) === 'DIE!') process.exit(DIE_CODE);
  if (marker(request.image) === 'HANG') for (;;);
});
