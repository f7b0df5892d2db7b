// A failed migration leaves the database as it was; a table rebuild keeps the rows that point at it; newer data is refused.
import Database from 'better-sqlite3';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/client';
import { PRE_MIGRATION_DIR } from '../../db/pre-migration-copy';
import { readTar } from '../../electron/core/catalog/tar-reader';
import { repoRoot } from '../support/core-harness';

const work = mkdtempSync(join(tmpdir(), 'dvc-migration-safety-'));
const current = join(repoRoot, 'db', 'migrations');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The plaintext database of the schema-0007 release fixture (6 dossiers, an outbox row, pages, a day close). */
function release0007(name: string): string {
  const dir = join(work, name);
  for (const entry of readTar(readFileSync(join(repoRoot, 'tests', 'fixtures', 'releases', 'schema-0007.tar.gz')))) {
    if (!entry.name.endsWith('.sqlite')) continue;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dai-ly-dvc.sqlite'), entry.data);
  }
  return join(dir, 'dai-ly-dvc.sqlite');
}

/** The current migrations plus one more, `0099_<tag>.sql` with the given SQL. */
function migrationsWith(tag: string, sql: string): string {
  const dir = join(work, `migrations-${tag}`);
  cpSync(current, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] };
  const last = journal.entries[journal.entries.length - 1];
  journal.entries.push({ idx: journal.entries.length, version: '6', when: (last?.when ?? 0) + 1000, tag: `0099_${tag}`, breakpoints: true });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(join(dir, `0099_${tag}.sql`), sql);
  return dir;
}

function snapshotOf(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      schema: db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all(),
      migrations: db.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY id').all(),
      dossiers: db.prepare('SELECT * FROM dossiers ORDER BY id').all(),
      outbox: db.prepare('SELECT * FROM outbox ORDER BY dossier_id').all(),
    };
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('one that fails part-way leaves the database exactly as it was, with a Vietnamese message naming the step', () => {
    const path = release0007('failing');
    const before = snapshotOf(path);
    // the first statement would work; the second cannot. Migrations 0008 and 0009 before it are valid and pending too.
    const folder = migrationsWith('broken', 'ALTER TABLE `dossiers` ADD `archived` integer;\n--> statement-breakpoint\nINSERT INTO `no_such_table` VALUES (1);');
    let error: unknown = null;
    try {
      openDatabase(path, { migrationsFolder: folder });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED' });
    expect((error as Error).message).toMatch(/^Không nâng cấp được dữ liệu lên phiên bản này \(bước 0099_broken: .*no_such_table.*\)\. Dữ liệu vẫn giữ nguyên/);
    // one transaction for the whole run: not even 0008 and 0009 stayed
    expect(snapshotOf(path)).toEqual(before);
    // and the copy taken before it opens as the old database
    const copies = readdirSync(join(dirname(path), PRE_MIGRATION_DIR));
    expect(copies).toHaveLength(1);
    expect(snapshotOf(join(dirname(path), PRE_MIGRATION_DIR, copies[0] ?? ''))).toEqual(before);
    // the current migrations alone still apply afterwards
    closeDatabase(openDatabase(path, { migrationsFolder: current }));
  });

  it('a table rebuild (drizzle-kit CREATE/INSERT/DROP/RENAME) keeps the rows that reference the table', () => {
    const path = release0007('rebuild');
    closeDatabase(openDatabase(path, { migrationsFolder: current })); // to today's schema first
    const original = new Database(path);
    const create = (original.prepare("SELECT sql FROM sqlite_master WHERE name = 'dossiers'").get() as { sql: string }).sql;
    original.close();
    const rebuild = [
      create.replace('CREATE TABLE `dossiers`', 'CREATE TABLE `__new_dossiers`'),
      'INSERT INTO `__new_dossiers` SELECT * FROM `dossiers`',
      'DROP TABLE `dossiers`',
      'ALTER TABLE `__new_dossiers` RENAME TO `dossiers`',
    ].join(';\n--> statement-breakpoint\n');
    const before = snapshotOf(path);
    expect(before.outbox).toHaveLength(1);
    const db = openDatabase(path, { migrationsFolder: migrationsWith('rebuild', `PRAGMA foreign_keys=OFF;\n--> statement-breakpoint\n${rebuild};`) });
    const outbox = db.$client.prepare('SELECT * FROM outbox ORDER BY dossier_id').all();
    const pages = (db.$client.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
    closeDatabase(db);
    // with foreign keys on inside the transaction (drizzle's own migrator) the DROP fails: FOREIGN KEY constraint failed
    expect(outbox).toEqual(before.outbox);
    expect(pages).toBe(9);
  });

  it('a database written by a newer version is refused, not opened', () => {
    const path = release0007('newer');
    closeDatabase(openDatabase(path, { migrationsFolder: migrationsWith('newer', 'CREATE TABLE `later_feature` (`id` integer);') }));
    expect(() => openDatabase(path, { migrationsFolder: current })).toThrow(expect.objectContaining({ code: 'DATABASE_NEWER_VERSION' }));
  });
});
