// One backup run: database snapshot, new page objects, sealed manifest, container written, verified, then committed.
import { createHash, randomInt } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError, isAppError } from '../../common/errors';
import { openSealedBytes, sealBytes, sealedSize } from '../crypto/file-cipher';
import { ensurePrivateDir, syncDir } from '../crypto/private-files';
import type { Clock } from '../ports';
import type { BlobStore } from '../storage/blob-store';
import { newRunKeys, type RecipientInfo, type RunKeys } from './backup-crypto';
import {
  containerPrefix,
  headerBytes,
  manifestContext,
  manifestSchema,
  readContainer,
  setFolderName,
  setPaths,
  snapshotFileName,
  type BackupHeader,
  type Manifest,
  type ManifestBlob,
  type SetPaths,
} from './backup-format';
import { objectName, readObject, storedHash, storedSize, syncObjectDirs, writeObject } from './backup-objects';
import {
  acquireLock,
  applyRetention,
  clearLeftovers,
  ensureSet,
  formatObjectList,
  listSnapshotFiles,
  objectListPath,
  readObjectList,
  writeReadme,
  type ListedObject,
} from './backup-set';
import { copyDatabase, testOpen, type SnapshotFacts, type SqliteKey } from './database-snapshot';

export type BackupPhase = 'database' | 'pages' | 'verify' | 'commit' | 'retention';
export type BackupProgress = { phase: BackupPhase; done: number; total: number; bytes: number };

export type BackupRunOptions = {
  dataDir: string;
  databasePath: string;
  databaseKey: SqliteKey;
  blobs: BlobStore;
  /** the folder the admin picked; the set lives in a sub-folder named after the office and counter */
  folder: string;
  keepLast: number;
  office: { code: string; name: string };
  counterNumber: number;
  appVersion: string;
  recipient: RecipientInfo;
  namingKey: Buffer;
  portal: Manifest['portal'];
  /** migration tag by its journal timestamp, to name the schema in the header */
  migrationTag(lastAt: number): string;
  clock: Clock;
  nativeBinding?: string;
  onProgress?(p: BackupProgress): void;
  /** reused objects whose stored bytes are re-hashed each run (a rotating sample; all new objects are checked) */
  sampleReused?: number;
  /** the app is closing: stop between two files (nothing committed, the set stays as it was) */
  signal?: AbortSignal;
};

export type BackupResult = {
  file: string;
  runId: string;
  createdAt: number;
  dossiers: number;
  pages: number;
  blobs: number;
  objectsWritten: number;
  objectsReused: number;
  /** what this run wrote to the target: new objects + the container */
  bytesWritten: number;
  /** everything this backup needs on the target (its objects, wherever written, + the container) */
  bytesTotal: number;
  missing: number;
  removedSnapshots: number;
  removedObjects: number;
  durationMs: number;
};

const POOL = 4;

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
}

/** Objects the set already holds, as its newest backup that lists them says; checked here by size, a sample by hash. */
async function knownObjects(paths: SetPaths): Promise<{ objects: Map<string, ListedObject>; runs: Map<string, string> }> {
  const objects = new Map<string, ListedObject>();
  const runs = new Map<string, string>();
  for (const file of await listSnapshotFiles(paths)) {
    const list = await readObjectList(file);
    if (!list) continue;
    for (const [id, key] of list.runs) runs.set(id, key);
    for (const o of list.objects) objects.set(o.object, o);
  }
  return { objects, runs };
}

type Copied = { blobs: ManifestBlob[]; missing: string[]; written: number; writtenBytes: number; reused: number };

type PageJob = { sha256: string; size: number; sample: boolean };

/**
 * One page file: reused when the set holds its object at the listed size (a sample also by hash), else read from the
 * data folder, sealed, written and read back (stored hash, every chunk's tag, the plaintext's sha256). Null: the file
 * is missing or damaged on this PC; the backup reports it and goes ahead.
 */
async function backupPage(opts: BackupRunOptions, paths: SetPaths, run: RunKeys, job: PageJob, known: Map<string, ListedObject>): Promise<{ entry: ManifestBlob; fresh: boolean } | null> {
  const name = objectName(opts.namingKey, opts.recipient.publicKey, job.sha256);
  const listed = known.get(name);
  let reuse = listed !== undefined && (await storedSize(paths, name)) === listed.stored;
  if (reuse && listed && job.sample) reuse = (await storedHash(paths, name)) === listed.storedSha256;
  if (reuse && listed) {
    return { entry: { sha256: job.sha256, object: name, size: job.size, stored: listed.stored, storedSha256: listed.storedSha256, run: listed.run }, fresh: false };
  }
  let plain: Uint8Array;
  try {
    plain = await opts.blobs.read(job.sha256);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
  const written = await writeObject(paths, name, plain, run.files);
  const entry = { sha256: job.sha256, object: name, size: job.size, ...written, run: run.id };
  if ((await storedHash(paths, name)) !== written.storedSha256) {
    throw new AppError('BACKUP_FOLDER_UNUSABLE', { folder: opts.folder, reason: 'đọc lại khác với đã ghi' });
  }
  await readObject(paths, entry, new Map([[run.id, run.files]]));
  return { entry, fresh: true };
}

async function copyPages(opts: BackupRunOptions, paths: SetPaths, run: RunKeys, facts: SnapshotFacts, known: Map<string, ListedObject>): Promise<Copied> {
  const out: Copied = { blobs: [], missing: [], written: 0, writtenBytes: 0, reused: 0 };
  const newNames: string[] = [];
  const total = facts.blobs.length;
  const sample = new Set(Array.from({ length: Math.min(opts.sampleReused ?? 64, total) }, () => randomInt(Math.max(1, total))));
  let done = 0;
  let bytes = 0;
  await pool(facts.blobs.map((b, i) => ({ ...b, sample: sample.has(i) })), POOL, async (job) => {
    if (opts.signal?.aborted) throw new AppError('BACKUP_INTERRUPTED');
    const result = await backupPage(opts, paths, run, job, known);
    if (!result) out.missing.push(job.sha256);
    else {
      out.blobs.push(result.entry);
      if (result.fresh) {
        newNames.push(result.entry.object);
        out.writtenBytes += result.entry.stored;
      } else out.reused++;
    }
    done++;
    bytes += job.size;
    if (done % 25 === 0 || done === total) opts.onProgress?.({ phase: 'pages', done, total, bytes });
  });
  await syncObjectDirs(paths, newNames);
  out.blobs.sort((a, b) => a.sha256.localeCompare(b.sha256));
  out.missing.sort();
  out.written = newNames.length;
  return out;
}

async function newestCreatedAt(paths: SetPaths): Promise<number> {
  const newest = (await listSnapshotFiles(paths)).at(-1);
  return newest ? (await readContainer(newest).catch(() => null))?.header.createdAt ?? 0 : 0;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Runs one backup. Nothing in the set changes until the new container is verified and renamed into snapshots/. */
export async function writeBackup(opts: BackupRunOptions): Promise<BackupResult> {
  const started = opts.clock.now();
  const paths = setPaths(join(opts.folder, setFolderName(opts.office.code, opts.counterNumber)));
  await ensureSet(paths, opts.folder);
  const release = await acquireLock(paths, started);
  const workDir = join(opts.dataDir, 'backup-work');
  try {
    await clearLeftovers(paths);
    await fs.rm(workDir, { recursive: true, force: true });
    await ensurePrivateDir(workDir);
    const run = newRunKeys(opts.recipient);
    const createdAt = Math.max(opts.clock.now(), (await newestCreatedAt(paths)) + 1);
    const snapshot = join(workDir, 'database.sqlcipher');
    opts.onProgress?.({ phase: 'database', done: 0, total: 1, bytes: 0 });
    copyDatabase({ source: opts.databasePath, sourceKey: opts.databaseKey, target: snapshot, targetKey: run.databaseHex, workDir, nativeBinding: opts.nativeBinding });
    const facts = testOpen(snapshot, run.databaseHex, opts.nativeBinding);
    const databaseBytes = (await fs.stat(snapshot)).size;
    const databaseSha = await sha256File(snapshot);
    opts.onProgress?.({ phase: 'database', done: 1, total: 1, bytes: databaseBytes });

    const known = await knownObjects(paths);
    const copied = await copyPages(opts, paths, run, facts, known.objects);
    const keyring = new Map([[run.id, run.publicKey]]);
    for (const b of copied.blobs) if (b.run !== run.id) keyring.set(b.run, known.runs.get(b.run) ?? '');
    if ([...keyring.values()].some((k) => k === '')) throw new AppError('BACKUP_DAMAGED', { reason: 'object list without its run key' });

    const manifest: Manifest = {
      format: 1,
      run: run.id,
      createdAt,
      database: { bytes: databaseBytes, sha256: databaseSha, tables: facts.tables },
      blobs: copied.blobs,
      missing: copied.missing,
      portal: opts.portal,
      facts: { lastDossierAt: facts.lastDossierAt, lastClosedDay: facts.lastClosedDay, pendingSync: facts.pendingSync },
    };
    const manifestPlain = Buffer.from(JSON.stringify(manifest), 'utf8');
    const header: BackupHeader = {
      format: 1,
      app: 'dai-ly-dvc',
      appVersion: opts.appVersion,
      createdAt,
      office: opts.office,
      counterNumber: opts.counterNumber,
      schema: { migrations: facts.migrations.count, lastAt: facts.migrations.lastAt, last: opts.migrationTag(facts.migrations.lastAt) },
      recipient: opts.recipient,
      run: { id: run.id, publicKey: run.publicKey },
      keyring: [...keyring].map(([id, publicKey]) => ({ id, publicKey })),
      sections: { manifest: sealedSize(manifestPlain.length), database: databaseBytes },
      summary: { dossiers: facts.dossiers, pages: facts.pages, blobs: copied.blobs.length, blobBytes: copied.blobs.reduce((s, b) => s + b.size, 0) },
    };
    const hBytes = headerBytes(header);
    const sealedManifest = sealBytes(run.files, manifestPlain, manifestContext(hBytes));

    const fileName = snapshotFileName(createdAt, run.id);
    const part = join(paths.tmp, `${fileName}.part`);
    await writeContainer(part, hBytes, sealedManifest, snapshot);
    opts.onProgress?.({ phase: 'verify', done: 0, total: 1, bytes: 0 });
    await verifyContainer(part, run, manifest);
    opts.onProgress?.({ phase: 'verify', done: 1, total: 1, bytes: 0 });

    // commit: the object list first (a list without its backup is tidied away), then the backup itself
    const finalFile = join(paths.snapshots, fileName);
    const listTmp = join(paths.tmp, `${fileName}.objects.part`);
    const listed = { runs: keyring, objects: copied.blobs.map(({ object, stored, storedSha256, run: r }) => ({ object, stored, storedSha256, run: r })) };
    await fs.writeFile(listTmp, formatObjectList(listed));
    await fsyncFile(listTmp);
    await fs.rename(listTmp, objectListPath(finalFile));
    await fs.rename(part, finalFile);
    await syncDir(paths.snapshots);
    opts.onProgress?.({ phase: 'commit', done: 1, total: 1, bytes: 0 });
    await writeReadme(paths).catch(() => undefined);

    const containerBytes = (await fs.stat(finalFile)).size;
    const retention = await applyRetention(paths, Math.max(1, opts.keepLast));
    opts.onProgress?.({ phase: 'retention', done: 1, total: 1, bytes: 0 });
    return {
      file: finalFile,
      runId: run.id,
      createdAt,
      dossiers: facts.dossiers,
      pages: facts.pages,
      blobs: copied.blobs.length,
      objectsWritten: copied.written,
      objectsReused: copied.reused,
      bytesWritten: copied.writtenBytes + containerBytes,
      bytesTotal: copied.blobs.reduce((s, b) => s + b.stored, 0) + containerBytes,
      missing: copied.missing.length,
      removedSnapshots: retention.removedSnapshots.length,
      removedObjects: retention.removedObjects,
      durationMs: opts.clock.now() - started,
    };
  } finally {
    await fs.rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    await release();
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await fs.open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeContainer(part: string, hBytes: Buffer, sealedManifest: Uint8Array, databaseFile: string): Promise<void> {
  const handle = await fs.open(part, 'wx', 0o600);
  try {
    await handle.write(containerPrefix(hBytes));
    await handle.write(hBytes);
    await handle.write(sealedManifest);
    for await (const chunk of createReadStream(databaseFile, { highWaterMark: 1 << 20 })) await handle.write(chunk as Buffer);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Re-reads the written container: header, manifest (opened with the run's key) and the database section's hash. */
async function verifyContainer(part: string, run: RunKeys, manifest: Manifest): Promise<void> {
  const opened = await readContainer(part);
  const file = await fs.open(part, 'r');
  try {
    const sealed = Buffer.alloc(opened.header.sections.manifest);
    await file.read(sealed, 0, sealed.length, opened.manifestAt);
    const plain = openSealedBytes(run.files, sealed, manifestContext(opened.headerBytes));
    const again = manifestSchema.parse(JSON.parse(Buffer.from(plain).toString('utf8')));
    if (again.database.sha256 !== manifest.database.sha256 || again.blobs.length !== manifest.blobs.length) throw new Error('manifest differs');
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(part, { start: opened.databaseAt })) hash.update(chunk as Buffer);
    if (hash.digest('hex') !== manifest.database.sha256) throw new Error('database section differs');
  } catch (error) {
    throw new AppError('BACKUP_FOLDER_UNUSABLE', { folder: part, reason: `kiểm tra sau khi ghi: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    await file.close();
  }
}
