// tus 1.0 core + creation + termination for the simulator: resumable uploads checked against their declared SHA-256.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import {
  decodeUploadMetadata,
  HTTP_CHECKSUM_MISMATCH,
  TUS_VERSION,
} from '../../electron/core/sync/portal-protocol';
import type { SimContext, UploadLock } from './context';
import { continueIfExpected, sendEmpty, sendError, sleep } from './http-util';
import { bumpCounter, getUpload, type UploadRow } from './store';

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const tusHeaders = { 'Tus-Resumable': TUS_VERSION };
const EMPTY_SHA256 = createHash('sha256').digest('hex');

export function handleTusOptions(res: ServerResponse): void {
  sendEmpty(res, 204, {
    ...tusHeaders,
    'Tus-Version': TUS_VERSION,
    'Tus-Extension': 'creation,termination',
    'Tus-Max-Size': String(MAX_UPLOAD_BYTES),
  });
}

/** 412 unless the request speaks tus 1.0.0 (required on every request but OPTIONS). */
export function checkTusVersion(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers['tus-resumable'] === TUS_VERSION) return true;
  sendEmpty(res, 412, { ...tusHeaders, 'Tus-Version': TUS_VERSION });
  return false;
}

function uploadPath(ctx: SimContext, id: string): string {
  return path.join(ctx.uploadsDir, id);
}

export async function handleCreate(
  ctx: SimContext,
  clientId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const length = Number(req.headers['upload-length']);
  if (!Number.isSafeInteger(length) || length < 0) {
    sendError(res, 400, 'bad_upload_length', 'Thiếu hoặc sai Upload-Length.', { headers: tusHeaders });
    return;
  }
  if (length > MAX_UPLOAD_BYTES) {
    sendError(res, 413, 'upload_too_large', 'Tệp lớn hơn giới hạn của cổng.', { headers: tusHeaders });
    return;
  }
  const meta = decodeUploadMetadata(String(req.headers['upload-metadata'] ?? ''));
  const sha256 = (meta.sha256 ?? '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    sendError(res, 400, 'sha256_required', 'Upload-Metadata phải khai báo sha256 (64 ký tự hex).', {
      headers: tusHeaders,
    });
    return;
  }
  const id = randomBytes(16).toString('hex');
  await writeFile(uploadPath(ctx, id), new Uint8Array(0));
  const now = ctx.now();
  // An empty file is complete at once (when it is the empty file it claims to be).
  const state = length > 0 ? 'open' : sha256 === EMPTY_SHA256 ? 'complete' : 'checksum_failed';
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO uploads (id, client_id, length, offset, sha256, file_name, mime, state, created_at, completed_at)
         VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        clientId,
        length,
        sha256,
        meta.filename ?? id,
        meta.filetype ?? 'application/octet-stream',
        state,
        now,
        state === 'open' ? null : now,
      );
    bumpCounter(ctx.db, 'uploadsCreated');
  })();
  const host = req.headers.host ?? 'localhost';
  sendEmpty(res, 201, { ...tusHeaders, Location: `http://${host}/files/${id}` });
}

/** Cancels a PATCH still writing this upload (a client that came back after dying) and waits for it to settle. */
async function takeLock(ctx: SimContext, id: string, lock: UploadLock): Promise<void> {
  for (let held = ctx.uploadLocks.get(id); held; held = ctx.uploadLocks.get(id)) {
    held.abort();
    await held.done;
  }
  ctx.uploadLocks.set(id, lock);
}

function releaseLock(ctx: SimContext, id: string, lock: UploadLock): void {
  if (ctx.uploadLocks.get(id) === lock) ctx.uploadLocks.delete(id);
}

function ownedUpload(ctx: SimContext, clientId: string, id: string, res: ServerResponse): UploadRow | null {
  const upload = getUpload(ctx.db, id);
  if (!upload || upload.client_id !== clientId) {
    sendEmpty(res, 404, tusHeaders);
    return null;
  }
  if (upload.state === 'checksum_failed') {
    sendEmpty(res, 410, { ...tusHeaders, 'Upload-Error': 'sha256_mismatch' });
    return null;
  }
  return upload;
}

export async function handleHead(
  ctx: SimContext,
  clientId: string,
  id: string,
  res: ServerResponse,
): Promise<void> {
  let release = (): void => undefined;
  const lock: UploadLock = { abort: () => undefined, done: new Promise((resolve) => (release = resolve)) };
  await takeLock(ctx, id, lock);
  try {
    const upload = ownedUpload(ctx, clientId, id, res);
    if (!upload) return;
    sendEmpty(res, 200, {
      ...tusHeaders,
      'Upload-Offset': String(upload.offset),
      'Upload-Length': String(upload.length),
      'Cache-Control': 'no-store',
    });
  } finally {
    releaseLock(ctx, id, lock);
    release();
  }
}

export async function handleDelete(
  ctx: SimContext,
  clientId: string,
  id: string,
  res: ServerResponse,
): Promise<void> {
  const upload = getUpload(ctx.db, id);
  if (!upload || upload.client_id !== clientId || upload.state === 'complete') {
    sendEmpty(res, upload?.state === 'complete' ? 409 : 404, tusHeaders);
    return;
  }
  ctx.db.prepare('DELETE FROM uploads WHERE id = ?').run(id);
  await rm(uploadPath(ctx, id), { force: true });
  sendEmpty(res, 204, tusHeaders);
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

type WriteOutcome = { written: number; cut: boolean; hash: Hash | null };

/** Streams the request body into the file at `offset`, paced to the bandwidth fault and cut at `resetAt`. */
async function writeBody(
  ctx: SimContext,
  req: IncomingMessage,
  upload: UploadRow,
  resetAt: number | null,
): Promise<WriteOutcome> {
  const fh = await open(uploadPath(ctx, upload.id), 'r+');
  // Hash on the fly when this request carries the file from byte 0, so completion needs no second read.
  const hash = upload.offset === 0 ? createHash('sha256') : null;
  let written = 0;
  let cut = false;
  try {
    // A crash between fsync and the offset update can leave extra bytes: the database offset is the truth.
    await fh.truncate(upload.offset);
    for await (const chunk of req) {
      let buf = chunk as Buffer;
      const room = upload.length - upload.offset - written;
      if (buf.length > room) buf = buf.subarray(0, room);
      if (resetAt !== null && written + buf.length >= resetAt) {
        buf = buf.subarray(0, Math.max(0, resetAt - written));
        cut = true;
      }
      await fh.write(buf, 0, buf.length, upload.offset + written);
      hash?.update(buf);
      written += buf.length;
      await sleep(ctx.faults.transferMs(buf.length));
      if (cut) break;
    }
  } catch {
    // the client went away or a newer request cancelled this one: keep what arrived
  } finally {
    await fh.sync();
    await fh.close();
  }
  return { written, cut, hash };
}

/** Records the new offset and, once every byte is in, whether the bytes hash to the declared SHA-256: one transaction. */
async function settlePatch(
  ctx: SimContext,
  upload: UploadRow,
  outcome: WriteOutcome,
): Promise<UploadRow['state']> {
  const offset = upload.offset + outcome.written;
  let state: UploadRow['state'] = 'open';
  if (offset === upload.length) {
    const actual = outcome.hash ? outcome.hash.digest('hex') : await sha256OfFile(uploadPath(ctx, upload.id));
    state = actual === upload.sha256 ? 'complete' : 'checksum_failed';
  }
  ctx.db.transaction(() => {
    ctx.db
      .prepare('UPDATE uploads SET offset = ?, state = ?, completed_at = ? WHERE id = ?')
      .run(offset, state, state === 'open' ? null : ctx.now(), upload.id);
    bumpCounter(ctx.db, 'uploadBytesReceived', outcome.written);
    if (outcome.cut) bumpCounter(ctx.db, 'resetsMidUpload');
    if (state === 'checksum_failed') bumpCounter(ctx.db, 'checksumFailures');
  })();
  if (state === 'checksum_failed') await rm(uploadPath(ctx, upload.id), { force: true });
  return state;
}

export async function handlePatch(
  ctx: SimContext,
  clientId: string,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const socket = req.socket; // captured: a destroyed request lets go of its socket
  let release = (): void => undefined;
  const lock: UploadLock = {
    abort: () => req.destroy(),
    done: new Promise((resolve) => (release = resolve)),
  };
  await takeLock(ctx, id, lock);
  try {
    const upload = ownedUpload(ctx, clientId, id, res);
    if (!upload) return;
    if (req.headers['content-type'] !== 'application/offset+octet-stream') {
      sendEmpty(res, 415, tusHeaders);
      return;
    }
    const claimed = Number(req.headers['upload-offset']);
    if (upload.state === 'complete' && claimed === upload.offset) {
      sendEmpty(res, 204, { ...tusHeaders, 'Upload-Offset': String(upload.offset) });
      return;
    }
    if (claimed !== upload.offset) {
      sendEmpty(res, 409, { ...tusHeaders, 'Upload-Offset': String(upload.offset) });
      return;
    }
    const declared = Number(req.headers['content-length'] ?? upload.length - upload.offset);
    if (declared > upload.length - upload.offset) {
      sendError(res, 413, 'beyond_upload_length', 'Dữ liệu gửi vượt quá Upload-Length.', {
        headers: tusHeaders,
      });
      return;
    }
    const resetAt = ctx.faults.chance(ctx.faults.faults.resetRate)
      ? Math.floor(ctx.faults.random() * declared)
      : null;
    // every check passed: now the client may send the body
    continueIfExpected(req, res);
    const outcome = await writeBody(ctx, req, upload, resetAt);
    const state = await settlePatch(ctx, upload, outcome);
    if (outcome.cut) {
      socket.destroy();
      return;
    }
    if (state === 'checksum_failed') {
      const message = 'Tệp tải lên không khớp mã SHA-256 đã khai báo; cổng đã huỷ bản tải lên này.';
      sendError(res, HTTP_CHECKSUM_MISMATCH, 'sha256_mismatch', message, {
        errors: [{ path: 'file', code: 'sha256_mismatch', message }],
        headers: tusHeaders,
      });
      return;
    }
    sendEmpty(res, 204, { ...tusHeaders, 'Upload-Offset': String(upload.offset + outcome.written) });
  } finally {
    releaseLock(ctx, id, lock);
    release();
  }
}
