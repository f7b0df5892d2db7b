// Sync bench/test data: an app database with an agent, a procedure the simulator knows, and queued dossiers with page blobs.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client';
import { documentsForCase, mustHave, requirementIn } from '../../electron/common/checklist';
import { createBlobStore, type BlobStore } from '../../electron/core/storage/blob-store';
import { queueDossier } from '../../electron/core/sync/outbox';
import { uuidv7 } from '../../electron/core/uuid';
import { findProcedure, loadSimCatalog } from '../portal-sim/catalog';

export const AGENT_ID = 'user-agent-1';
/** a procedure of the simulator's default catalog (the one the app ships), filed online */
export const PROCEDURE = { code: '2.000635', name: 'Cấp bản sao trích lục hộ tịch' };

export type SeedComponent = { docKey: string; name: string; label: string | null };

/**
 * The documents the simulator asks for when this procedure is filed online, read from its own catalog with the app's
 * checklist rules: the seeded dossiers pass its checks whatever the shipped catalog says today.
 */
export function requiredComponents(code = PROCEDURE.code): SeedComponent[] {
  const procedure = findProcedure(loadSimCatalog(undefined), code);
  if (!procedure) throw new Error(`sync seed: the simulator's catalog has no procedure ${code}`);
  const docs = documentsForCase(procedure, procedure.cases[0]?.key ?? null).filter(
    (d) => d.kind === 'submit' && mustHave(requirementIn(d, 'online'), false),
  );
  if (docs.length === 0) throw new Error(`sync seed: procedure ${code} asks for no document online`);
  return docs.map((d) => ({ docKey: d.key, name: d.name, label: d.label }));
}

export type AppFixture = { dataDir: string; dbPath: string; db: Db; blobs: BlobStore };

export function openApp(dataDir: string): AppFixture {
  mkdirSync(dataDir, { recursive: true });
  const dbPath = join(dataDir, 'dai-ly-dvc.sqlite');
  const db = openDatabase(dbPath);
  const blobs = createBlobStore(join(dataDir, 'blobs'));
  const sqlite = db.$client;
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO users (id, username, full_name, role, password_hash, created_at)
       VALUES (?, 'agent1', 'Nhân viên Một', 'agent', 'x', 0)`,
    )
    .run(AGENT_ID);
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO procedures (code, name, search_text, source, catalog_version) VALUES (?, ?, ?, 'national', 'test')`,
    )
    .run(PROCEDURE.code, PROCEDURE.name, `${PROCEDURE.code} cap ban sao trich luc ho tich`);
  return { dataDir, dbPath, db, blobs };
}

export type SeedOptions = {
  dossiers: number;
  pages: number;
  /** page size in bytes, or [min, max) */
  pageBytes: number | [number, number];
  /** queue each dossier right away (default true) */
  queue?: boolean;
  /** a counter for local codes that stays unique across calls */
  startIndex?: number;
};

export type SeededDossier = {
  id: string;
  localCode: string;
  shas: string[];
  bytes: number;
  key: string | null;
};

let seq = 0;

function sizeOf(p: SeedOptions['pageBytes']): number {
  if (typeof p === 'number') return p;
  return p[0] + Math.floor(Math.random() * (p[1] - p[0]));
}

/** Ready dossiers, each with `pages` pages of random bytes (so every page is a distinct blob). */
export async function seedDossiers(app: AppFixture, opts: SeedOptions): Promise<SeededDossier[]> {
  const out: SeededDossier[] = [];
  const sqlite = app.db.$client;
  const components = requiredComponents();
  const caseKey = findProcedure(loadSimCatalog(undefined), PROCEDURE.code)?.cases[0]?.key ?? null;
  for (let i = 0; i < opts.dossiers; i++) {
    seq += 1;
    const now = Date.now();
    const id = uuidv7(now);
    const localCode = `DL001-TEST-${String((opts.startIndex ?? 0) + seq).padStart(6, '0')}-${randomBytes(2).toString('hex')}`;
    const shas: string[] = [];
    const files: { sha: string; size: number }[] = [];
    for (let p = 0; p < opts.pages; p++) {
      const bytes = randomBytes(sizeOf(opts.pageBytes));
      bytes.write('\xff\xd8\xff', 0, 'latin1');
      const sha = await app.blobs.put(bytes);
      shas.push(sha);
      files.push({ sha, size: bytes.length });
    }
    app.db.transaction(() => {
      sqlite
        .prepare(
          `INSERT INTO dossiers (id, local_code, procedure_code, procedure_name, mode, applicant, applicant_name_search,
             applicant_id_number, form_data, delivery, fee_vnd, status, created_by, created_at, updated_at, ready_at, case_key)
           VALUES (?, ?, ?, ?, 'online', ?, 'nguyen van thu', '001099012345', '{}', '{"method":"counter"}', 8000, 'ready', ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          localCode,
          PROCEDURE.code,
          PROCEDURE.name,
          JSON.stringify({ fullName: 'Nguyễn Văn Thử', idNumber: '001099012345', address: 'Hà Nội' }),
          AGENT_ID,
          now,
          now,
          now,
          caseKey,
        );
      const componentIds = components.map((c, ord) =>
        Number(
          sqlite
            .prepare(
              `INSERT INTO dossier_components (dossier_id, kind, name, label, doc_key, case_key, required, ord)
               VALUES (?, 'submit', ?, ?, ?, ?, 1, ?)`,
            )
            .run(id, c.name, c.label, c.docKey, caseKey, ord).lastInsertRowid,
        ),
      );
      files.forEach((f, p) => {
        sqlite
          .prepare('INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)')
          .run(f.sha, f.size, 'image/jpeg', now);
        sqlite
          .prepare(
            `INSERT INTO pages (id, dossier_id, component_id, ord, blob_sha256, mime, size, width, height, source_name, created_at)
             VALUES (?, ?, ?, ?, ?, 'image/jpeg', ?, 1000, 1400, ?, ?)`,
          )
          // pages spread over the required documents, each gets at least one when there are enough pages
          .run(uuidv7(now), id, componentIds[p % componentIds.length], p, f.sha, f.size, `trang-${p + 1}.jpg`, now);
      });
    });
    let key: string | null = null;
    if (opts.queue !== false)
      key = queueDossier(app.db, {
        dossierId: id,
        actorId: AGENT_ID,
        at: now,
        newKey: () => uuidv7(),
      }).idempotencyKey;
    // in submission order: document by document, pages in order
    const n = components.length;
    const ordered = shas.map((sha, p) => ({ sha, p })).sort((a, b) => (a.p % n) - (b.p % n) || a.p - b.p);
    out.push({ id, localCode, shas: ordered.map((x) => x.sha), bytes: files.reduce((t, f) => t + f.size, 0), key });
  }
  return out;
}

export type OutboxCounts = { pending: number; acknowledged: number; needsFix: number; total: number };

export function outboxCounts(db: Db): OutboxCounts {
  const rows = db.$client.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as {
    state: string;
    n: number;
  }[];
  const get = (s: string) => rows.find((r) => r.state === s)?.n ?? 0;
  return {
    pending: get('pending'),
    acknowledged: get('acknowledged'),
    needsFix: get('needs_fix'),
    total: rows.reduce((a, r) => a + r.n, 0),
  };
}
