// Sends one queued dossier: resumable upload of its files, then the POST with its idempotency key; commits every outcome.
import type { Db } from '../../../db/client';
import type { BlobStore } from '../storage/blob-store';
import type { Clock, Logger } from '../ports';
import { dossierRetryDelay, type BackoffPolicy, type RandomSource } from './backoff';
import { attemptsOf, resetAttempts, type AttemptKind, type OutboxRow } from './outbox';
import { beginSubmitting, markSubmitting, recordAccepted, recordNeedsFix, recordRetry } from './outbox-record';
import type { PortalClient, PortalFailure, PortalFieldError, PortalRetry, RetryReason } from './portal-client';
import type { PortalHealth } from './portal-health';
import { dossierSubmissionSchema, type DossierSubmission } from './portal-protocol';
import {
  counterError,
  filePlaces,
  fixMessage,
  missingFilesText,
  placeText,
  type FilePlaces,
} from './sync-messages';
import { recordFinished, uploadFiles, type FileProblem, type Finished, type StreamPool } from './upload-files';
import { dropUpload, reopenUploads } from './upload-store';

export { fixMessage } from './sync-messages';

export type SendDeps = {
  db: Db;
  blobs: BlobStore;
  portal: PortalClient;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  policy: BackoffPolicy;
  health: PortalHealth;
  /** bytes of this dossier confirmed by the portal so far, of its total */
  progress(dossierId: string, localCode: string, bytesSent: number, bytesTotal: number): void;
  /** how often the confirmed offset of a file is written down while it uploads (ms) */
  offsetSaveMs: number;
  /** files of one dossier uploaded at the same time (default 3) */
  fileConcurrency?: number;
  /** upload streams shared by every dossier in flight (then fileConcurrency only paces the opening of uploads) */
  streams?: StreamPool;
};

/** stop: the failure concerns the portal or the connection, not this dossier; the pass should end here. */
export type SendOutcome =
  | { kind: 'accepted'; portalCode: string }
  | { kind: 'retry'; failure: PortalFailure; stop: boolean; message: string }
  | { kind: 'needs_fix' }
  | { kind: 'skipped' };

const STOP_REASONS = new Set<RetryReason>(['network', 'timeout', 'maintenance', 'rate_limited']);
/** a 422 saying files are missing on the portal re-checks them this many times before asking the agent */
const MAX_FILE_RESETS = 2;

const CONFLICT_MESSAGE =
  'Cổng báo mã gửi của hồ sơ này đã được dùng cho một nội dung khác, nên không nhận lần gửi này. Hồ sơ có thể đã nằm trên cổng với nội dung cũ: hãy tra cứu trên cổng trước khi sửa và gửi lại, không tạo hồ sơ mới để tránh nộp trùng.';

/** why a page did not go, in a few words for "Trang 3 của '…' chưa gửi xong (…)" */
const shortReasons: Record<RetryReason, string> = {
  network: 'mất kết nối tới cổng',
  timeout: 'cổng không phản hồi kịp',
  rate_limited: 'cổng đang giới hạn số yêu cầu',
  maintenance: 'cổng đang bảo trì',
  server_error: 'cổng đang gặp lỗi',
  token: 'phiên truy cập cổng vừa hết hạn',
  protocol: 'cổng trả lời không đúng định dạng',
};

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

/**
 * The portal's acceptance, committed at synchronous=NORMAL: WAL order keeps it atomic and a crash of the app keeps it;
 * only a power cut before the next full commit (or checkpoint) may take it back, and then the dossier is sent again
 * with the same idempotency key (committed FULL when it was queued) and the portal answers with the same code. 20
 * dossiers: 46 fsyncs before, 26 after (bench:sync --fsyncs); each blocks the event loop, so every stream, for ~5-13 ms
 * on a loaded disk. What must survive a power cut before a byte leaves (upload URLs, 'submitting', the key) stays FULL.
 */
function commitWithoutFsync(db: Db, fn: () => void): void {
  const sqlite = db.$client;
  sqlite.pragma('synchronous = NORMAL');
  try {
    db.transaction(fn);
  } finally {
    sqlite.pragma('synchronous = FULL');
  }
}

export function createSender(deps: SendDeps) {
  const { db, portal, clock, health } = deps;
  const fileResets = new Map<string, number>();
  const uploadDeps = { ...deps, fileConcurrency: deps.fileConcurrency ?? 3 };

  function retryLater(row: OutboxRow, kind: AttemptKind, failure: PortalRetry, message = failure.message): SendOutcome {
    const delayMs = dossierRetryDelay(
      attemptsOf(db, row.dossierId) + 1,
      deps.random,
      { retryAfterMs: failure.retryAfterMs, portalAnswering: health.answering() },
      deps.policy,
    );
    recordRetry(db, { dossierId: row.dossierId, at: clock.now(), kind, message, httpStatus: failure.status, delayMs });
    return { kind: 'retry', failure, stop: STOP_REASONS.has(failure.reason), message };
  }

  function needsFix(row: OutboxRow, kind: AttemptKind, message: string, fields: PortalFieldError[], status?: number): SendOutcome {
    recordNeedsFix(db, { dossierId: row.dossierId, at: clock.now(), kind, outcome: 'needs_fix', message, fields, httpStatus: status });
    return { kind: 'needs_fix' };
  }

  function onFailure(row: OutboxRow, kind: AttemptKind, failure: PortalFailure, body: DossierSubmission, places: FilePlaces): SendOutcome {
    switch (failure.kind) {
      case 'retry':
        return retryLater(row, kind, failure);
      case 'auth':
        // Nothing this dossier can change: the pass stops and the status bar says to fix the settings.
        return { kind: 'retry', failure, stop: true, message: failure.message };
      case 'conflict':
        health.answered();
        recordNeedsFix(db, { dossierId: row.dossierId, at: clock.now(), kind, outcome: 'conflict', message: CONFLICT_MESSAGE, fields: [], httpStatus: 409 });
        deps.logger.warn('sync: idempotency key refused with a different body', { dossierId: row.dossierId });
        return { kind: 'needs_fix' };
      case 'fix': {
        health.answered();
        const missing = failure.errors.filter((e) => e.code === 'file_missing');
        const resets = fileResets.get(row.dossierId) ?? 0;
        if (kind === 'submit' && missing.length === failure.errors.length && resets < MAX_FILE_RESETS) {
          // The portal lacks files we thought complete: look again at just those (HEAD at their recorded URL: resumed
          // if the portal holds part of them, created anew only if it says they are gone). No agent needed.
          fileResets.set(row.dossierId, resets + 1);
          const paths = new Set(missing.map((e) => e.path));
          const shas = body.components.flatMap((c, i) =>
            c.files.filter((_f, j) => paths.has(`components[${i}].files[${j}]`)).map((f) => f.sha256),
          );
          reopenUploads(db, shas.length > 0 ? shas : distinctFiles(body).map((f) => f.sha256), clock.now());
          return retryLater(row, kind, { kind: 'retry', reason: 'protocol', status: failure.status, message: '' }, missingFilesText(missing, places));
        }
        const errors = failure.errors.map((e) => counterError(e, places));
        return needsFix(row, kind, fixMessage(errors), errors, failure.status);
      }
    }
  }

  /** A file that did not go: in counter language, naming the document and the page. */
  async function onFileProblem(row: OutboxRow, problem: FileProblem, body: DossierSubmission, places: FilePlaces): Promise<SendOutcome> {
    const place = places.bySha.get(problem.file.sha256) ?? { document: 'hồ sơ', page: 0 };
    const where = placeText(place);
    if (problem.kind === 'local_missing') {
      const message = `${where} không còn nguyên trên máy. Hãy quét lại trang này rồi gửi lại.`;
      return needsFix(row, 'upload', message, [{ path: 'file', code: 'local_file_missing', message }]);
    }
    const failure = problem.failure;
    if (failure.kind === 'retry') {
      return retryLater(row, 'upload', failure, `${where} chưa gửi xong (${shortReasons[failure.reason]}); sẽ tự gửi lại.`);
    }
    if (failure.kind === 'fix' && failure.errors.some((e) => e.code === 'sha256_mismatch')) {
      health.answered();
      // Our copy still hashes right: the bytes were damaged on the way, so a new upload will do.
      if ((await deps.blobs.hashOf(problem.file.sha256)) === problem.file.sha256) {
        // the portal said that upload is gone (410 sha256_mismatch): only now is a new one created
        dropUpload(db, problem.file.sha256, clock.now());
        return retryLater(row, 'upload', { kind: 'retry', reason: 'protocol', status: failure.status, message: '' }, `${where} bị hỏng trên đường truyền; sẽ tự gửi lại.`);
      }
      const message = `${where} không khớp mã kiểm tra: bản lưu trên máy có thể bị hỏng. Hãy quét lại trang này.`;
      return needsFix(row, 'upload', message, [{ path: 'file', code: 'sha256_mismatch', message }], failure.status);
    }
    return onFailure(row, 'upload', failure, body, places);
  }

  function flush(row: OutboxRow, finished: Finished[], progressed: boolean): void {
    recordFinished(db, finished, clock.now());
    // progress: the backoff counts consecutive failures without progress only
    if (progressed) resetAttempts(db, row.dossierId);
  }

  /** Upload what is missing, then POST; every outcome is committed before this returns. */
  return async function send(row: OutboxRow, signal: AbortSignal): Promise<SendOutcome> {
    if (!beginSubmitting(db, row.dossierId, clock.now())) return { kind: 'skipped' };
    const body = parseBody(row);
    if (!body) {
      const message = 'Nội dung hồ sơ chờ gửi bị hỏng. Hãy mở hồ sơ, kiểm tra rồi xếp hàng gửi lại.';
      return needsFix(row, 'submit', message, []);
    }
    const places = filePlaces(db, row.dossierId, body);
    const up = await uploadFiles(
      uploadDeps,
      distinctFiles(body),
      signal,
      (sent, total) => deps.progress(row.dossierId, row.localCode, sent, total),
      () => markSubmitting(db, row.dossierId, clock.now()),
    );
    if (up.problem) {
      const problem = up.problem;
      db.transaction(() => flush(row, up.finished, up.progressed));
      return onFileProblem(row, problem, body, places);
    }
    const result = await portal.submitDossier(row.idempotencyKey, body, { signal });
    if (result.kind === 'ok') {
      health.answered();
      const { portalCode, replayed } = result.value;
      commitWithoutFsync(db, () => {
        flush(row, up.finished, false);
        recordAccepted(db, { dossierId: row.dossierId, portalCode, at: clock.now(), via: replayed ? 'replay' : 'submit' });
      });
      fileResets.delete(row.dossierId);
      return { kind: 'accepted', portalCode };
    }
    flush(row, up.finished, up.finished.length > 0);
    return onFailure(row, 'submit', result, body, places);
  };
}

export type Sender = ReturnType<typeof createSender>;
