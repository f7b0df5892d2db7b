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

export function ensureUpload(db: Db, sha256: string, size: number, at: number): UploadRow {
  db.$client
    .prepare(
      `INSERT INTO uploads (sha256, size, offset, state, bytes_sent, created_at, updated_at) VALUES (?, ?, 0, 'open', 0, ?, ?)
       ON CONFLICT(sha256) DO NOTHING`,
    )
    .run(sha256, size, at, at);
  const row = getUpload(db, sha256);
  if (!row) throw new Error('upload row vanished');
  return row;
}

/** Committed before any byte of the new upload is sent: after a crash the upload resumes at this URL. */
export function saveUploadUrl(db: Db, sha256: string, url: string, at: number): void {
  db.$client
    .prepare('UPDATE uploads SET upload_url = ?, offset = 0, updated_at = ? WHERE sha256 = ?')
    .run(url, at, sha256);
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
  sha256: string,
  uploadUrl: string,
  bytesSent: number,
  at: number,
): void {
  db.$client
    .prepare(
      `UPDATE uploads SET state = 'complete', upload_url = ?, offset = size, bytes_sent = bytes_sent + ?, updated_at = ?
       WHERE sha256 = ?`,
    )
    .run(uploadUrl, bytesSent, at, sha256);
}

/** The portal no longer has these files (it said "file missing"): upload them again from scratch. */
export function forgetUploads(db: Db, sha256s: readonly string[], at: number): void {
  const stmt = db.$client.prepare(
    "UPDATE uploads SET state = 'open', upload_url = NULL, offset = 0, updated_at = ? WHERE sha256 = ?",
  );
  for (const sha of sha256s) stmt.run(at, sha);
}
