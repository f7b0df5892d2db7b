// Encryption at rest as it shows on disk: the database and its WAL unreadable without the key, every blob sealed and
// authenticated, files private to the user, no new key over encrypted data, and the cipher pitfalls we work around.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKey, closeDatabase, copyDatabase, databaseFileState, openDatabase } from '../../db/client';
import type { DossierDetail, Page } from '../../electron/common/contract';
import { DEV_KEY_FILE } from '../../electron/core/crypto/dev-key-vault';
import { isSealed } from '../../electron/core/crypto/file-cipher';
import { silentLogger } from '../../electron/core/logger';
import { DATABASE_FILE, ENCRYPTION_MARKER, openEncryptedDataDir } from '../../electron/core/storage/encryption-upgrade';
import { findDamagedBlobs } from '../../electron/core/storage/integrity';
import { setupOffice, startHarness, type Harness } from '../support/core-harness';
import { createDevKeyVault, dataKeysOf, openDataDirBlobs } from '../support/encrypted-data';
import { applicantFor, LAND_DATA } from '../support/review-fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'dvc-at-rest-'));
const dbPath = join(dataDir, DATABASE_FILE);
let h: Harness;
let agent = '';
let dossier: DossierDetail;
const pages: Page[] = [];
const citizen = applicantFor(4242);
const scans: Uint8Array[] = [];
const blobPath = (sha: string) => join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
const shaOf = (pageId: string) => (h.core.db.$client.prepare('SELECT blob_sha256 AS s FROM pages WHERE id = ?').get(pageId) as { s: string }).s;

beforeAll(async () => {
  h = await startHarness({ dataDir });
  agent = (await setupOffice(h)).agent;
  dossier = await h.call<DossierDetail>('dossiers.create', agent, { procedureCode: LAND_DATA });
  await h.call('dossiers.saveDraft', agent, { id: dossier.id, applicant: citizen });
  for (const n of [1, 2]) {
    const shade = { r: 60 * n, g: 120, b: 200 };
    const bytes = new Uint8Array(await sharp({ create: { width: 60, height: 80, channels: 3, background: shade } }).jpeg().toBuffer());
    scans.push(bytes);
    pages.push(...(await h.call<{ pages: Page[] }>('pages.add', agent, { dossierId: dossier.id, componentId: dossier.components[0]?.id, fileName: `cccd-${String(n)}.jpg`, bytes })).pages);
  }
});
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the database', () => {
  it('is encrypted on disk, and so is its WAL, while the app runs', () => {
    expect(databaseFileState(dbPath)).toBe('encrypted');
    const name = Buffer.from(citizen.fullName, 'utf8');
    for (const file of [dbPath, `${dbPath}-wal`]) {
      expect(existsSync(file), file).toBe(true);
      const bytes = readFileSync(file);
      expect(bytes.includes(name), file).toBe(false);
      expect(bytes.includes(Buffer.from(citizen.idNumber)), file).toBe(false);
    }
    const plain = new Database(dbPath);
    try {
      expect(() => plain.prepare('SELECT count(*) FROM dossiers').get()).toThrow(/not a database/);
      const wrong = new Database(dbPath);
      expect(() => applyKey(wrong, 'ab'.repeat(32))).toThrow(/Không mở được khoá/);
      wrong.close();
    } finally {
      plain.close();
    }
  });

  it('runs with secure_delete on, temp files in memory, WAL and synchronous=FULL', () => {
    const sqlite = h.core.db.$client;
    expect(sqlite.pragma('secure_delete', { simple: true })).toBe(1);
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(2);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('a keyed database never written is 0 bytes: encryption is checked only after the first write', () => {
    const path = join(dataDir, 'fresh.sqlite');
    const db = new Database(path);
    applyKey(db, 'cd'.repeat(32));
    expect(databaseFileState(path)).toBe('empty');
    db.exec('CREATE TABLE t (x TEXT)');
    expect(databaseFileState(path)).toBe('encrypted');
    db.close();
    rmSync(path);
  });

  it('cannot be copied with the backup API, can with VACUUM INTO (same key); rekey is refused in WAL mode', async () => {
    const sqlite = h.core.db.$client;
    await expect(sqlite.backup(join(dataDir, 'backup.sqlite'))).rejects.toThrow(/backup is not supported/);
    const copy = join(dataDir, 'copy.sqlite');
    copyDatabase(h.core.db, copy);
    expect(databaseFileState(copy)).toBe('encrypted');
    const check = new Database(copy);
    applyKey(check, dataKeysOf(dataDir).databaseHex);
    expect((check.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n).toBe(2);
    check.close();
    rmSync(copy);
    expect(() => sqlite.pragma(`rekey = "x'${'ef'.repeat(32)}'"`)).toThrow(/Rekeying is not supported in WAL journal mode/);
  });
});

describe('blobs', () => {
  it('are sealed on disk and read back byte for byte', async () => {
    for (const [i, p] of pages.entries()) {
      const onDisk = readFileSync(blobPath(shaOf(p.id)));
      expect(isSealed(onDisk)).toBe(true);
      expect(onDisk.includes(Buffer.from('JFIF'))).toBe(false);
      const image = await h.call<{ bytes: Uint8Array }>('pages.image', agent, { pageId: p.id, variant: 'full' });
      expect(Buffer.from(image.bytes).equals(Buffer.from(scans[i] ?? []))).toBe(true);
    }
  });

  it('refuse to open when a byte changed, or when one blob file is put in place of another', async () => {
    const [a, b] = pages.map((p) => blobPath(shaOf(p.id))) as [string, string];
    const original = readFileSync(a);
    const flipped = Buffer.from(original);
    flipped.writeUInt8((flipped.readUInt8(flipped.length - 40) ^ 1) & 0xff, flipped.length - 40);
    writeFileSync(a, flipped);
    expect((await h.fail('pages.image', agent, { pageId: pages[0]?.id, variant: 'full' })).message).toMatch(/đã bị thay đổi hoặc hỏng/);
    const store = openDataDirBlobs(dataDir);
    expect(await findDamagedBlobs(store, pages.map((p) => shaOf(p.id)))).toEqual([shaOf(pages[0]?.id ?? '')]);
    writeFileSync(a, original);
    const saved = readFileSync(b);
    copyFileSync(a, b); // a valid sealed file, but another blob's
    expect((await h.fail('pages.image', agent, { pageId: pages[1]?.id, variant: 'full' })).code).toBe('DATA_TAMPERED');
    writeFileSync(b, saved);
    expect((await h.call<{ bytes: Uint8Array }>('pages.image', agent, { pageId: pages[1]?.id, variant: 'full' })).bytes.length).toBe(scans[1]?.length);
  });
});

describe('the data folder', () => {
  it('is readable by this user only', () => {
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    for (const f of [dbPath, `${dbPath}-wal`, join(dataDir, DEV_KEY_FILE), join(dataDir, ENCRYPTION_MARKER), blobPath(shaOf(pages[0]?.id ?? ''))]) {
      expect(mode(f).toString(8), f).toBe('600');
    }
    const sha = shaOf(pages[0]?.id ?? '');
    expect(mode(join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4))).toString(8)).toBe('700');
  });

  it('never gets a new key over encrypted data: without its key the folder does not open and nothing is written', async () => {
    const other = mkdtempSync(join(tmpdir(), 'dvc-at-rest-nokey-'));
    try {
      const open = () => openEncryptedDataDir({ dataDir: other, vault: createDevKeyVault(other), logger: silentLogger });
      const { keys } = await open();
      closeDatabase(openDatabase(join(other, DATABASE_FILE), { key: keys.databaseHex })); // migrations write
      const keyFile = join(other, DEV_KEY_FILE);
      renameSync(keyFile, `${keyFile}.away`);
      await expect(open()).rejects.toThrow(/không tìm thấy khoá giải mã/);
      expect(existsSync(keyFile)).toBe(false);
      renameSync(`${keyFile}.away`, keyFile);
      expect((await open()).keys.databaseHex).toBe(keys.databaseHex);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
