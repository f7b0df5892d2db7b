// One-time encryption of a plaintext database file, crash-safe: copy encrypted beside it, verify, fsync, atomic rename.
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyKey, databaseFileState } from './client';

export type EncryptStep = 'checkpointed' | 'copied' | 'verified' | 'swapped';

export type EncryptInPlaceOptions = {
  /** a folder on the same volume for the work files (emptied before use) */
  workDir: string;
  nativeBinding?: string;
  onStep?(step: EncryptStep): void;
};

/*
 * Why this way (what breaks with ciphers):
 * - PRAGMA rekey would encrypt in place, but SQLite3 Multiple Ciphers refuses it in WAL mode ("Rekeying is not supported
 *   in WAL journal mode"), and a crash halfway through a rekey leaves a file that is part plaintext, part encrypted.
 * - The backup API refuses a plaintext source with an encrypted destination ("backup is not supported with incompatible
 *   source and target databases").
 * - VACUUM INTO from a keyed connection writes its target with that connection's key and cipher; the plaintext file is
 *   attached to it with KEY '' (no encryption). So the encrypted copy is made in one statement, without a plaintext copy.
 *   The keyed connection needs a file of its own ("Setting key not supported for in-memory databases"); it is never
 *   written, so it stays 0 bytes.
 * Until the rename the old file is the database; after it, the new one. A kill at any moment leaves one of the two.
 */
export function encryptDatabaseInPlace(path: string, keyHex: string, opts: EncryptInPlaceOptions): void {
  if (databaseFileState(path) !== 'plaintext') return;
  const binding = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
  rmSync(opts.workDir, { recursive: true, force: true });
  mkdirSync(opts.workDir, { recursive: true, mode: 0o700 });
  const target = join(opts.workDir, `${basename(path)}.encrypted`);
  // the WAL a crash left holds the latest plaintext rows: keep a second name for it to overwrite it after (scrub.ts)
  if (existsSync(`${path}-wal`)) tryLink(`${path}-wal`, join(opts.workDir, `${basename(path)}-wal.plaintext-old`));
  const counts = checkpointAndCount(path, binding);
  opts.onStep?.('checkpointed');

  const holder = new Database(join(opts.workDir, 'key-holder.sqlite'), binding);
  try {
    applyKey(holder, keyHex);
    holder.prepare("ATTACH DATABASE ? AS plain KEY ''").run(path);
    holder.prepare('VACUUM plain INTO ?').run(target);
    holder.exec('DETACH DATABASE plain');
  } finally {
    holder.close();
  }
  fsyncFile(target);
  opts.onStep?.('copied');

  const check = new Database(target, binding);
  try {
    applyKey(check, keyHex);
    const ok = check.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error(`encrypted copy failed its integrity check: ${String(ok)}`);
    const copied = tableCounts(check);
    for (const [table, n] of counts) {
      if (copied.get(table) !== n) throw new Error(`encrypted copy differs in table ${table}`);
    }
    check.pragma('journal_mode = WAL'); // VACUUM INTO writes a rollback-journal database
  } finally {
    check.close();
  }
  fsyncFile(target);
  if (databaseFileState(target) !== 'encrypted') throw new Error('encrypted copy is not encrypted');
  opts.onStep?.('verified');

  for (const suffix of ['-wal', '-shm', '-journal']) {
    // a plaintext WAL left next to the encrypted file would be replayed into it; checkpointAndCount removed them
    if (existsSync(`${path}${suffix}`) && statSync(`${path}${suffix}`).size > 0) throw new Error(`${suffix} file still present`);
    rmSync(`${path}${suffix}`, { force: true });
  }
  // a second name for the old plaintext inode, so it can be overwritten once the rename has unlinked it (scrub.ts)
  tryLink(path, join(opts.workDir, `${basename(path)}.plaintext-old`));
  renameSync(target, path);
  fsyncDir(dirname(path));
  opts.onStep?.('swapped');
}

/**
 * Applies the WAL to the main file (opening a WAL database replays it first) and counts rows per table. FULL, not
 * TRUNCATE: truncating would free the WAL's plaintext blocks unread; closing deletes the file's name instead, and the
 * second name made above keeps its bytes to be overwritten.
 */
function checkpointAndCount(path: string, binding: { nativeBinding?: string }): Map<string, string> {
  const db = new Database(path, binding);
  try {
    const [result] = db.pragma('wal_checkpoint(FULL)') as { busy: number; log: number; checkpointed: number }[];
    if (result && (result.busy !== 0 || result.log !== result.checkpointed)) throw new Error('the plaintext WAL could not be checkpointed');
    const ok = db.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new Error(`plaintext database failed its check: ${String(ok)}`);
    return tableCounts(db);
  } finally {
    db.close(); // the last connection's close deletes the -wal and -shm files
  }
}

/**
 * Rows per table, and the sum of rowids where there are rowids: the search index (migration 0005) joins dossiers by
 * rowid, so the copy must keep them (VACUUM's transfer optimisation does; this checks it).
 */
function tableCounts(db: Database.Database): Map<string, string> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return new Map(
    tables.map((t) => {
      const name = `"${t.name.replace(/"/g, '""')}"`;
      let row: { n: number; s: number | null };
      try {
        row = db.prepare(`SELECT count(*) AS n, sum(rowid) AS s FROM ${name}`).get() as { n: number; s: number | null };
      } catch {
        row = { ...(db.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }), s: null }; // WITHOUT ROWID
      }
      return [t.name, `${String(row.n)}:${String(row.s)}`];
    }),
  );
}

function tryLink(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    // a file system without hard links (FAT): the old file is unlinked without being overwritten
  }
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself
  }
}
