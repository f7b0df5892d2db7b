// Worker thread entry: opens uploaded files (core/files inspectUpload) off the thread that serves the UI, one at a time;
// the client (core/files/inspect-thread) stops this thread when a file runs past its time or memory.
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../common/errors';
import { inspectUpload } from '../core/files/inspect-upload';
import type { InspectReply, InspectRequest } from '../core/files/inspect-thread';
import type { PageImage } from '../core/files/page-image';

const port = parentPort;
if (!port) throw new Error('inspect-worker runs in a worker thread (new Worker), not as a script');

/** Each page's bytes in a buffer of their own, so they can be moved (not copied) back. */
function own(page: PageImage): PageImage {
  const b = page.bytes;
  const alone = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;
  return alone ? page : { ...page, bytes: b.slice() };
}

async function answer(request: InspectRequest): Promise<{ reply: InspectReply; transfer: ArrayBuffer[] }> {
  try {
    const pages = (
      await inspectUpload(
        { name: request.name, bytes: request.bytes },
        { onPages: (count) => port?.postMessage({ id: request.id, kind: 'pages', count } satisfies InspectReply) },
      )
    ).map(own);
    const transfer = [...new Set(pages.map((p) => p.bytes.buffer as ArrayBuffer))];
    return { reply: { id: request.id, kind: 'done', pages }, transfer };
  } catch (error) {
    const reply: InspectReply = isAppError(error)
      ? { id: request.id, kind: 'refused', code: error.code, details: JSON.parse(JSON.stringify(error.details)) as Record<string, unknown> }
      : { id: request.id, kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    return { reply, transfer: [] };
  }
}

port.on('message', (request: InspectRequest) => {
  void answer(request)
    .then(({ reply, transfer }) => port.postMessage(reply, transfer))
    .catch((error: unknown) => port.postMessage({ id: request.id, kind: 'failed', message: `reply not sent: ${String(error)}` } satisfies InspectReply));
});
