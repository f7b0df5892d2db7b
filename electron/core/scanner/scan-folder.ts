// The scanner's folder on disk: which files are page scans, whether one is still being written, moving imported ones out.
import { promises as fs } from 'node:fs';
import { extname, join } from 'node:path';

export type FolderFile = { name: string; size: number; mtimeMs: number };

/** Where imported files go (a dot folder, so the watcher and most file dialogs skip it); kept this many days. */
export const importedDirName = '.imported';
export const importedRetentionDays = 30;

const pageExtensions = new Set(['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.pdf']);

/**
 * Names scanners and copy tools use while a file is unfinished: "~scan.jpg", "scan.jpg.tmp", "scan.partial",
 * "scan.jpg.part", browser downloads; plus hidden and system files.
 */
export function isTemporaryName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('~') ||
    lower.startsWith('.') ||
    /\.(tmp|temp|partial|part|crdownload|download|lock)$/.test(lower) ||
    lower === 'thumbs.db' ||
    lower === 'desktop.ini'
  );
}

export function isPageFileName(name: string): boolean {
  return !isTemporaryName(name) && pageExtensions.has(extname(name).toLowerCase());
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Scanner order: by name with numbers compared as numbers (scan2 before scan10), then by modification time. */
export function scanOrder(a: FolderFile, b: FolderFile): number {
  return collator.compare(a.name, b.name) || a.mtimeMs - b.mtimeMs;
}

/** Page files directly in the folder, in scanner order. Throws when the folder cannot be read. */
export async function listPageFiles(folder: string): Promise<FolderFile[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const files: FolderFile[] = [];
  for (const e of entries) {
    if (!e.isFile() || !isPageFileName(e.name)) continue;
    try {
      const st = await fs.stat(join(folder, e.name));
      files.push({ name: e.name, size: st.size, mtimeMs: Math.floor(st.mtimeMs) });
    } catch {
      // gone between readdir and stat (moved by the user or the scanner's own rename): not there
    }
  }
  return files.sort(scanOrder);
}

/**
 * On Windows a scanner (or a copy) still writing a file holds it without write sharing: opening it for writing
 * fails with a sharing violation, which libuv reports as EBUSY. EPERM/EACCES (a read-only file, permissions) are not
 * "still writing": waiting would block every later page, so such a file is taken (and a failed move is reported).
 * POSIX has no such locks; there the size-and-time stability check is what counts.
 */
export async function isFreeToTake(path: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (platform !== 'win32') return true;
  try {
    const handle = await fs.open(path, 'r+');
    await handle.close();
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'EBUSY';
  }
}

async function fsyncDir(path: string): Promise<void> {
  try {
    const handle = await fs.open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory for fsync; its rename is already durable enough through NTFS journaling
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Moves an imported file to <folder>/.imported/<yyyy-MM-dd>/ (a rename, atomic on one volume), never over another
 * file. Returns false when the file is no longer there (already moved before a crash, or taken away by the user).
 */
export async function moveToImported(folder: string, name: string, day: string): Promise<boolean> {
  const from = join(folder, name);
  if (!(await exists(from))) return false;
  const dir = join(folder, importedDirName, day);
  await fs.mkdir(dir, { recursive: true });
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let target = join(dir, name);
  for (let n = 2; await exists(target); n++) target = join(dir, `${stem} (${String(n)})${ext}`);
  await fs.rename(from, target);
  await fsyncDir(folder);
  await fsyncDir(dir);
  return true;
}

/** Deletes day folders in .imported older than the retention; only folders named yyyy-MM-dd, nothing else. */
export async function purgeImported(folder: string, today: string, retentionDays = importedRetentionDays): Promise<number> {
  const root = join(folder, importedDirName);
  const limit = new Date(Date.parse(`${today}T00:00:00Z`) - retentionDays * 86_400_000).toISOString().slice(0, 10);
  let removed = 0;
  for (const day of await fs.readdir(root).catch(() => [] as string[])) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day >= limit) continue;
    await fs.rm(join(root, day), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
