// The one-time upgrade of a plaintext data folder: everything encrypted and private afterwards, the search index still
// joined to its dossiers, the old plaintext overwritten where it lay (pre-migration copies encrypted too), and a second
// start does nothing.
import { chmodSync, closeSync, copyFileSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyKey, closeDatabase, databaseFileState, openDatabase } from '../../db/client';
import { PRE_MIGRATION_DIR } from '../../db/pre-migration-copy';
import { foldVietnamese } from '../../electron/common/text';
import { isSealed } from '../../electron/core/crypto/file-cipher';
import { silentLogger } from '../../electron/core/logger';
import { createBlobStore, sha256Hex } from '../../electron/core/storage/blob-store';
import { DATABASE_FILE, ENCRYPTION_MARKER, openEncryptedDataDir, UPGRADE_WORK_DIR } from '../../electron/core/storage/encryption-upgrade';
import { canaries, type Canary } from '../support/canary';
import { createDevKeyVault } from '../support/encrypted-data';
import { makeLegacyCanaryFolder } from '../support/legacy-data';
import { makeTextPage } from '../support/make-text-page';

const dataDir = mkdtempSync(join(tmpdir(), 'dvc-upgrade-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const c = canaries[1] as Canary;

/** Everything the descriptor still reads: the old inode, after its name went to the encrypted copy. */
function readThrough(fd: number): Buffer {
  const out = Buffer.alloc(fstatSync(fd).size);
  readSync(fd, out, 0, out.length, 0);
  return out;
}

/**
 * What db/pre-migration-copy.ts left beside a plaintext database before a schema change: a plaintext VACUUM INTO copy.
 * Made from a copy of the files, so the WAL the crash left beside the database stays as it is.
 */
function plaintextPreMigrationCopy(dbPath: string): string {
  const scratch = mkdtempSync(join(tmpdir(), 'dvc-upgrade-premigration-'));
  const target = join(dataDir, PRE_MIGRATION_DIR, `${DATABASE_FILE}.20261101T080000.before-0042_old`);
  mkdirSync(join(dataDir, PRE_MIGRATION_DIR), { recursive: true });
  try {
    for (const suffix of ['', '-wal']) copyFileSync(`${dbPath}${suffix}`, join(scratch, `db${suffix}`));
    const db = new Database(join(scratch, 'db'));
    db.prepare('VACUUM INTO ?').run(target);
    db.close();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}

describe('upgrading a plaintext data folder', () => {
  it('encrypts the database and every blob, keeps every row and the search index, and overwrites the old plaintext', async () => {
    const page = await makeTextPage({ lines: [c.pageWord, c.fullName], width: 900, height: 300, format: 'jpeg' });
    const legacy = await makeLegacyCanaryFolder(dataDir, c, page, `${c.pageWord}\n${c.fullName}`);
    const dbPath = join(dataDir, DATABASE_FILE);
    const blobPath = join(dataDir, 'blobs', legacy.pageSha.slice(0, 2), legacy.pageSha.slice(2, 4), legacy.pageSha);
    // as the old versions left it: world-readable files, a temp file of an interrupted write
    for (const f of [dbPath, blobPath]) chmodSync(f, 0o644);
    mkdirSync(join(dataDir, 'blobs', 'tmp'), { recursive: true });
    writeFileSync(join(dataDir, 'blobs', 'tmp', `${legacy.pageSha}.abc.part`), page);
    const preMigration = plaintextPreMigrationCopy(dbPath);
    expect(readFileSync(preMigration).includes(Buffer.from(c.fullName))).toBe(true);
    expect(databaseFileState(dbPath)).toBe('plaintext');
    // hold the old files open: their inodes outlive their names, so what happens to their bytes can be seen
    const oldDb = openSync(dbPath, 'r');
    const oldWal = openSync(`${dbPath}-wal`, 'r');
    const oldBlob = openSync(blobPath, 'r');
    try {
      const oldDbSize = fstatSync(oldDb).size;
      expect(readThrough(oldWal).includes(Buffer.from(c.fullName))).toBe(true); // the crash left the canary in the WAL
      expect(readThrough(oldBlob).equals(Buffer.from(page))).toBe(true);

      const first = await openEncryptedDataDir({ dataDir, vault: createDevKeyVault(dataDir), logger: silentLogger });
      expect(first.upgraded).toEqual({ database: true, blobs: 2 });
      expect(databaseFileState(dbPath)).toBe('encrypted');
      // the old plaintext was overwritten where it lay (best effort: an SSD may keep copies elsewhere)
      const oldDbNow = readThrough(oldDb);
      // (the checkpoint of the old WAL grew it first: what the crash had left only in the WAL was overwritten too)
      expect(oldDbNow.length).toBeGreaterThan(oldDbSize);
      expect(oldDbNow.every((b) => b === 0)).toBe(true);
      expect(readThrough(oldBlob).every((b) => b === 0)).toBe(true);
      const oldWalNow = readThrough(oldWal);
      expect(oldWalNow.length).toBeGreaterThan(0);
      expect(oldWalNow.every((b) => b === 0)).toBe(true);
      expect(existsSync(`${dbPath}-wal`) ? readFileSync(`${dbPath}-wal`).length : 0).toBe(0);

      // the copy a plaintext version kept before a schema change is encrypted too, and still opens (with the key)
      expect(databaseFileState(preMigration)).toBe('encrypted');
      expect(readFileSync(preMigration).includes(Buffer.from(c.fullName))).toBe(false);
      const copy = new Database(preMigration);
      try {
        applyKey(copy, first.keys.databaseHex);
        expect(copy.prepare('SELECT count(*) AS n FROM dossiers WHERE id = ?').get(legacy.dossierId)).toEqual({ n: 1 });
      } finally {
        copy.close();
      }
      expect(isSealed(readFileSync(blobPath))).toBe(true);
      expect(readdirSync(join(dataDir, 'blobs', 'tmp'))).toEqual([]);
      expect(existsSync(join(dataDir, UPGRADE_WORK_DIR))).toBe(false);
      expect(existsSync(join(dataDir, ENCRYPTION_MARKER))).toBe(true);
      for (const f of [dbPath, blobPath, join(dataDir, ENCRYPTION_MARKER)]) expect((statSync(f).mode & 0o777).toString(8), f).toBe('600');
      expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');

      const db = openDatabase(dbPath, { key: first.keys.databaseHex });
      try {
        const row = db.$client.prepare('SELECT applicant, applicant_id_number AS idNumber FROM dossiers WHERE id = ?').get(legacy.dossierId) as { applicant: string; idNumber: string };
        expect(JSON.parse(row.applicant)).toMatchObject({ fullName: c.fullName });
        // the search index joins dossiers by rowid: the encrypted copy kept them
        const found = db.$client
          .prepare('SELECT d.id FROM dossier_search s JOIN dossiers d ON d.rowid = s.rowid WHERE s.text LIKE ?')
          .all(`%${foldVietnamese(c.fullName)}%`) as { id: string }[];
        expect(found.map((r) => r.id)).toEqual([legacy.dossierId]);
        const ocr = db.$client.prepare('SELECT ocr_text AS t FROM pages WHERE id = ?').get(legacy.pageId) as { t: string };
        expect(ocr.t).toContain(c.pageWord);
      } finally {
        closeDatabase(db);
      }
      const blobs = createBlobStore(join(dataDir, 'blobs'), { fileKey: first.keys.files });
      expect(sha256Hex(await blobs.read(legacy.pageSha))).toBe(legacy.pageSha);

      const again = await openEncryptedDataDir({ dataDir, vault: createDevKeyVault(dataDir), logger: silentLogger });
      expect(again.upgraded).toBeNull();
      expect(again.keys.databaseHex).toBe(first.keys.databaseHex);
    } finally {
      for (const fd of [oldDb, oldWal, oldBlob]) closeSync(fd);
    }
  });
});
