// The backup container (.dvcbak): magic, plaintext header, sealed manifest, encrypted database; plus the set's layout.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors';

/*
 * A backup set is a folder the app owns inside the folder the admin picked:
 *   <picked>/DaiLyDVC-<office code>-<counter>/
 *     README.txt                    what this is and how to restore it (no secret in it)
 *     objects/ab/<64 hex>           page files, each sealed (file-cipher) by the run that first wrote it; shared by runs
 *     snapshots/<when>-<run>.dvcbak one file per backup: the database as of one moment and the list of its pages
 *     snapshots/<when>-<run>.objects the object names that backup needs (plain list, for retention; names are HMACs)
 *     tmp/                          partial writes (.part), removed by the next run
 *
 * The .dvcbak file, big-endian:
 *   0   8  magic "DVCBAK01"
 *   8   4  header length H
 *  12   H  header, UTF-8 JSON (below): readable without the passphrase, to list backups and find the right sheet
 *  12+H M  manifest: file-cipher sealed JSON under the run's key, context "backup-manifest:" + sha256(header bytes),
 *          so a changed header makes the manifest unreadable
 *  ...  D  database: a SQLCipher 4 file under the run's database key; its sha256 is in the manifest
 */
export const BACKUP_MAGIC = Buffer.from('DVCBAK01', 'latin1');
export const BACKUP_EXTENSION = '.dvcbak';
export const OBJECT_LIST_EXTENSION = '.objects';

const b64 = z.string().regex(/^[A-Za-z0-9+/=]+$/);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const runRef = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/), publicKey: b64 });

export const backupHeaderSchema = z.object({
  format: z.literal(1),
  app: z.literal('dai-ly-dvc'),
  appVersion: z.string(),
  createdAt: z.number(),
  office: z.object({ code: z.string(), name: z.string() }),
  counterNumber: z.number().int(),
  /** migrations applied to the database (count and last tag): a newer app's backup is refused, an older one migrated */
  schema: z.object({ migrations: z.number().int(), lastAt: z.number(), last: z.string() }),
  recipient: z.object({
    kdf: z.object({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: b64 }),
    publicKey: b64,
    fingerprint: z.string(),
  }),
  run: runRef,
  /** every run whose objects this backup uses (this one included) */
  keyring: z.array(runRef).min(1),
  sections: z.object({ manifest: z.number().int().min(0), database: z.number().int().min(0) }),
  /** counts for the list of backups; the same figures are in the authenticated manifest */
  summary: z.object({ dossiers: z.number(), pages: z.number(), blobs: z.number(), blobBytes: z.number() }),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const manifestBlobSchema = z.object({
  /** sha256 of the page file's plaintext (its name in the data folder) */
  sha256: hex64,
  /** object name in the set: HMAC of the sha256, so the set does not reveal which files it holds */
  object: hex64,
  size: z.number().int().min(0),
  /** sealed size on the target and sha256 of the sealed bytes: checked without the passphrase */
  stored: z.number().int().min(0),
  storedSha256: hex64,
  /** the run whose key sealed it */
  run: z.string().regex(/^[0-9a-f]{16}$/),
});
export type ManifestBlob = z.infer<typeof manifestBlobSchema>;

export const manifestSchema = z.object({
  format: z.literal(1),
  run: z.string(),
  createdAt: z.number(),
  database: z.object({ bytes: z.number(), sha256: hex64, tables: z.record(z.string(), z.number()) }),
  blobs: z.array(manifestBlobSchema),
  /** page files the database names but the PC did not have when the backup was taken (reported, not fatal) */
  missing: z.array(hex64),
  /** the portal client id and secret, so a restored PC sends what was waiting without asking for them again */
  portal: z.object({ clientId: z.string(), clientSecret: z.string() }).nullable(),
  facts: z.object({
    lastDossierAt: z.number().nullable(),
    lastClosedDay: z.string().nullable(),
    pendingSync: z.number(),
  }),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function headerBytes(header: BackupHeader): Buffer {
  return Buffer.from(JSON.stringify(header), 'utf8');
}

export function manifestContext(header: Buffer): string {
  return `backup-manifest:${createHash('sha256').update(header).digest('hex')}`;
}

export function objectContext(name: string): string {
  return `backup-object:${name}`;
}

/** The fixed prefix (magic + length) before the header bytes. */
export function containerPrefix(header: Buffer): Buffer {
  const prefix = Buffer.alloc(12);
  BACKUP_MAGIC.copy(prefix, 0);
  prefix.writeUInt32BE(header.length, 8);
  return prefix;
}

export type OpenedContainer = {
  header: BackupHeader;
  headerBytes: Buffer;
  /** where the sealed manifest and the database start in the file */
  manifestAt: number;
  databaseAt: number;
  fileSize: number;
};

const MAX_HEADER = 1 << 20;

/** Reads and checks the header of a .dvcbak file (no passphrase needed). */
export async function readContainer(path: string): Promise<OpenedContainer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw new AppError('BACKUP_NOT_FOUND', { file: path });
  }
  try {
    const { size } = await handle.stat();
    const prefix = Buffer.alloc(12);
    await handle.read(prefix, 0, 12, 0);
    if (!prefix.subarray(0, 8).equals(BACKUP_MAGIC)) throw new AppError('BACKUP_NOT_FOUND', { file: path });
    const length = prefix.readUInt32BE(8);
    if (length > MAX_HEADER || 12 + length > size) throw new AppError('BACKUP_DAMAGED', { reason: 'header length' });
    const bytes = Buffer.alloc(length);
    await handle.read(bytes, 0, length, 12);
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new AppError('BACKUP_DAMAGED', { reason: 'header' });
    }
    const header = backupHeaderSchema.safeParse(parsed);
    if (!header.success) throw new AppError('BACKUP_DAMAGED', { reason: 'header fields' });
    const manifestAt = 12 + length;
    const databaseAt = manifestAt + header.data.sections.manifest;
    if (databaseAt + header.data.sections.database !== size) throw new AppError('BACKUP_DAMAGED', { reason: 'truncated' });
    return { header: header.data, headerBytes: bytes, manifestAt, databaseAt, fileSize: size };
  } finally {
    await handle.close();
  }
}

export type SetPaths = { root: string; objects: string; snapshots: string; tmp: string; readme: string; lock: string };

/** A folder name safe on FAT/NTFS/SMB: the office code's letters and digits, and the counter. */
export function setFolderName(officeCode: string, counterNumber: number): string {
  const code = officeCode.normalize('NFD').replace(/[^A-Za-z0-9.-]+/g, '').slice(0, 32) || 'office';
  return `DaiLyDVC-${code}-${String(counterNumber).padStart(2, '0')}`;
}

export function setPaths(root: string): SetPaths {
  return {
    root,
    objects: join(root, 'objects'),
    snapshots: join(root, 'snapshots'),
    tmp: join(root, 'tmp'),
    readme: join(root, 'README.txt'),
    lock: join(root, 'backup.lock'),
  };
}

export function objectPath(paths: SetPaths, name: string): string {
  return join(paths.objects, name.slice(0, 2), name);
}

/**
 * 2026-12-02_173005.123-<run>.dvcbak: names sort by time (the writer makes each createdAt later than the newest one
 * already in the set), which is the order retention keeps them in.
 */
export function snapshotFileName(createdAt: number, runId: string): string {
  const iso = new Date(createdAt).toISOString(); // UTC: the header's createdAt is what the screen shows, in local time
  const stamp = `${iso.slice(0, 10)}_${iso.slice(11, 19).replace(/:/g, '')}.${iso.slice(20, 23)}`;
  return `${stamp}-${runId}${BACKUP_EXTENSION}`;
}
