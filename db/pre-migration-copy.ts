// A copy of the database as it was before a schema change (VACUUM INTO under the same key), the last few kept.
import type Database from 'better-sqlite3';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PendingMigration } from './migrate-safely';

export const PRE_MIGRATION_DIR = 'pre-migration';
/** copies kept: the last three upgrades can each be undone by support with the version before it */
const KEEP = 3;

/**
 * Taken before the migration transaction begins. The run itself is all-or-nothing (db/migrate-safely.ts); this copy
 * is for a migration that succeeds but turns out wrong later: support can put it back under an older version. It is
 * encrypted like the database itself (VACUUM INTO writes under the connection's key) and private to the user.
 */
export function copyBeforeMigration(sqlite: Database.Database, path: string, pending: PendingMigration[], now = Date.now()): string | null {
  if (path === '' || path === ':memory:') return null;
  const dir = join(dirname(path), PRE_MIGRATION_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').slice(0, 15);
  const target = join(dir, `${basename(path)}.${stamp}.before-${pending[0]?.tag ?? 'migration'}`);
  rmSync(target, { force: true });
  closeSync(openSync(target, 'a', 0o600)); // private from the first byte; VACUUM INTO accepts an empty file
  sqlite.prepare('VACUUM INTO ?').run(target);
  const fd = openSync(target, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const copies = readdirSync(dir).filter((n) => n.startsWith(`${basename(path)}.`)).sort();
  for (const old of copies.slice(0, Math.max(0, copies.length - KEEP))) rmSync(join(dir, old), { force: true });
  return target;
}
