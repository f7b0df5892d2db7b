// Durable state of resumable uploads (one per blob): URL saved before the first byte, confirmed offset, completion.
import type { Db } from '../../../db/client';

export type UploadRow = {
  sha256: string;
  size: number;
  uploadUrl: string | null;
  offset: number;
  state: 'open' | 'complete';
  bytesSent: number;
};

const SELECT =
  'SELECT sha256, size, upload_url AS uploadUrl, offset, state, bytes_sent AS bytesSent FROM uploads';

export function getUpload(db: Db, sha256: string): UploadRow | undefined {
  return db.$client.prepare(`${SELECT} WHERE sha256 = ?`).get(sha256) as UploadRow | undefined;
}

/** What we know of a blob's upload; a blob never sent yet reads as an open upload at offset 0. */
export function uploadOf(db: Db, sha256: string, size: number): UploadRow {
  return getUpload(db, sha256) ?? { sha256, size, uploadUrl: null, offset: 0, state: 'open', bytesSent: 0 };
}

/** Committed before any byte of the new upload is sent: after a crash the upload resumes at this URL. */
export function saveUploadUrl(db: Db, sha256: string, size: number, url: string, at: number): void {
  db.$client
    .prepare(
      `INSERT INTO uploads (sha256, size, upload_url, offset, state, bytes_sent, created_at, updated_at)
       VALUES (?, ?, ?, 0, 'open', 0, ?, ?)
       ON CONFLICT(sha256) DO UPDATE SET upload_url = excluded.upload_url, offset = 0, state = 'open', updated_at = excluded.updated_at`,
    )
    .run(sha256, size, url, at, at);
}

/** Several new uploads' URLs in one commit (one fsync), before any byte of them is sent. */
export function saveUploadUrls(db: Db, rows: readonly { sha256: string; size: number; url: string }[], at: number): void {
  if (rows.length === 0) return;
  db.transaction(() => {
    for (const r of rows) saveUploadUrl(db, r.sha256, r.size, r.url, at);
  });
}

export function saveUploadOffset(db: Db, sha256: string, offset: number, at: number): void {
  db.$client
    .prepare('UPDATE uploads SET offset = ?, updated_at = ? WHERE sha256 = ? AND offset <> ?')
    .run(offset, at, sha256, offset);
}

export function addBytesSent(db: Db, sha256: string, bytes: number, at: number): void {
  if (bytes > 0)
    db.$client
      .prepare('UPDATE uploads SET bytes_sent = bytes_sent + ?, updated_at = ? WHERE sha256 = ?')
      .run(bytes, at, sha256);
}

export function markUploadComplete(
  db: Db,
  u: { sha256: string; size: number; uploadUrl: string; bytesSent: number },
  at: number,
): void {
  db.$client
    .prepare(
      `INSERT INTO uploads (sha256, size, upload_url, offset, state, bytes_sent, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'complete', ?, ?, ?)
       ON CONFLICT(sha256) DO UPDATE SET state = 'complete', upload_url = excluded.upload_url, offset = excluded.size,
         bytes_sent = bytes_sent + excluded.bytes_sent, updated_at = excluded.updated_at`,
    )
    .run(u.sha256, u.size, u.uploadUrl, u.size, u.bytesSent, at, at);
}

/**
 * The portal says it lacks these files: they are uploaded again, but at their recorded URL. The next attempt asks the
 * portal where each stands (HEAD): it resumes what the portal holds and creates a new upload only for one it says is
 * gone (404/410), instead of sending every byte again.
 */
export function reopenUploads(db: Db, sha256s: readonly string[], at: number): void {
  const stmt = db.$client.prepare("UPDATE uploads SET state = 'open', updated_at = ? WHERE sha256 = ?");
  for (const sha of sha256s) stmt.run(at, sha);
}

/** The portal dropped this upload as damaged (sha256 mismatch, 410): the next attempt creates a new one. */
export function dropUpload(db: Db, sha256: string, at: number): void {
  db.$client
    .prepare("UPDATE uploads SET state = 'open', upload_url = NULL, offset = 0, updated_at = ? WHERE sha256 = ?")
    .run(at, sha256);
}
