// The scanner's folder on disk: which files are page scans, whether one is still being written, moving imported ones out.
import { promises as fs } from 'node:fs';
import { extname, join } from 'node:path';

export type FolderFile = { name: string; size: number; mtimeMs: number };

/** Where earlier versions kept imported files (a dot folder, so the watcher skips it); emptied at start now. */
export const importedDirName = '.imported';

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
 * Removes an imported file from the scanner's folder once its page is committed (sealed in the blob store): the bytes
 * are overwritten with zeros and flushed first, then the name is unlinked, so the citizen's page is not left readable
 * in a plain folder (Law 91/2025: no personal data in plaintext). Returns false when the file is no longer there
 * (already removed before a crash, or taken away by the user). A file that comes back after a power cut (the unlink
 * not yet on disk) is found in the scan journal by name and content and removed again, never imported twice.
 */
export async function removeImported(folder: string, name: string): Promise<boolean> {
  const from = join(folder, name);
  if (!(await exists(from))) return false;
  // renamed out of the way first (atomic, and a dot name the watcher skips): a kill during the wipe then leaves
  // a hidden half-zeroed file that the next start finishes, never a zeroed "scan_0013.jpg" that looks like a new scan
  const hidden = join(folder, wipingPrefix + name);
  await fs.rename(from, hidden);
  await fsyncDir(folder);
  await wipeFile(hidden);
  await fs.rm(hidden, { force: true });
  await fsyncDir(folder);
  return true;
}

/** Prefix of a scan being wiped; such files left by a crash are finished by purgeImported at the next start. */
export const wipingPrefix = '.dvc-wipe-';

/** Overwrites a file's bytes with zeros in place and flushes them (best effort: a copy-on-write disk may keep old blocks). */
async function wipeFile(path: string): Promise<void> {
  const handle = await fs.open(path, 'r+').catch(() => null);
  if (!handle) return;
  try {
    const { size } = await handle.stat();
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let at = 0; at < size; at += zeros.length) await handle.write(zeros, 0, Math.min(zeros.length, size - at), at);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Finishes scans whose wipe a crash interrupted. Earlier versions moved imported scans to <folder>/.imported/<yyyy-MM-dd>/
 * and kept them 30 days, in plaintext: removes those folders (each file wiped first); only folders named yyyy-MM-dd,
 * nothing else. Returns how many day folders.
 */
export async function purgeImported(folder: string): Promise<number> {
  const root = join(folder, importedDirName);
  let removed = 0;
  for (const name of await fs.readdir(folder).catch(() => [] as string[])) {
    if (!name.startsWith(wipingPrefix)) continue;
    await wipeFile(join(folder, name));
    await fs.rm(join(folder, name), { force: true });
  }
  for (const day of await fs.readdir(root).catch(() => [] as string[])) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
    const dir = join(root, day);
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) await wipeFile(join(dir, name));
    await fs.rm(dir, { recursive: true, force: true });
    removed++;
  }
  await fs.rmdir(root).catch(() => undefined); // only when empty: anything else the office put there stays
  return removed;
}
