// Carries out a retention plan: page images replaced by a placeholder, OCR text and applicant data scrubbed, freed blobs deleted.
import sharp from 'sharp';
import type { Db } from '../../../db/client';
import type { BlobStore } from '../storage/blob-store';
import { blobsFreedBy, type DossierPlan } from './retention-plan';

/*
 * Why a placeholder and not deleting the page rows: the rows are the skeleton that counts need (pages per document on
 * the receipt and in the lists, the dashboard's "missing scans" indicator of past periods); a page row must point at a
 * blob (pages.blob_sha256 -> blobs). So a purged page keeps its row (kind, order, slot, date) and points at one shared,
 * blank placeholder image; `purged_at` says why it is blank. Its file name goes (it may carry a name), and so does its
 * OCR text.
 */
const PLACEHOLDER = { width: 240, height: 340 };
let placeholderBytes: Promise<Uint8Array> | null = null;

function placeholder(): Promise<Uint8Array> {
  placeholderBytes ??= sharp({
    create: { width: PLACEHOLDER.width, height: PLACEHOLDER.height, channels: 3, background: '#e5e7eb' },
  })
    .png()
    .toBuffer()
    .then((b) => new Uint8Array(b));
  return placeholderBytes;
}

export const PURGED_SOURCE_NAME = 'Đã xoá theo thời hạn lưu trữ';

export type PurgeOutcome = { pagesPurged: number; ocrScrubbed: number; applicants: number; blobsDeleted: number; blobsKeptShared: number };

/** The placeholder blob, stored once (content-addressed: the same bytes, the same row). */
async function ensurePlaceholder(db: Db, blobs: BlobStore, now: number): Promise<{ sha: string; size: number }> {
  const bytes = await placeholder();
  const sha = await blobs.put(bytes);
  db.$client
    .prepare('INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)')
    .run(sha, bytes.length, 'image/png', now);
  return { sha, size: bytes.length };
}

/** Applicant data out of a dossier; what reports and the day close read (codes, dates, amounts, status, mode) stays. */
function scrubApplicant(db: Db, dossierId: string, now: number): void {
  db.$client
    .prepare(
      `UPDATE dossiers SET applicant = '{}', applicant_name_search = '', applicant_id_number = '', form_data = '{}',
              subject_name = NULL, delivery = json_object('method', coalesce(json_extract(delivery, '$.method'), 'counter')),
              personal_data_purged_at = ?
        WHERE id = ?`,
    )
    .run(now, dossierId);
  // the search index follows through its trigger (dossier_search_au; FTS5 secure-delete, migration 0009)
  db.$client.prepare("UPDATE contact_attempts SET note = '' WHERE dossier_id = ?").run(dossierId);
  // the frozen submission body holds the applicant and the form: a dossier that ended is never sent again
  db.$client.prepare('UPDATE outbox SET body = NULL WHERE dossier_id = ?').run(dossierId);
}

/**
 * Runs the plans in one transaction, then deletes the blob files no page uses any more. A crash after the commit and
 * before a file is removed leaves a file without a row, which the start-up integrity check removes.
 */
export async function executePlans(db: Db, blobs: BlobStore, plans: readonly DossierPlan[], now: number): Promise<PurgeOutcome> {
  const pageIds = plans.flatMap((p) => p.pageIds);
  const ph = pageIds.length > 0 ? await ensurePlaceholder(db, blobs, now) : null;
  const { outcome, freed } = db.transaction(() => {
    // decided inside the transaction: a page re-used into a live dossier a moment ago keeps its blob
    const { freed: toFree, shared } = blobsFreedBy(db, pageIds);
    const purgePage = db.$client.prepare(
      `UPDATE pages SET blob_sha256 = ?, mime = 'image/png', size = ?, width = ?, height = ?, rotation = 0,
              source_name = ?, ocr_text = NULL, ocr_words = NULL, ocr_status = 'done', purged_at = ?
        WHERE id = ? AND purged_at IS NULL`,
    );
    const dropJob = db.$client.prepare("DELETE FROM jobs WHERE kind = 'ocr' AND ref_id = ?");
    const scrubOcr = db.$client.prepare('UPDATE pages SET ocr_text = NULL, ocr_words = NULL WHERE id = ?');
    let pagesPurged = 0;
    let ocrScrubbed = 0;
    let applicants = 0;
    for (const plan of plans) {
      for (const id of plan.pageIds) {
        if (!ph) break;
        pagesPurged += purgePage.run(ph.sha, ph.size, PLACEHOLDER.width, PLACEHOLDER.height, PURGED_SOURCE_NAME, now, id).changes;
        dropJob.run(id);
      }
      for (const id of plan.ocrPageIds) ocrScrubbed += scrubOcr.run(id).changes;
      if (plan.applicant) {
        scrubApplicant(db, plan.dossier.id, now);
        applicants++;
      }
    }
    const dropBlob = db.$client.prepare('DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM pages WHERE blob_sha256 = ?)');
    const gone = toFree.filter((sha) => dropBlob.run(sha, sha).changes === 1);
    return {
      outcome: { pagesPurged, ocrScrubbed, applicants, blobsDeleted: gone.length, blobsKeptShared: shared },
      freed: gone,
    };
  });
  for (const sha of freed) await blobs.remove(sha);
  return outcome;
}
