// Resumable file upload over tus 1.0: resume at the server's offset (HEAD), chunks (PATCH) retried in place, bytes counted.
import { open, stat } from 'node:fs/promises';
import type { PortalFailure, PortalResult, PortalTransport } from './portal-http';
import { classifyResponse, retry } from './portal-http';
import { encodeUploadMetadata, HTTP_CHECKSUM_MISMATCH, TUS_VERSION } from './portal-protocol';

/** Where upload bytes come from: a size and positional reads, so one chunk at a time sits in memory. */
export type UploadSource = { size: number; read(offset: number, length: number): Promise<Uint8Array> };

export type UploadProgress = { uploaded: number; total: number };

export type UploadInput = {
  source: UploadSource;
  /** lower-case hex SHA-256 of the whole file; the portal refuses the upload if the bytes differ */
  sha256: string;
  fileName: string;
  mime: string;
  /** the upload URL from an earlier attempt (persist it from onCreated); the upload resumes there */
  uploadUrl?: string | null;
  /** uploadUrl was opened just now (openUpload) and holds no byte yet: start at 0 without asking */
  fresh?: boolean;
  /** called with a new upload's URL before any byte is sent: store it durably to resume after a crash */
  onCreated?(uploadUrl: string): void | Promise<void>;
  onProgress?(progress: UploadProgress): void;
  /** body bytes handed to the network (also those of chunks that were cut or refused) */
  onSent?(bytes: number): void;
  signal?: AbortSignal;
};

export type UploadedFile = {
  uploadUrl: string;
  sha256: string;
  size: number;
  /** offset the server already had when this call started (0 for a new upload) */
  resumedFrom: number;
  /** body bytes this call sent in PATCH requests, including chunks that were cut */
  bytesSent: number;
  /** uploads this call created (0 when it resumed one; 1 more each time the portal said one was gone) */
  created: number;
};

export type UploadSettings = { chunkSize: number; chunkTimeoutMs: number; requestTimeoutMs: number };

const tusHeaders = { 'Tus-Resumable': TUS_VERSION };

export async function fileUploadSource(filePath: string): Promise<UploadSource> {
  const { size } = await stat(filePath);
  return {
    size,
    async read(offset, length) {
      const fh = await open(filePath, 'r');
      try {
        const buf = new Uint8Array(length);
        const { bytesRead } = await fh.read(buf, 0, length, offset);
        return bytesRead === length ? buf : buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
  };
}

function checksumRefused(fileName: string): PortalFailure {
  return {
    kind: 'fix',
    status: HTTP_CHECKSUM_MISMATCH,
    errors: [
      {
        path: 'file',
        code: 'sha256_mismatch',
        message: `Tệp "${fileName}" không khớp mã kiểm tra khi tải lên; bản lưu trên máy có thể bị hỏng. Hãy quét lại trang này.`,
      },
    ],
  };
}

function headerInt(res: Response, name: string): number | null {
  const value = res.headers.get(name);
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

type ServerOffset = { kind: 'offset'; offset: number } | { kind: 'gone' } | PortalFailure;

/** HEAD: how many bytes the server holds. 'gone' when the upload no longer exists (start a new one). */
async function serverOffset(
  t: PortalTransport,
  url: string,
  input: UploadInput,
  s: UploadSettings,
): Promise<ServerOffset> {
  const sent = await t.send({
    method: 'HEAD',
    url,
    headers: tusHeaders,
    timeoutMs: s.requestTimeoutMs,
    signal: input.signal,
  });
  if (sent.kind !== 'ok') return sent;
  const res = sent.value;
  await res.body?.cancel();
  if (res.status === 404 || res.status === 410) {
    return res.headers.get('upload-error') === 'sha256_mismatch'
      ? checksumRefused(input.fileName)
      : { kind: 'gone' };
  }
  if (!res.ok) return classifyResponse(res, t.now());
  const offset = headerInt(res, 'upload-offset');
  const length = headerInt(res, 'upload-length');
  if (offset === null || offset > input.source.size) return retry('protocol', { status: res.status });
  // A different length means the stored URL belongs to other bytes: never append to it.
  return length !== null && length !== input.source.size ? { kind: 'gone' } : { kind: 'offset', offset };
}

/** What the portal needs to know of a file to open an upload for it. */
export type UploadFileInfo = { sha256: string; fileName: string; mime: string; size: number };

/** POST /files/: a new upload, its URL; nothing is sent yet (the caller stores the URL before any byte). */
export async function openUpload(
  t: PortalTransport,
  file: UploadFileInfo,
  s: Pick<UploadSettings, 'requestTimeoutMs'>,
  signal?: AbortSignal,
): Promise<PortalResult<string>> {
  const metadata = encodeUploadMetadata({ sha256: file.sha256, filename: file.fileName, filetype: file.mime });
  const sent = await t.send({
    method: 'POST',
    url: 'files/',
    headers: { ...tusHeaders, 'Upload-Length': String(file.size), 'Upload-Metadata': metadata },
    timeoutMs: s.requestTimeoutMs,
    signal,
  });
  if (sent.kind !== 'ok') return sent;
  const res = sent.value;
  if (res.status !== 201) return classifyResponse(res, t.now());
  await res.body?.cancel();
  const location = res.headers.get('location');
  if (!location) return retry('protocol', { status: res.status });
  return { kind: 'ok', value: t.resolve(location) };
}

async function createUpload(
  t: PortalTransport,
  input: UploadInput,
  s: UploadSettings,
): Promise<PortalResult<string>> {
  const file = { sha256: input.sha256, fileName: input.fileName, mime: input.mime, size: input.source.size };
  const opened = await openUpload(t, file, s, input.signal);
  if (opened.kind === 'ok') await input.onCreated?.(opened.value);
  return opened;
}

async function startingPoint(
  t: PortalTransport,
  input: UploadInput,
  s: UploadSettings,
): Promise<PortalResult<{ url: string; offset: number; created: boolean }>> {
  const samePortal =
    input.uploadUrl && new URL(t.resolve(input.uploadUrl)).origin === new URL(t.resolve('')).origin;
  // an upload the caller opened a moment ago: nothing is there yet, no HEAD needed (a 409 would resync anyway)
  if (input.uploadUrl && samePortal && input.fresh) {
    return { kind: 'ok', value: { url: input.uploadUrl, offset: 0, created: false } };
  }
  if (input.uploadUrl && samePortal) {
    const head = await serverOffset(t, input.uploadUrl, input, s);
    if (head.kind === 'offset')
      return { kind: 'ok', value: { url: input.uploadUrl, offset: head.offset, created: false } };
    // only the portal saying the upload is gone (404/410, or other bytes behind the URL) makes a new one
    if (head.kind !== 'gone') return head;
  }
  const created = await createUpload(t, input, s);
  return created.kind === 'ok' ? { kind: 'ok', value: { url: created.value, offset: 0, created: true } } : created;
}

// Offset disagreements in a row before giving the engine a retry (someone else is writing this upload).
const MAX_RESYNCS = 3;
// A portal that keeps losing the upload under us: leave it to the dossier's next attempt.
const MAX_RECREATES = 1;

type Cursor = { url: string; offset: number };
type Step = { kind: 'moved'; to: Cursor } | { kind: 'retry-in-place' } | PortalFailure;

/** One PATCH at the cursor; says where the upload stands afterwards. */
async function patchOnce(
  t: PortalTransport,
  input: UploadInput,
  s: UploadSettings,
  at: Cursor,
  onSent: (n: number) => void,
): Promise<Step> {
  const total = input.source.size;
  const chunk = await input.source.read(at.offset, Math.min(s.chunkSize, total - at.offset));
  if (chunk.length === 0) return retry('protocol');
  const sent = await t.send({
    method: 'PATCH',
    url: at.url,
    headers: { ...tusHeaders, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(at.offset) },
    body: chunk,
    timeoutMs: s.chunkTimeoutMs,
    signal: input.signal,
    retry: false,
    expectContinue: true,
    onSent,
  });
  if (sent.kind !== 'ok') return sent;
  const res = sent.value;
  if (res.status === 204) {
    const next = headerInt(res, 'upload-offset');
    if (next === null || next <= at.offset || next > total) return retry('protocol', { status: 204 });
    return { kind: 'moved', to: { url: at.url, offset: next } };
  }
  await res.body?.cancel();
  if (res.status === HTTP_CHECKSUM_MISMATCH) return checksumRefused(input.fileName);
  if (res.status === 409) return { kind: 'retry-in-place' };
  if (res.status === 404 || res.status === 410) {
    return res.headers.get('upload-error') === 'sha256_mismatch'
      ? checksumRefused(input.fileName)
      : retry('protocol', { status: res.status });
  }
  return classifyResponse(res, t.now());
}

/**
 * Uploads `input` to the end. A transient failure of a chunk (5xx, reset, timeout) is retried here after a short
 * jittered pause, resuming at the offset the portal reports (HEAD); the retry budget starts again whenever the upload
 * moves forward, as tus-js-client does. A new upload is created only when the portal says the old one is gone.
 */
export async function uploadWithTus(
  t: PortalTransport,
  input: UploadInput,
  s: UploadSettings,
): Promise<PortalResult<UploadedFile>> {
  let bytesSent = 0;
  const onSent = (n: number): void => {
    bytesSent += n;
    input.onSent?.(n);
  };
  const start = await startingPoint(t, input, s);
  if (start.kind !== 'ok') return start;
  const total = input.source.size;
  let at: Cursor = { url: start.value.url, offset: start.value.offset };
  let created = start.value.created ? 1 : 0;
  let failures = 0;
  let resyncs = 0;
  input.onProgress?.({ uploaded: at.offset, total });
  while (at.offset < total) {
    const before = bytesSent;
    const step = await patchOnce(t, input, s, at, onSent);
    if (step.kind === 'moved') {
      at = step.to;
      failures = 0;
      resyncs = 0;
      input.onProgress?.({ uploaded: at.offset, total });
      continue;
    }
    if (step.kind === 'retry-in-place') {
      if (++resyncs > MAX_RESYNCS) return retry('protocol', { status: 409 });
    } else if (step.kind === 'retry') {
      const gone = step.status === 404 || step.status === 410;
      // a long Retry-After (maintenance, rate limit) is the dossier backoff's to wait, not this call's
      if (step.retryAfterMs !== undefined && step.retryAfterMs > 2_000) return step;
      if (!gone && !(await t.pause(failures++, input.signal))) return step;
      if (gone && created > MAX_RECREATES) return step;
      // refused before any byte of the body left (Expect: 100-continue): the offset cannot have moved, no HEAD needed
      if (!gone && bytesSent === before) continue;
    } else {
      return step;
    }
    // where does the portal stand now? (a cut PATCH may have left some of its bytes there)
    const head = await serverOffset(t, at.url, input, s);
    if (head.kind === 'offset') {
      if (head.offset > at.offset) failures = 0;
      at = { url: at.url, offset: head.offset };
      input.onProgress?.({ uploaded: at.offset, total });
      continue;
    }
    if (head.kind !== 'gone') return head;
    const fresh = await createUpload(t, input, s);
    if (fresh.kind !== 'ok') return fresh;
    created += 1;
    at = { url: fresh.value, offset: 0 };
    input.onProgress?.({ uploaded: 0, total });
  }
  return {
    kind: 'ok',
    value: { uploadUrl: at.url, sha256: input.sha256, size: total, resumedFrom: start.value.offset, bytesSent, created },
  };
}
