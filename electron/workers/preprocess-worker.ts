// Worker thread entry: cleans OCR pages up (core/ocr/preprocess) off the thread that serves the UI; one reply per request.
import { parentPort } from 'node:worker_threads';
import { preprocessPage } from '../core/ocr/preprocess';
import type { PreprocessReply, PreprocessRequest } from '../core/ocr/preprocess-thread';

const port = parentPort;
if (!port) throw new Error('preprocess-worker runs in a worker thread (new Worker), not as a script');

async function answer(
  request: PreprocessRequest,
): Promise<{ reply: PreprocessReply; transfer: ArrayBuffer[] }> {
  try {
    const page = await preprocessPage(request.image, { rotation: request.rotation, steps: request.steps });
    // the PGM is moved, not copied; a view on a larger (or shared) buffer is first cut to its own
    const image =
      page.image.buffer instanceof ArrayBuffer && page.image.byteLength === page.image.buffer.byteLength
        ? page.image
        : page.image.slice();
    return {
      reply: { id: request.id, ok: true, page: { ...page, image } },
      transfer: [image.buffer as ArrayBuffer],
    };
  } catch (error) {
    return {
      reply: { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) },
      transfer: [],
    };
  }
}

port.on('message', (request: PreprocessRequest) => {
  void answer(request)
    .then(({ reply, transfer }) => port.postMessage(reply, transfer))
    .catch((error: unknown) =>
      port.postMessage({ id: request.id, ok: false, error: `reply not sent: ${String(error)}` }),
    );
});
