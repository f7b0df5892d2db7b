// openDatabase(path, opts): opens SQLite with durable pragmas (asserted), applies migrations. No electron import.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema> & { $client: Database.Database };

export type OpenDatabaseOptions = {
  /** folder with drizzle-kit migrations; defaults to db/migrations beside this file */
  migrationsFolder?: string;
  /** path of an Electron-ABI better_sqlite3.node (Electron main passes it; Node uses the package's own) */
  nativeBinding?: string;
  readonly?: boolean;
};

export function defaultMigrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'migrations'), join(here, '..', 'db', 'migrations')];
  return candidates.find((dir) => existsSync(join(dir, 'meta', '_journal.json'))) ?? join(here, 'migrations');
}

/**
 * WAL for concurrent readers; synchronous=FULL because better-sqlite3 is compiled with
 * SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a reopened WAL database would otherwise silently run at NORMAL
 * and a power cut could lose an acknowledged intake (../shared/notes/platform-facts.md).
 */
export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  assertPragmas(sqlite);
}

export function assertPragmas(sqlite: Database.Database): void {
  const journal = sqlite.pragma('journal_mode', { simple: true });
  const sync = sqlite.pragma('synchronous', { simple: true });
  const fk = sqlite.pragma('foreign_keys', { simple: true });
  if (journal !== 'wal' || sync !== 2 || fk !== 1) {
    throw new Error(`database pragmas not applied: journal_mode=${String(journal)} synchronous=${String(sync)} foreign_keys=${String(fk)}`);
  }
}

export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Db {
  const sqlite = new Database(path, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  applyPragmas(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: opts.migrationsFolder ?? defaultMigrationsFolder() });
  assertPragmas(sqlite);
  return db;
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}
