// The database part of a backup: a consistent copy under another key (VACUUM INTO), its test open, and the way back.
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyKey } from '../../../db/client';
import { AppError } from '../../common/errors';

/*
 * Measured with SQLite3 Multiple Ciphers (the notes in platform-facts, and .scratch experiments):
 * - the backup API refuses a keyed source with a differently keyed destination, and PRAGMA rekey refuses WAL mode;
 * - VACUUM INTO writes its target under the key of the connection's *main* database, whatever schema it vacuums.
 * So a "holder" connection keyed with the target's key (an empty file of its own, never written: keys are refused for
 * :memory:) attaches the source with the source's key and vacuums it into the target. The copy is a consistent
 * snapshot (one read transaction; writers on other connections carry on under WAL), never plaintext on disk, and
 * compact. SQLite does not fsync a VACUUM INTO target, so this does.
 */

export type SqliteKey = string | null; // 64 hex digits, or null for a plaintext database (tools and benches)

function keyLiteral(key: SqliteKey): string {
  return key === null ? '' : `x'${key}'`;
}

type Holder = { db: Database.Database; path: string };

function openHolder(workDir: string, key: SqliteKey, nativeBinding?: string): Holder {
  const path = join(workDir, `holder-${String(process.pid)}-${String(Date.now())}.sqlite`);
  rmSync(path, { force: true });
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  try {
    if (key !== null) applyKey(db, key);
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, path };
}

function closeHolder(h: Holder): void {
  h.db.close();
  rmSync(h.path, { force: true });
}

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Copies `source` (under `sourceKey`) to the new file `target` under `targetKey`, consistent as of one moment. */
export function copyDatabase(opts: {
  source: string;
  sourceKey: SqliteKey;
  target: string;
  targetKey: SqliteKey;
  workDir: string;
  nativeBinding?: string;
}): void {
  rmSync(opts.target, { force: true });
  const h = openHolder(opts.workDir, opts.targetKey, opts.nativeBinding);
  try {
    h.db.prepare('ATTACH DATABASE ? AS src KEY ?').run(opts.source, keyLiteral(opts.sourceKey));
    h.db.prepare('VACUUM src INTO ?').run(opts.target);
    h.db.exec('DETACH DATABASE src');
  } finally {
    closeHolder(h);
  }
  fsyncPath(opts.target);
}

export type SnapshotFacts = {
  tables: Record<string, number>;
  blobs: { sha256: string; size: number }[];
  dossiers: number;
  pages: number;
  lastDossierAt: number | null;
  lastClosedDay: string | null;
  pendingSync: number;
  migrations: { count: number; lastAt: number };
};

function has(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

function num(db: Database.Database, sql: string): number {
  return Number((db.prepare(sql).get() as { n: number | null }).n ?? 0);
}

/** Row counts of every ordinary table (FTS shadow tables included, the virtual tables themselves not). */
export function tableCounts(db: Database.Database): Record<string, number> {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(names.map(({ name }) => [name, num(db, `SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`)]));
}

/** What a snapshot holds, read from the snapshot itself (so the page list matches the rows exactly). */
export function readFacts(db: Database.Database): SnapshotFacts {
  const migrations = has(db, '__drizzle_migrations')
    ? (db.prepare('SELECT count(*) AS count, max(created_at) AS lastAt FROM __drizzle_migrations').get() as { count: number; lastAt: number | null })
    : { count: 0, lastAt: null };
  return {
    tables: tableCounts(db),
    blobs: db.prepare('SELECT sha256, size FROM blobs ORDER BY sha256').all() as { sha256: string; size: number }[],
    dossiers: num(db, 'SELECT count(*) AS n FROM dossiers'),
    pages: num(db, 'SELECT count(*) AS n FROM pages'),
    lastDossierAt: (db.prepare('SELECT max(created_at) AS n FROM dossiers').get() as { n: number | null }).n,
    lastClosedDay: has(db, 'day_closures') ? ((db.prepare('SELECT max(date) AS d FROM day_closures').get() as { d: string | null }).d ?? null) : null,
    pendingSync: has(db, 'outbox') ? num(db, "SELECT count(*) AS n FROM outbox WHERE state = 'pending'") : 0,
    migrations: { count: migrations.count, lastAt: Number(migrations.lastAt ?? 0) },
  };
}

/** Opens a copy with its key, checks it completely (integrity_check) and reads its facts. Read-only. */
export function testOpen(path: string, key: SqliteKey, nativeBinding?: string): SnapshotFacts {
  const db = new Database(path, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (key !== null) applyKey(db, key);
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new AppError('BACKUP_DAMAGED', { reason: `cơ sở dữ liệu: ${String(ok)}` });
    return readFacts(db);
  } finally {
    db.close();
  }
}
