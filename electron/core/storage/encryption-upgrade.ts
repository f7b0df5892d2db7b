// Opens the data folder encrypted: master key from the vault, then (once) encrypts a plaintext database and blobs in place.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { databaseFileState } from '../../../db/client';
import { PRE_MIGRATION_DIR } from '../../../db/pre-migration-copy';
import { encryptDatabaseInPlace, type EncryptStep } from '../../../db/encrypt-in-place';
import { isSealed, SEAL_HEADER_BYTES, writeSealed } from '../crypto/file-cipher';
import { deriveDataKeys, loadOrCreateMasterKey, type DataKeys, type FileKey, type MasterKeyVault } from '../crypto/keys';
import { ensurePrivateDir, makeTreePrivate, PRIVATE_FILE_MODE, syncDir, writePrivateFileAtomic, type RunProgram } from '../crypto/private-files';
import type { Logger } from '../ports';
import { blobContext, createBlobStore, sha256Hex } from './blob-store';
import { overwriteAndRemove, scrubWorkDir } from './scrub';

export const DATABASE_FILE = 'dai-ly-dvc.sqlite';
/** Written last, when the database and every blob are encrypted: its absence means "check and finish the upgrade". */
export const ENCRYPTION_MARKER = 'encryption.json';
export const UPGRADE_WORK_DIR = 'encryption-upgrade';

export type UpgradeEvent =
  | { phase: 'database'; step: EncryptStep }
  | { phase: 'blob'; sha256: string; done: number; total: number }
  | { phase: 'done' };

export type OpenDataDirOptions = {
  dataDir: string;
  vault: MasterKeyVault;
  logger: Logger;
  nativeBinding?: string;
  /** progress of a one-time upgrade (the crash test prints it) */
  onUpgrade?: (event: UpgradeEvent) => void;
  /** Windows ACL runner (tests) */
  run?: RunProgram;
};

export type OpenedDataDir = { keys: DataKeys; upgraded: { database: boolean; blobs: number } | null };

/**
 * Benchmarks only (scripts/bench/crypto-cost.ts): passed instead of a vault, the app keeps its files in plaintext so
 * the cost of encryption can be measured on the same code. The composition roots (Electron, web host) never pass it.
 */
export const plaintextStorageForBenchmarks = Object.freeze({ kind: 'plaintext storage, benchmarks only' as const });

export function isPlaintextForBenchmarks(
  vault: MasterKeyVault | typeof plaintextStorageForBenchmarks,
): vault is typeof plaintextStorageForBenchmarks {
  return vault === plaintextStorageForBenchmarks;
}

type Marker = { format: 1; database: string; files: string; completedAt: string };

async function readMarker(path: string): Promise<Marker | null> {
  try {
    return JSON.parse(await fs.readFile(path, 'utf8')) as Marker;
  } catch {
    return null;
  }
}

/**
 * The keys of the data folder. On the first run of an encrypting version the folder is upgraded in place: database
 * first (db/encrypt-in-place.ts), then each plaintext blob (sealed copy, fsync, rename over the original), then the
 * marker. Each step is atomic and the next run resumes where a kill stopped it: every file is at all times either its
 * old plaintext self or its sealed self, and each says which by its first bytes.
 */
export async function openEncryptedDataDir(opts: OpenDataDirOptions): Promise<OpenedDataDir> {
  const { dataDir, logger } = opts;
  await ensurePrivateDir(dataDir);
  const dbPath = join(dataDir, DATABASE_FILE);
  const markerPath = join(dataDir, ENCRYPTION_MARKER);
  const workDir = join(dataDir, UPGRADE_WORK_DIR);
  const marker = await readMarker(markerPath);
  const state = databaseFileState(dbPath);
  const master = await loadOrCreateMasterKey(opts.vault, marker !== null || state === 'encrypted');
  const keys = deriveDataKeys(master);
  master.fill(0);
  await scrubWorkDir(workDir); // plaintext left by a kill just after a swap

  if (marker && state !== 'plaintext') return { keys, upgraded: null };

  let database = false;
  if (state === 'plaintext') {
    logger.info('encrypting the database (one-time upgrade)');
    encryptDatabaseInPlace(dbPath, keys.databaseHex, {
      workDir,
      nativeBinding: opts.nativeBinding,
      onStep: (step) => opts.onUpgrade?.({ phase: 'database', step }),
    });
    await scrubWorkDir(workDir);
    database = true;
  }
  await encryptPreMigrationCopies(join(dataDir, PRE_MIGRATION_DIR), keys.databaseHex, workDir, opts);
  const blobs = await sealPlaintextBlobs(join(dataDir, 'blobs'), keys.files, workDir, opts);
  if (!(await makeTreePrivate(dataDir, opts.run ? { run: opts.run } : {}))) {
    logger.warn('could not restrict the data folder to this Windows user (icacls failed)');
  }
  const body: Marker = { format: 1, database: 'sqlcipher-4', files: 'DVCENC01', completedAt: new Date().toISOString() };
  await writePrivateFileAtomic(markerPath, `${JSON.stringify(body, null, 2)}\n`, 'new');
  await fs.rm(workDir, { recursive: true, force: true });
  opts.onUpgrade?.({ phase: 'done' });
  if (database || blobs > 0) logger.info('data folder encrypted', { database, blobs });
  return { keys, upgraded: { database, blobs } };
}

/**
 * The copies db/pre-migration-copy.ts keeps of the database before a schema change: a plaintext version made them in
 * plaintext (every applicant and OCR text as it was then). Each is encrypted in place like the database itself.
 */
async function encryptPreMigrationCopies(dir: string, keyHex: string, workDir: string, opts: OpenDataDirOptions): Promise<void> {
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name);
    if (!(await fs.stat(path)).isFile() || databaseFileState(path) !== 'plaintext') continue;
    encryptDatabaseInPlace(path, keyHex, { workDir, nativeBinding: opts.nativeBinding });
    await scrubWorkDir(workDir);
  }
}

/** Seals every blob file still in plaintext, one at a time; returns how many. Temp files of the old code are scrubbed. */
async function sealPlaintextBlobs(root: string, fileKey: FileKey, workDir: string, opts: OpenDataDirOptions): Promise<number> {
  const tmpDir = join(root, 'tmp');
  for (const name of await fs.readdir(tmpDir).catch(() => [] as string[])) await overwriteAndRemove(join(tmpDir, name));
  const store = createBlobStore(root);
  const names = await store.list();
  if (names.length === 0) return 0;
  await fs.mkdir(workDir, { recursive: true, mode: 0o700 });
  await fs.mkdir(tmpDir, { recursive: true, mode: 0o700 });
  let sealed = 0;
  for (const [i, sha] of names.entries()) {
    if (await sealOne(store.pathOf(sha), sha, fileKey, tmpDir, workDir, opts.logger)) sealed++;
    opts.onUpgrade?.({ phase: 'blob', sha256: sha, done: i + 1, total: names.length });
  }
  return sealed;
}

async function sealOne(path: string, sha: string, fileKey: FileKey, tmpDir: string, workDir: string, logger: Logger): Promise<boolean> {
  const head = Buffer.alloc(SEAL_HEADER_BYTES);
  const fh = await fs.open(path, 'r');
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  if (isSealed(head)) return false;
  const plain = new Uint8Array(await fs.readFile(path));
  // sealed under its file name, which is what readers ask for, even if the old file no longer matched it
  if (sha256Hex(plain) !== sha) logger.warn('blob content does not match its name; sealed as it is', { blob: sha.slice(0, 12) });
  const tmp = join(tmpDir, `${sha}.upgrade.part`);
  const handle = await fs.open(tmp, 'w', PRIVATE_FILE_MODE);
  try {
    await writeSealed(handle, fileKey, plain, blobContext(sha));
    await handle.sync();
  } finally {
    await handle.close();
  }
  plain.fill(0);
  const old = join(workDir, `${sha}.plaintext-old`);
  await fs.link(path, old).catch(() => undefined); // no hard links (FAT): the old blocks are only unlinked
  await fs.rename(tmp, path);
  await syncDir(join(path, '..'));
  await scrubWorkDir(workDir);
  return true;
}
