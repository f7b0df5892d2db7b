// Schema migrations, all or nothing: one transaction for the whole run, foreign keys checked, a copy taken before.
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { AppError } from '../electron/common/errors';

/*
 * Same bookkeeping as drizzle's migrator (table __drizzle_migrations, one row per migration with the file's sha256 and
 * the journal's `when`), so databases migrated by earlier versions carry on. What it adds:
 * - foreign_keys is switched OFF for the run (it cannot change inside a transaction) and PRAGMA foreign_key_check must
 *   find no new dangling reference before COMMIT. This is SQLite's own procedure for schema changes: drizzle-kit
 *   rebuilds a table as CREATE __new_x / INSERT / DROP x / RENAME, and its "PRAGMA foreign_keys=OFF" line is a no-op
 *   inside drizzle's transaction, so with foreign keys ON the DROP is an implicit DELETE FROM x that deletes the rows
 *   referencing x ON DELETE CASCADE (outbox) and fails on the others (measured on this schema with drizzle's migrator:
 *   "FOREIGN KEY constraint failed", so no rebuild of `dossiers` could ever ship).
 * - a database written by a newer version (a migration this version does not know) is refused, not opened.
 * - a failure rolls the whole run back and is reported in Vietnamese with the step that failed (MIGRATION_FAILED).
 * - before a run that changes a database holding data, `beforeMigrate` is called (a VACUUM INTO copy, db/client.ts).
 */

export type PendingMigration = { tag: string; when: number };

type Journal = { entries: { idx: number; when: number; tag: string }[] };

export type MigrateOptions = {
  migrationsFolder: string;
  /** called once, before the transaction, when migrations are pending and the database already holds tables */
  beforeMigrate?(pending: PendingMigration[]): void;
};

const TABLE = '__drizzle_migrations';

function hasUserTables(sqlite: Database.Database): boolean {
  const row = sqlite
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?")
    .get(TABLE) as { n: number };
  return row.n > 0;
}

function violations(sqlite: Database.Database): string[] {
  const rows = sqlite.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string; fkid: number }[];
  return rows.map((r) => `${r.table}#${String(r.rowid)}->${r.parent}`);
}

/** Runs the pending migrations; returns what it applied. */
export function migrateSafely(sqlite: Database.Database, opts: MigrateOptions): PendingMigration[] {
  const migrations = readMigrationFiles({ migrationsFolder: opts.migrationsFolder });
  const journal = JSON.parse(readFileSync(join(opts.migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const tagOf = new Map(journal.entries.map((e) => [e.when, e.tag]));
  sqlite.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  const applied = sqlite.prepare(`SELECT created_at AS at FROM "${TABLE}" ORDER BY created_at`).all() as { at: number | string }[];
  const last = applied.length > 0 ? Number(applied[applied.length - 1]?.at) : -1;
  const newest = migrations.length > 0 ? Math.max(...migrations.map((m) => m.folderMillis)) : -1;
  if (last > newest) {
    throw new AppError('DATABASE_NEWER_VERSION', { step: String(applied.length) });
  }
  const pending = migrations.filter((m) => m.folderMillis > last);
  if (pending.length === 0) return [];
  const steps = pending.map((m) => ({ tag: tagOf.get(m.folderMillis) ?? String(m.folderMillis), when: m.folderMillis }));
  if (hasUserTables(sqlite)) opts.beforeMigrate?.(steps);

  const insert = sqlite.prepare(`INSERT INTO "${TABLE}" ("hash", "created_at") VALUES (?, ?)`);
  let step = steps[0]?.tag ?? '';
  // dangling references the data already had are not this run's doing: only new ones stop it
  const before = new Set(violations(sqlite));
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    for (const [i, m] of pending.entries()) {
      step = steps[i]?.tag ?? step;
      for (const statement of m.sql) if (statement.trim() !== '') sqlite.exec(statement);
      insert.run(m.hash, m.folderMillis);
    }
    const broken = violations(sqlite).filter((v) => !before.has(v));
    if (broken.length > 0) throw new Error(`${String(broken.length)} dòng tham chiếu tới dữ liệu không còn (${broken[0] ?? ''})`);
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('MIGRATION_FAILED', { step, reason });
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return steps;
}
