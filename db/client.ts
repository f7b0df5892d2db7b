// openDatabase(path, opts): opens SQLite (encrypted when given a key) with durable, private pragmas (asserted), migrates.
// 'better-sqlite3' is an npm alias of better-sqlite3-multiple-ciphers (package.json): same API and native path, so
// drizzle, the Electron-ABI build (scripts/postinstall.mjs), asarUnpack and CI all keep working. No electron import.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrateSafely } from './migrate-safely';
import { copyBeforeMigration } from './pre-migration-copy';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../electron/common/errors';
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
  /**
   * SQLCipher raw key, 64 hex digits (electron/core/crypto/keys.ts derives it from the master key). Absent: a plaintext
   * database, for tools and tests of other parts only; the app (app-core) always passes one.
   */
  key?: string;
};

/** SQLCipher 4 page format (AES-256-CBC + HMAC-SHA512 per page): readable by the sqlcipher tool and DB Browser. */
export const DATABASE_CIPHER = { cipher: 'sqlcipher', legacy: 4 } as const;

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type DatabaseFileState = 'absent' | 'empty' | 'plaintext' | 'encrypted';

/**
 * What is on disk. A keyed database that was never written is 0 bytes (and would read as plaintext), so 'empty' says
 * nothing either way; a written one starts with the cipher's random salt instead of "SQLite format 3".
 */
export function databaseFileState(path: string): DatabaseFileState {
  if (!existsSync(path)) return 'absent';
  const fd = openSync(path, 'r');
  try {
    if (fstatSync(fd).size === 0) return 'empty';
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.equals(PLAINTEXT_HEADER) ? 'plaintext' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

/** Keys a connection: cipher settings first, then the raw key (no passphrase KDF: the key is already 256 random bits). */
export function applyKey(sqlite: Database.Database, keyHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new AppError('DATA_KEY_UNREADABLE', { reason: 'key format' });
  sqlite.pragma(`cipher = '${DATABASE_CIPHER.cipher}'`);
  sqlite.pragma(`legacy = ${String(DATABASE_CIPHER.legacy)}`);
  sqlite.pragma(`key = "x'${keyHex}'"`);
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    // SQLITE_NOTADB: another key, or not an encrypted database of ours
    throw new AppError('DATA_KEY_UNREADABLE', { reason: error instanceof Error ? error.message : String(error) });
  }
}

/** Creates the file empty with mode 0600 first: SQLite gives its -wal and -shm files the database file's mode. */
function createPrivately(path: string): void {
  if (path === ':memory:' || path === '' || existsSync(path)) return;
  closeSync(openSync(path, 'a', 0o600));
}

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
  // deleted rows and freed pages are overwritten with zeros: a removed page's OCR text or an overwritten name is gone
  sqlite.pragma('secure_delete = ON');
  // sorts, temp tables and statement journals stay in memory: SQLite would write them plaintext to the OS temp folder
  sqlite.pragma('temp_store = MEMORY');
  // 64 MiB of page cache, taken only as pages are read: under the cipher each page that falls out of SQLite's cache is
  // decrypted again on its next read. With the default 2 MiB the dashboard's period.online count cost 3.6x plaintext on
  // 20,000 dossiers (a 75 MB file); with 64 MiB, 1.0x (issue 11, scripts/bench/crypto-cost.ts; docs/BENCHMARKS.md)
  sqlite.pragma('cache_size = -65536');
  assertPragmas(sqlite);
}

export function assertPragmas(sqlite: Database.Database): void {
  const journal = sqlite.pragma('journal_mode', { simple: true });
  const sync = sqlite.pragma('synchronous', { simple: true });
  const fk = sqlite.pragma('foreign_keys', { simple: true });
  const secureDelete = sqlite.pragma('secure_delete', { simple: true });
  const tempStore = sqlite.pragma('temp_store', { simple: true });
  if (journal !== 'wal' || sync !== 2 || fk !== 1 || secureDelete !== 1 || tempStore !== 2) {
    throw new Error(
      `database pragmas not applied: journal_mode=${String(journal)} synchronous=${String(sync)} foreign_keys=${String(fk)} secure_delete=${String(secureDelete)} temp_store=${String(tempStore)}`,
    );
  }
}

export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Db {
  if (opts.key !== undefined && databaseFileState(path) === 'plaintext') {
    // keying a plaintext file fails with "file is not a database": it must be encrypted first (db/encrypt-in-place.ts)
    throw new AppError('DATA_KEY_UNREADABLE', { reason: 'plaintext database' });
  }
  createPrivately(path);
  const sqlite = new Database(path, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    if (opts.key !== undefined) applyKey(sqlite, opts.key);
    applyPragmas(sqlite);
    const db = drizzle(sqlite, { schema });
    // all or nothing, foreign keys checked, a copy of the database taken first (MIGRATION_FAILED otherwise)
    migrateSafely(sqlite, {
      migrationsFolder: opts.migrationsFolder ?? defaultMigrationsFolder(),
      beforeMigrate: (pending) => copyBeforeMigration(sqlite, path, pending),
    });
    assertPragmas(sqlite);
    // checked after the migrations have written: a keyed database that was never written is 0 bytes
    if (opts.key !== undefined && databaseFileState(path) === 'plaintext') throw new Error('database written in plaintext despite the key');
    return db;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * A consistent copy of an encrypted database under the same key (VACUUM INTO). The backup API cannot do this here:
 * SQLite3 Multiple Ciphers refuses a backup between a keyed source and an unkeyed destination connection.
 */
export function copyDatabase(db: Db, target: string): void {
  db.$client.prepare('VACUUM INTO ?').run(target);
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}
