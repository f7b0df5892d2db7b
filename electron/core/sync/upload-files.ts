// Uploads the files of one dossier a few at a time, each resumed at its recorded URL; writes down URLs, offsets, bytes sent.
import type { Db } from '../../../db/client';
import type { Clock } from '../ports';
import type { BlobStore } from '../storage/blob-store';
import type { PortalClient, PortalFailure, SubmittedFile } from './portal-client';
import type { PortalHealth } from './portal-health';
import type { StreamPool } from './stream-pool';
import { addBytesSent, markUploadComplete, saveUploadOffset, saveUploadUrl, saveUploadUrls, uploadOf } from './upload-store';

export { createStreamPool, type StreamPool } from './stream-pool';

export type UploadFilesDeps = {
  db: Db;
  blobs: BlobStore;
  portal: PortalClient;
  clock: Clock;
  health: PortalHealth;
  /** how often the confirmed offset of a file is written down while it uploads (ms) */
  offsetSaveMs: number;
  /** files of one dossier uploaded at the same time (without `streams`) */
  fileConcurrency: number;
  /** upload streams shared by all the dossiers in flight; with it, any file of the dossier may take a free one */
  streams?: StreamPool;
};

/** a file finished in this attempt; written down with the attempt's outcome (one commit, not one per file) */
export type Finished = { sha256: string; size: number; uploadUrl: string; bytesSent: number };

export type FileProblem =
  | { file: SubmittedFile; kind: 'portal'; failure: PortalFailure }
  /** the blob is gone or changed size on this PC */
  | { file: SubmittedFile; kind: 'local_missing' };

export type UploadFilesResult = {
  finished: Finished[];
  /** an upload moved forward in this attempt (the backoff counts failures without progress only) */
  progressed: boolean;
  /** the worst problem met, if any; the other files in flight were let finish */
  problem: FileProblem | null;
};

function severity(p: FileProblem): number {
  if (p.kind === 'local_missing') return 3;
  return p.failure.kind === 'retry' ? 0 : p.failure.kind === 'auth' ? 2 : 1;
}

export async function uploadFiles(
  deps: UploadFilesDeps,
  files: readonly SubmittedFile[],
  signal: AbortSignal,
  progress: (sent: number, total: number) => void,
  /** written in the same commit as the new upload URLs, before any byte goes (the dossier's move to 'submitting') */
  beforeBytes: () => void = () => undefined,
): Promise<UploadFilesResult> {
  const { db, clock, health } = deps;
  const total = files.reduce((n, f) => n + f.size, 0);
  const seen = new Map<string, number>();
  const result: UploadFilesResult = { finished: [], progressed: false, problem: null };
  const report = (): void => progress([...seen.values()].reduce((a, b) => a + b, 0), total);

  /** uploads opened in this attempt, before any byte: they start at 0 without a HEAD */
  const fresh = new Set<string>();

  async function uploadOne(f: SubmittedFile): Promise<FileProblem | null> {
    const up = uploadOf(db, f.sha256, f.size);
    if (up.state === 'complete') {
      seen.set(f.sha256, f.size);
      return null;
    }
    // the blob store decrypts chunk by chunk: the file on disk is sealed, its bytes are not the scan's
    const source = await deps.blobs.source(f.sha256).catch(() => null);
    if (!source || source.size !== f.size) return { file: f, kind: 'local_missing' };
    // bytes the portal had confirmed before this attempt, as far as we know
    const confirmed = up.offset;
    let at = up.offset;
    let wire = 0;
    let savedAt = clock.now();
    const startedAt = savedAt;
    seen.set(f.sha256, at);
    report();
    const got = await deps.portal.uploadFile({
      source,
      sha256: f.sha256,
      fileName: f.fileName,
      mime: f.mime,
      uploadUrl: up.uploadUrl,
      fresh: up.uploadUrl !== null && fresh.has(f.sha256),
      signal,
      // committed before the first byte: after a crash the upload resumes here instead of starting over
      onCreated: (url) => saveUploadUrl(db, f.sha256, f.size, url, clock.now()),
      onSent: (n) => (wire += n),
      onProgress: (p) => {
        if (p.uploaded > at) health.answered();
        // beyond what we knew (also bytes a cut request left on the portal): the upload moves forward
        if (p.uploaded > confirmed) result.progressed = true;
        at = p.uploaded;
        seen.set(f.sha256, at);
        report();
        const now = clock.now();
        if (p.uploaded < p.total && now - savedAt >= deps.offsetSaveMs) {
          savedAt = now;
          saveUploadOffset(db, f.sha256, p.uploaded, now);
        }
      },
    });
    // how fast this stream moved bytes: the shared pool grows only while streams are fast (stream-pool.ts)
    deps.streams?.report((got.kind === 'ok' ? f.size : at) - confirmed, clock.now() - startedAt);
    if (got.kind === 'ok') {
      health.answered();
      result.finished.push({ sha256: f.sha256, size: f.size, uploadUrl: got.value.uploadUrl, bytesSent: wire });
      result.progressed = true;
      seen.set(f.sha256, f.size);
      return null;
    }
    db.transaction(() => {
      addBytesSent(db, f.sha256, wire, clock.now());
      if (at > confirmed) saveUploadOffset(db, f.sha256, at, clock.now());
    });
    return { file: f, kind: 'portal', failure: got };
  }

  const opened = await openUploads(deps, files, signal, fresh, beforeBytes);
  if (opened) {
    result.problem = opened;
    return result;
  }
  let next = 0;
  let stop = false;
  const pool = deps.streams;
  const worker = async (): Promise<void> => {
    while (!stop && !signal.aborted && next < files.length) {
      // a shared stream first, then the next file: a dossier that failed meanwhile starts none
      const release = pool ? await pool.acquire(signal) : null;
      try {
        const f = stop ? undefined : files[next++];
        if (!f) return;
        const problem = await uploadOne(f);
        if (!problem) continue;
        // the files already in flight finish; no new one starts
        stop = true;
        if (!result.problem || severity(problem) > severity(result.problem)) result.problem = problem;
      } finally {
        release?.();
      }
    }
  };
  const workers = pool ? files.length : Math.max(1, deps.fileConcurrency);
  await Promise.all(Array.from({ length: workers }, worker));
  return result;
}

// uploads of one dossier opened at the same time (a dossier has 5-10 files; a 30-page one opens them 8 by 8)
const MAX_OPENING = 8;

/**
 * Opens the uploads this dossier still lacks, a few at a time, and stores all their URLs in one commit before any
 * byte is sent (one fsync per dossier instead of one per file). URLs opened before a failure are stored too.
 */
async function openUploads(
  deps: UploadFilesDeps,
  files: readonly SubmittedFile[],
  signal: AbortSignal,
  fresh: Set<string>,
  beforeBytes: () => void,
): Promise<FileProblem | null> {
  const create = deps.portal.createUpload?.bind(deps.portal);
  if (!create) {
    deps.db.transaction(beforeBytes);
    return null;
  }
  const missing = files.filter((f) => {
    const up = uploadOf(deps.db, f.sha256, f.size);
    return up.state !== 'complete' && up.uploadUrl === null;
  });
  const urls: { sha256: string; size: number; url: string }[] = [];
  let problem: FileProblem | null = null;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let f = missing[next++]; f && !problem && !signal.aborted; f = missing[next++]) {
      const got = await create({ sha256: f.sha256, fileName: f.fileName, mime: f.mime, size: f.size }, { signal });
      if (got.kind === 'ok') {
        deps.health.answered();
        urls.push({ sha256: f.sha256, size: f.size, url: got.value });
      } else problem ??= { file: f, kind: 'portal', failure: got };
    }
  };
  // with shared streams, a dossier's uploads are opened all at once (small requests): one round trip, not two,
  // before its first byte can go
  const openers = deps.streams ? Math.min(missing.length, MAX_OPENING) : deps.fileConcurrency;
  await Promise.all(Array.from({ length: Math.max(1, openers) }, worker));
  deps.db.transaction(() => {
    beforeBytes();
    saveUploadUrls(deps.db, urls, deps.clock.now());
  });
  for (const u of urls) fresh.add(u.sha256);
  return problem;
}

export function recordFinished(db: Db, finished: Finished[], at: number): void {
  for (const f of finished.splice(0)) markUploadComplete(db, f, at);
}
