// bench:backup data: an encrypted office data folder (real set-up through the core), then dossiers and sealed page
// files written in bulk straight into its database and blob store (the router would take hours for 50,000 pages).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { toVietnamIsoDate } from '../../electron/common/format';
import { createAppCore } from '../../electron/core/app-core';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';
import { deriveDataKeys, loadOrCreateMasterKey } from '../../electron/core/crypto/keys';
import { silentLogger } from '../../electron/core/logger';
import { createBlobStore, type BlobStore } from '../../electron/core/storage/blob-store';
import { DATABASE_FILE } from '../../electron/core/storage/encryption-upgrade';
import { uuidv7 } from '../../electron/core/uuid';
import { makeRng, type Rng } from '../../tests/support/fake-citizen';
import { PROCEDURE, requiredComponents } from './sync-seed';

const DAY = 86_400_000;
/** what a dossier has become after a few weeks at a counter (most are with the portal; a few wait or are drafts) */
const STATUSES = ['completed', 'completed', 'completed', 'processing', 'received', 'submitted', 'result_ready', 'queued', 'draft', 'returned'] as const;

export type Office = { dataDir: string; folder: string };

/** A data folder as the app leaves it after set-up, with backups configured to `folder` and the recovery passphrase set. */
export async function createOffice(root: string, passphrase: string): Promise<Office> {
  const dataDir = join(root, 'data');
  const folder = join(root, 'usb');
  mkdirSync(folder, { recursive: true });
  const core = await createAppCore({ dataDir, resourcesDir: join(import.meta.dirname, '../../resources'), logger: silentLogger, ocr: false, vault: createDevKeyVault(dataDir) });
  const call = async <T>(name: string, session: string | null, input: unknown): Promise<T> => {
    const r = await core.router.dispatch(name, session, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  try {
    const admin = (
      await call<{ token: string }>('setup.complete', null, {
        office: { code: 'DL001', name: 'Điểm bưu điện đo sao lưu', address: 'Số 1 Đinh Tiên Hoàng, Hà Nội' },
        admin: { username: 'admin', fullName: 'Quản Trị Viên', password: 'sao-luu-do-thu-2026' },
      })
    ).token;
    await call('backup.configure', admin, { folder, daily: false, dailyAt: '17:30', afterDayClose: false, keepLast: 7 });
    await call('backup.setPassphrase', admin, { passphrase, confirm: passphrase });
  } finally {
    await core.close();
  }
  return { dataDir, folder };
}

export type Seeder = { db: Db; blobs: BlobStore; close(): void };

/** The folder's own database and page store, opened with its keys (the app is not running on it). */
export async function openSeeder(dataDir: string): Promise<Seeder> {
  const keys = deriveDataKeys(await loadOrCreateMasterKey(createDevKeyVault(dataDir), true));
  const db = openDatabase(join(dataDir, DATABASE_FILE), { key: keys.databaseHex });
  const blobs = createBlobStore(join(dataDir, 'blobs'), { fileKey: keys.files });
  return { db, blobs, close: () => closeDatabase(db) };
}

async function lanes<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** A scan's bytes: incompressible like a JPEG, its size drawn around `meanBytes` (0.5x..1.5x). */
function pageBytes(rng: Rng, meanBytes: number): Uint8Array {
  const bytes = randomBytes(Math.round(meanBytes * (0.5 + rng())));
  bytes.write('\xff\xd8\xff', 0, 'latin1');
  return bytes;
}

export type SeedPlan = { dossiers: number; pages: number; meanPageBytes: number; firstDay: number; days: number; seed: number; startSeq: number };

/**
 * `dossiers` dossiers over `days` working days from `firstDay`, `pages` pages spread over them (one each at least),
 * every page a distinct sealed file; three status events per dossier. Returns the page bytes written.
 */
export async function seedOffice(s: Seeder, plan: SeedPlan, onProgress?: (done: number) => void): Promise<number> {
  const rng = makeRng(plan.seed);
  const components = requiredComponents();
  const sqlite = s.db.$client;
  const agentId = (sqlite.prepare("SELECT id FROM users WHERE role = 'admin' LIMIT 1").get() as { id: string }).id;
  const perDay = Math.ceil(plan.dossiers / plan.days);
  let pagesLeft = plan.pages;
  let written = 0;
  const BATCH = 250;
  for (let start = 0; start < plan.dossiers; start += BATCH) {
    const rows: { i: number; at: number; pages: { sha: string; size: number }[] }[] = [];
    const files: Uint8Array[][] = [];
    for (let i = start; i < Math.min(plan.dossiers, start + BATCH); i++) {
      const left = plan.dossiers - i;
      // pages still to place, spread evenly with some spread per dossier (1..)
      const n = left === 1 ? Math.max(1, pagesLeft) : Math.max(1, Math.min(pagesLeft - (left - 1), Math.round((pagesLeft / left) * (0.4 + 1.2 * rng()))));
      pagesLeft -= n;
      files.push(Array.from({ length: n }, () => pageBytes(rng, plan.meanPageBytes)));
      rows.push({ i, at: plan.firstDay + Math.floor(i / perDay) * DAY + (i % perDay) * 240_000, pages: [] });
    }
    await lanes(rows, 8, async (row) => {
      for (const bytes of files[row.i - start] ?? []) {
        row.pages.push({ sha: await s.blobs.put(bytes), size: bytes.length });
        written += bytes.length;
      }
    });
    insertDossiers(s.db, rows, { agentId, components, statuses: STATUSES, rng, startSeq: plan.startSeq });
    onProgress?.(Math.min(plan.dossiers, start + BATCH));
  }
  return written;
}

function insertDossiers(
  db: Db,
  rows: { i: number; at: number; pages: { sha: string; size: number }[] }[],
  ctx: { agentId: string; components: ReturnType<typeof requiredComponents>; statuses: readonly string[]; rng: Rng; startSeq: number },
): void {
  const sqlite = db.$client;
  const dossier = sqlite.prepare(
    `INSERT INTO dossiers (id, local_code, procedure_code, procedure_name, mode, applicant, applicant_name_search,
       applicant_id_number, form_data, delivery, fee_vnd, status, created_by, created_at, updated_at, ready_at)
     VALUES (?, ?, ?, ?, 'online', ?, ?, ?, '{}', '{"method":"counter"}', 8000, ?, ?, ?, ?, ?)`,
  );
  const component = sqlite.prepare(
    `INSERT INTO dossier_components (dossier_id, kind, name, label, doc_key, required, ord) VALUES (?, 'submit', ?, ?, ?, 1, ?)`,
  );
  const blob = sqlite.prepare('INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)');
  const page = sqlite.prepare(
    `INSERT INTO pages (id, dossier_id, component_id, ord, blob_sha256, mime, size, width, height, source_name, created_at)
     VALUES (?, ?, ?, ?, ?, 'image/jpeg', ?, 1240, 1754, ?, ?)`,
  );
  const event = sqlite.prepare(`INSERT INTO status_events (dossier_id, from_status, to_status, actor_id, source, message, at) VALUES (?, ?, ?, ?, 'local', NULL, ?)`);
  db.transaction(() => {
    for (const r of rows) {
      const id = uuidv7(r.at);
      const day = toVietnamIsoDate(r.at).replace(/-/g, '').slice(2);
      const status = ctx.statuses[Math.floor(ctx.rng() * ctx.statuses.length)] ?? 'completed';
      const idNumber = `0010${String(90_000_000 + ctx.startSeq + r.i).padStart(8, '0')}`;
      const applicant = { fullName: `Nguyễn Văn Thử ${r.i}`, idNumber, dateOfBirth: '1980-01-01', address: `Số ${String(r.i % 300)} Hàng Bạc, Hà Nội`, phone: '0912345678' };
      dossier.run(id, `DL001-01-${day}-${String(ctx.startSeq + r.i).padStart(5, '0')}`, PROCEDURE.code, PROCEDURE.name, JSON.stringify(applicant), `nguyen van thu ${r.i}`, idNumber, status, ctx.agentId, r.at, r.at, status === 'draft' ? null : r.at);
      const componentIds = ctx.components.map((c, ord) => Number(component.run(id, c.name, c.label, c.docKey, ord).lastInsertRowid));
      r.pages.forEach((p, ord) => {
        blob.run(p.sha, p.size, 'image/jpeg', r.at);
        page.run(uuidv7(r.at), id, componentIds[ord % componentIds.length], ord, p.sha, p.size, `trang-${ord + 1}.jpg`, r.at);
      });
      event.run(id, null, 'draft', ctx.agentId, r.at);
      if (status !== 'draft') event.run(id, 'draft', 'ready', ctx.agentId, r.at + 60_000);
      if (status !== 'draft') event.run(id, 'ready', status, ctx.agentId, r.at + 120_000);
    }
  });
}

/** Bytes under a folder (the data folder, the backup set). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const s = statSync(join(dir, String(name)));
    if (s.isFile()) total += s.size;
  }
  return total;
}
