// Start-up check between blob files and rows: removes files no committed row refers to, reports rows whose file is gone.
import type { Db } from '../../../db/client';
import type { Logger } from '../ports';
import { clearBlobTemp, type BlobStore } from './blob-store';

export type IntegrityReport = {
  tempFilesRemoved: number;
  orphanFilesRemoved: number;
  unreferencedRowsRemoved: number;
  missingFiles: string[];
};

export async function checkStorageIntegrity(db: Db, blobs: BlobStore, root: string, logger: Logger): Promise<IntegrityReport> {
  const tempFilesRemoved = await clearBlobTemp(root);
  const sqlite = db.$client;
  // a blob row no page uses any more (its pages were deleted): drop the row, then its file below
  const unreferenced = sqlite
    .prepare('DELETE FROM blobs WHERE sha256 NOT IN (SELECT blob_sha256 FROM pages) RETURNING sha256')
    .all() as { sha256: string }[];
  const rows = new Set((sqlite.prepare('SELECT sha256 FROM blobs').all() as { sha256: string }[]).map((r) => r.sha256));
  const files = new Set(await blobs.list());
  let orphanFilesRemoved = 0;
  for (const sha of files) {
    if (!rows.has(sha)) {
      // written before a crash, never committed (or its pages were deleted): nothing refers to it
      await blobs.remove(sha);
      orphanFilesRemoved++;
    }
  }
  const missingFiles = [...rows].filter((sha) => !files.has(sha));
  if (missingFiles.length > 0) logger.error('blob rows without files', { count: missingFiles.length });
  const report = { tempFilesRemoved, orphanFilesRemoved, unreferencedRowsRemoved: unreferenced.length, missingFiles };
  if (tempFilesRemoved + orphanFilesRemoved + unreferenced.length > 0) logger.info('storage integrity repaired', { ...report, missingFiles: missingFiles.length });
  return report;
}

/**
 * Reads every given blob through the store, each chunk authenticated: the sha256s whose file is missing, was altered,
 * or is sealed under another key. For an admin's check or before a backup; too slow for every start.
 */
export async function findDamagedBlobs(blobs: BlobStore, shas: Iterable<string>): Promise<string[]> {
  const damaged: string[] = [];
  for (const sha of shas) if ((await blobs.hashOf(sha)) !== sha) damaged.push(sha);
  return damaged;
}
