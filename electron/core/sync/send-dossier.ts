// Sends one queued dossier: resumable upload of each file, then the POST with its idempotency key; commits every outcome.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Db } from '../../../db/client';
import type { BlobStore } from '../storage/blob-store';
import type { Clock, Logger } from '../ports';
import { backoffDelay, type BackoffPolicy, type RandomSource } from './backoff';
import { attemptsOf, resetAttempts, type AttemptKind, type OutboxRow } from './outbox';
import { beginSubmitting, recordAccepted, recordNeedsFix, recordRetry } from './outbox-record';
import type { PortalClient, PortalFailure, PortalFieldError, UploadSource } from './portal-client';
import { fileUploadSource } from './portal-client';
import { dossierSubmissionSchema, type DossierSubmission } from './portal-protocol';
import {
  addBytesSent,
  uploadOf,
  forgetUploads,
  markUploadComplete,
  saveUploadOffset,
  saveUploadUrl,
} from './upload-store';

export type SendDeps = {
  db: Db;
  blobs: BlobStore;
  portal: PortalClient;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  policy: BackoffPolicy;
  /** bytes of this dossier confirmed by the portal so far, of its total */
  progress(dossierId: string, localCode: string, bytesSent: number, bytesTotal: number): void;
  /** how often the confirmed offset of a file is written down while it uploads (ms) */
  offsetSaveMs: number;
};

/** stop: the failure concerns the portal or the connection, not this dossier; the pass should end here. */
export type SendOutcome =
  | { kind: 'accepted'; portalCode: string }
  | { kind: 'retry'; failure: PortalFailure; stop: boolean }
  | { kind: 'needs_fix' }
  | { kind: 'skipped' };

const STOP_REASONS = new Set(['network', 'timeout', 'maintenance', 'rate_limited']);
/** a 422 saying files are missing on the portal re-uploads them this many times before asking the agent */
const MAX_FILE_RESETS = 2;

const CONFLICT_MESSAGE =
  'Cổng báo mã gửi của hồ sơ này đã được dùng cho một nội dung khác, nên không nhận lần gửi này. Hồ sơ có thể đã nằm trên cổng với nội dung cũ: hãy tra cứu trên cổng trước khi sửa và gửi lại, không tạo hồ sơ mới để tránh nộp trùng.';

async function sha256OfFile(path: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

function parseBody(row: OutboxRow): DossierSubmission | null {
  if (!row.body) return null;
  try {
    const parsed = dossierSubmissionSchema.safeParse(JSON.parse(row.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function distinctFiles(body: DossierSubmission): DossierSubmission['components'][number]['files'] {
  const seen = new Map<string, DossierSubmission['components'][number]['files'][number]>();
  for (const c of body.components) for (const f of c.files) if (!seen.has(f.sha256)) seen.set(f.sha256, f);
  return [...seen.values()];
}

export function fixMessage(errors: readonly PortalFieldError[]): string {
  const parts = [...new Set(errors.map((e) => e.message.trim()).filter((m) => m !== ''))];
  return parts.length > 0
    ? `Cổng từ chối hồ sơ: ${parts.join(' ')}`
    : 'Cổng từ chối hồ sơ nhưng không nói lý do.';
}

export function createSender(deps: SendDeps) {
  const { db, portal, clock } = deps;
  const fileResets = new Map<string, number>();

  function retryLater(
    row: OutboxRow,
    kind: AttemptKind,
    failure: PortalFailure & { kind: 'retry' },
  ): SendOutcome {
    const delayMs = backoffDelay(
      attemptsOf(db, row.dossierId) + 1,
      deps.random,
      failure.retryAfterMs,
      deps.policy,
    );
    recordRetry(db, {
      dossierId: row.dossierId,
      at: clock.now(),
      kind,
      message: failure.message,
      httpStatus: failure.status,
      delayMs,
    });
    return { kind: 'retry', failure, stop: STOP_REASONS.has(failure.reason) };
  }

  function needsFix(
    row: OutboxRow,
    kind: AttemptKind,
    message: string,
    fields: PortalFieldError[],
    status?: number,
  ): SendOutcome {
    recordNeedsFix(db, {
      dossierId: row.dossierId,
      at: clock.now(),
      kind,
      outcome: 'needs_fix',
      message,
      fields,
      httpStatus: status,
    });
    return { kind: 'needs_fix' };
  }

  function onFailure(
    row: OutboxRow,
    kind: AttemptKind,
    failure: PortalFailure,
    body: DossierSubmission,
  ): SendOutcome {
    switch (failure.kind) {
      case 'retry':
        return retryLater(row, kind, failure);
      case 'auth':
        // Nothing this dossier can change: the pass stops and the status bar says to fix the settings.
        return { kind: 'retry', failure, stop: true };
      case 'conflict':
        recordNeedsFix(db, {
          dossierId: row.dossierId,
          at: clock.now(),
          kind,
          outcome: 'conflict',
          message: CONFLICT_MESSAGE,
          fields: [],
          httpStatus: 409,
        });
        deps.logger.warn('sync: idempotency key refused with a different body', { dossierId: row.dossierId });
        return { kind: 'needs_fix' };
      case 'fix': {
        const missing = failure.errors.filter((e) => e.code === 'file_missing');
        const resets = fileResets.get(row.dossierId) ?? 0;
        if (kind === 'submit' && missing.length === failure.errors.length && resets < MAX_FILE_RESETS) {
          // The portal lost (or never finished) files we thought complete: upload them again, no agent needed.
          fileResets.set(row.dossierId, resets + 1);
          forgetUploads(
            db,
            distinctFiles(body).map((f) => f.sha256),
            clock.now(),
          );
          return retryLater(row, kind, {
            kind: 'retry',
            reason: 'protocol',
            status: failure.status,
            message: 'Cổng chưa có đủ tệp của hồ sơ; sẽ tải lên lại.',
          });
        }
        return needsFix(row, kind, fixMessage(failure.errors), failure.errors, failure.status);
      }
    }
  }

  /** Counts bytes read for sending, so the timeline can tell what faults cost. */
  function counting(source: UploadSource, onRead: (n: number) => void): UploadSource {
    return {
      size: source.size,
      read: async (o, l) => {
        const b = await source.read(o, l);
        onRead(b.length);
        return b;
      },
    };
  }

  /**
   * Files finished in this attempt are written down together with the attempt's outcome (one commit instead of one
   * per file: each commit is an fsync that stalls the event loop). Lost in a crash, they cost one HEAD each next time.
   */
  type Finished = { sha256: string; size: number; uploadUrl: string; bytesSent: number };
  function flush(row: OutboxRow, finished: Finished[], progressed: boolean): void {
    const at = clock.now();
    for (const f of finished.splice(0)) markUploadComplete(db, f, at);
    // progress: the backoff counts consecutive failures without progress only
    if (progressed) resetAttempts(db, row.dossierId);
  }

  async function uploadAll(
    row: OutboxRow,
    body: DossierSubmission,
    signal: AbortSignal,
    finished: Finished[],
  ): Promise<SendOutcome | null> {
    const files = distinctFiles(body);
    const total = files.reduce((n, f) => n + f.size, 0);
    const localCode = row.localCode;
    let done = 0;
    let progressed = false;
    for (const f of files) {
      const up = uploadOf(db, f.sha256, f.size);
      if (up.state === 'complete') {
        done += f.size;
        continue;
      }
      const path = deps.blobs.pathOf(f.sha256);
      const source = await fileUploadSource(path).catch(() => null);
      if (!source || source.size !== f.size) {
        const message = `Tệp "${f.fileName}" của hồ sơ không còn nguyên trên máy. Hãy quét lại trang này rồi gửi lại.`;
        flush(row, finished, false);
        return needsFix(row, 'upload', message, [{ path: 'file', code: 'local_file_missing', message }]);
      }
      let read = 0;
      // bytes the portal had confirmed before this attempt, as far as we know
      const confirmed = up.offset;
      let seen = up.offset;
      let savedAt = clock.now();
      deps.progress(row.dossierId, localCode, done + up.offset, total);
      const result = await portal.uploadFile({
        source: counting(source, (n) => (read += n)),
        sha256: f.sha256,
        fileName: f.fileName,
        mime: f.mime,
        uploadUrl: up.uploadUrl,
        signal,
        onCreated: (url) => saveUploadUrl(db, f.sha256, f.size, url, clock.now()),
        onProgress: (p) => {
          // beyond what we knew (also bytes a cut request left on the portal): the upload moves forward
          if (p.uploaded > confirmed) progressed = true;
          seen = p.uploaded;
          deps.progress(row.dossierId, localCode, done + p.uploaded, total);
          const now = clock.now();
          if (p.uploaded < p.total && now - savedAt >= deps.offsetSaveMs) {
            savedAt = now;
            saveUploadOffset(db, f.sha256, p.uploaded, now);
          }
        },
      });
      if (result.kind === 'ok') {
        finished.push({ sha256: f.sha256, size: f.size, uploadUrl: result.value.uploadUrl, bytesSent: read });
        progressed = true;
        done += f.size;
        continue;
      }
      db.transaction(() => {
        flush(row, finished, progressed || seen > confirmed);
        addBytesSent(db, f.sha256, read, clock.now());
        if (seen > confirmed) saveUploadOffset(db, f.sha256, seen, clock.now());
      });
      if (result.kind === 'fix' && result.errors.some((e) => e.code === 'sha256_mismatch')) {
        // Our copy still hashes right: the bytes were damaged on the way, so a new upload will do.
        if ((await sha256OfFile(path)) === f.sha256) {
          return retryLater(row, 'upload', {
            kind: 'retry',
            reason: 'protocol',
            status: result.status,
            message: 'Tệp bị hỏng trên đường truyền; sẽ tải lên lại.',
          });
        }
      }
      return onFailure(row, 'upload', result, body);
    }
    return null;
  }

  /** Upload what is missing, then POST; every outcome is committed before this returns. */
  return async function send(row: OutboxRow, signal: AbortSignal): Promise<SendOutcome> {
    if (!beginSubmitting(db, row.dossierId, clock.now())) return { kind: 'skipped' };
    const body = parseBody(row);
    if (!body) {
      const message = 'Nội dung hồ sơ chờ gửi bị hỏng. Hãy mở hồ sơ, kiểm tra rồi xếp hàng gửi lại.';
      return needsFix(row, 'submit', message, []);
    }
    const finished: Finished[] = [];
    const stopped = await uploadAll(row, body, signal, finished);
    if (stopped) return stopped;
    const result = await portal.submitDossier(row.idempotencyKey, body, { signal });
    if (result.kind === 'ok') {
      const { portalCode, replayed } = result.value;
      db.transaction(() => {
        flush(row, finished, false);
        recordAccepted(db, {
          dossierId: row.dossierId,
          portalCode,
          at: clock.now(),
          via: replayed ? 'replay' : 'submit',
        });
      });
      fileResets.delete(row.dossierId);
      return { kind: 'accepted', portalCode };
    }
    flush(row, finished, finished.length > 0);
    return onFailure(row, 'submit', result, body);
  };
}

export type Sender = ReturnType<typeof createSender>;
