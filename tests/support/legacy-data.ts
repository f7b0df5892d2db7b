// A data folder as versions before encryption left it: plaintext SQLite (+ an unapplied WAL, as after a crash), plain blobs.
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeDatabase } from '../../db/client';
import { foldVietnamese } from '../../electron/common/text';
import { openApp, seedDossiers, type SeededDossier } from '../../scripts/bench/sync-seed';
import type { Canary } from './canary';

export type LegacyCanary = { dossierId: string; pageId: string; ocrText: string; pageSha: string };

/**
 * Writes through the code path of the plaintext versions (openDatabase without a key: every migration; the blob store
 * without a key: the same content-addressed files) a dossier of canary citizen `c` with an OCR'd canary page, then
 * copies the database while its last commits are still only in the WAL: what a kill or power cut leaves.
 */
export async function makeLegacyCanaryFolder(dataDir: string, c: Canary, pageImage: Uint8Array, ocrText: string): Promise<LegacyCanary> {
  const stage = `${dataDir}-stage`;
  const app = openApp(stage);
  const [d] = (await seedDossiers(app, { dossiers: 1, pages: 1, pageBytes: 20_000, queue: false })) as [SeededDossier];
  const sha = await app.blobs.put(pageImage);
  const sqlite = app.db.$client;
  const pageId = (sqlite.prepare('SELECT id FROM pages WHERE dossier_id = ? ORDER BY ord LIMIT 1').get(d.id) as { id: string }).id;
  sqlite.pragma('wal_autocheckpoint = 0'); // the canary rows stay in the WAL
  app.db.transaction(() => {
    sqlite.prepare("INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, 'image/jpeg', ?)").run(sha, pageImage.length, Date.now());
    sqlite
      .prepare(
        `UPDATE pages SET blob_sha256 = ?, size = ?, width = 1400, height = 700, source_name = ?, ocr_status = 'done',
           ocr_text = ?, ocr_confidence = 90 WHERE id = ?`,
      )
      .run(sha, pageImage.length, c.fileName, ocrText, pageId);
    sqlite
      .prepare('UPDATE dossiers SET applicant = ?, applicant_name_search = ?, applicant_id_number = ? WHERE id = ?')
      .run(
        JSON.stringify({ fullName: c.fullName, idNumber: c.idNumber, dateOfBirth: c.dateOfBirth, sex: c.sex, address: c.address, phone: c.phone, email: c.email }),
        foldVietnamese(c.fullName),
        c.idNumber,
        d.id,
      );
  });
  mkdirSync(dataDir, { recursive: true });
  for (const suffix of ['', '-wal']) copyFileSync(join(stage, `dai-ly-dvc.sqlite${suffix}`), join(dataDir, `dai-ly-dvc.sqlite${suffix}`));
  cpSync(join(stage, 'blobs'), join(dataDir, 'blobs'), { recursive: true });
  closeDatabase(app.db);
  rmSync(stage, { recursive: true, force: true });
  return { dossierId: d.id, pageId, ocrText, pageSha: sha };
}
