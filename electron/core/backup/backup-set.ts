// A backup set on the target folder: its lock, object lists, README, leftovers of killed runs, and keep-the-last-N.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../../common/errors';
import { syncDir } from '../crypto/private-files';
import { BACKUP_EXTENSION, OBJECT_LIST_EXTENSION, type ManifestBlob, type SetPaths } from './backup-format';
import { listObjects, removeObject } from './backup-objects';

/** One object as a backup's list names it (enough to reuse it and to check it without the passphrase). */
export type ListedObject = Pick<ManifestBlob, 'object' | 'stored' | 'storedSha256' | 'run'>;
export type ObjectList = { runs: Map<string, string>; objects: ListedObject[] };

const LIST_MAGIC = 'dvc-backup-objects 1';

export function formatObjectList(list: ObjectList): string {
  const lines = [LIST_MAGIC];
  for (const [id, publicKey] of list.runs) lines.push(`run ${id} ${publicKey}`);
  for (const o of list.objects) lines.push(`obj ${o.object} ${String(o.stored)} ${o.storedSha256} ${o.run}`);
  return `${lines.join('\n')}\n`;
}

export function parseObjectList(text: string): ObjectList | null {
  const lines = text.split('\n');
  if (lines[0] !== LIST_MAGIC) return null;
  const runs = new Map<string, string>();
  const objects: ListedObject[] = [];
  for (const line of lines.slice(1)) {
    const f = line.split(' ');
    if (f[0] === 'run' && f.length === 3 && f[1] && f[2]) runs.set(f[1], f[2]);
    else if (f[0] === 'obj' && f.length === 5 && f[1] && f[3] && f[4]) {
      objects.push({ object: f[1], stored: Number(f[2]), storedSha256: f[3], run: f[4] });
    } else if (line !== '') return null;
  }
  return { runs, objects };
}

export async function ensureSet(paths: SetPaths, picked: string): Promise<void> {
  try {
    const stat = await fs.stat(picked);
    if (!stat.isDirectory()) throw new Error('không phải thư mục');
    for (const dir of [paths.root, paths.objects, paths.snapshots, paths.tmp]) await fs.mkdir(dir, { recursive: true });
    const probe = join(paths.tmp, `probe-${randomBytes(4).toString('hex')}`);
    await fs.writeFile(probe, 'ok');
    await fs.rm(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new AppError('BACKUP_FOLDER_UNUSABLE', { folder: picked, reason });
  }
}

type LockBody = { pid: number; host: string; startedAt: number };

/** A run that has held the lock this long is dead (a full backup of a year's office takes minutes, not hours). */
const STALE_LOCK_MS = 6 * 60 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per set at a time (the app's schedule, the CLI, a second window): an exclusive-create lock file. A lock
 * left by a killed run is taken over when its process is gone (same machine) or it is older than 6 hours.
 */
export async function acquireLock(paths: SetPaths, now: number): Promise<() => Promise<void>> {
  const body: LockBody = { pid: process.pid, host: hostname(), startedAt: now };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(paths.lock, JSON.stringify(body), { flag: 'wx' });
      return () => fs.rm(paths.lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let held: Partial<LockBody> = {};
      try {
        held = JSON.parse(await fs.readFile(paths.lock, 'utf8')) as Partial<LockBody>;
      } catch {
        // a lock file cut short by a kill: nobody holds it
      }
      const sameHostDead = held.host === body.host && typeof held.pid === 'number' && !alive(held.pid);
      const old = typeof held.startedAt !== 'number' || now - held.startedAt > STALE_LOCK_MS;
      if (!sameHostDead && !old) {
        throw new AppError('BACKUP_BUSY', { since: new Date(held.startedAt ?? now).toLocaleString('vi-VN') });
      }
      await fs.rm(paths.lock, { force: true });
    }
  }
  throw new AppError('BACKUP_BUSY', { since: '?' });
}

/** Partial files of a run that was killed: never part of a committed backup, so they go. */
export async function clearLeftovers(paths: SetPaths): Promise<number> {
  const names = await fs.readdir(paths.tmp).catch(() => [] as string[]);
  await Promise.all(names.map((n) => fs.rm(join(paths.tmp, n), { force: true, recursive: true })));
  return names.length;
}

/** Committed backups of the set, oldest first (file names sort by time). */
export async function listSnapshotFiles(paths: SetPaths): Promise<string[]> {
  const names = await fs.readdir(paths.snapshots).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(BACKUP_EXTENSION)).sort().map((n) => join(paths.snapshots, n));
}

export function objectListPath(snapshotFile: string): string {
  return `${snapshotFile.slice(0, -BACKUP_EXTENSION.length)}${OBJECT_LIST_EXTENSION}`;
}

export async function readObjectList(snapshotFile: string): Promise<ObjectList | null> {
  try {
    return parseObjectList(await fs.readFile(objectListPath(snapshotFile), 'utf8'));
  } catch {
    return null;
  }
}

export type Retention = { removedSnapshots: string[]; removedObjects: number; keptObjects: number };

/**
 * Keeps the newest `keep` backups, then removes objects no kept backup lists. If a kept backup has lost its list, no
 * object is removed at all: better a set that grows than a backup that can no longer be restored.
 */
export async function applyRetention(paths: SetPaths, keep: number): Promise<Retention> {
  const files = await listSnapshotFiles(paths);
  const doomed = files.slice(0, Math.max(0, files.length - keep));
  for (const file of doomed) {
    await fs.rm(file, { force: true });
    await fs.rm(objectListPath(file), { force: true });
  }
  const kept = files.slice(doomed.length);
  // lists whose backup is gone (a run killed between writing the list and committing the backup)
  const keptNames = new Set(kept.map((f) => basename(objectListPath(f))));
  for (const name of await fs.readdir(paths.snapshots).catch(() => [] as string[])) {
    if (name.endsWith(OBJECT_LIST_EXTENSION) && !keptNames.has(name)) await fs.rm(join(paths.snapshots, name), { force: true });
  }
  await syncDir(paths.snapshots);
  const referenced = new Set<string>();
  for (const file of kept) {
    const list = await readObjectList(file);
    if (!list) return { removedSnapshots: doomed, removedObjects: 0, keptObjects: -1 };
    for (const o of list.objects) referenced.add(o.object);
  }
  let removedObjects = 0;
  for (const name of await listObjects(paths)) {
    if (referenced.has(name)) continue;
    await removeObject(paths, name);
    removedObjects++;
  }
  return { removedSnapshots: doomed, removedObjects, keptObjects: referenced.size };
}

const README = `Đại lý DVC - thư mục sao lưu dữ liệu của một quầy
=================================================

Đây là các bản sao lưu đã MÃ HOÁ của ứng dụng Đại lý DVC. Không ai đọc được nếu không có cụm mật khẩu khôi phục
in trên "Phiếu khôi phục dữ liệu" của điểm.

- snapshots/*.dvcbak : mỗi tệp là một lần sao lưu (cơ sở dữ liệu tại một thời điểm). Tên tệp là thời điểm (giờ UTC).
- objects/           : ảnh các trang hồ sơ, dùng chung cho mọi lần sao lưu. KHÔNG xoá hoặc sửa tệp nào trong đây.

Khôi phục trên máy mới: cài ứng dụng, chọn "Khôi phục từ bản sao lưu", chọn tệp .dvcbak mới nhất trong snapshots/,
nhập cụm mật khẩu khôi phục. Khi chép sang ổ khác, hãy chép cả thư mục này.

Encrypted backups of the Dai ly DVC app. Restore with the app and the office's recovery passphrase; copy this folder whole.
`;

export async function writeReadme(paths: SetPaths): Promise<void> {
  await fs.writeFile(paths.readme, README, { flag: 'w' });
}
