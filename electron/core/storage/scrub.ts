// Best-effort overwrite of plaintext left from before encryption: old inodes kept alive by a hard link, temp files.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

const ZEROS = Buffer.alloc(1 << 20);

/**
 * Overwrites a file with zeros, syncs, and removes it. Best effort: on an SSD or a copy-on-write file system the old
 * blocks may survive elsewhere; it still keeps the bytes out of any file and out of a simple undelete.
 */
export async function overwriteAndRemove(path: string): Promise<void> {
  try {
    const handle = await fs.open(path, 'r+');
    try {
      const { size } = await handle.stat();
      for (let at = 0; at < size; at += ZEROS.length) await handle.write(ZEROS, 0, Math.min(ZEROS.length, size - at), at);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // gone already, or not writable: removed below all the same
  }
  await fs.rm(path, { force: true });
}

/**
 * Empties the upgrade's work folder. A `*.plaintext-old` file is a second name of a plaintext file that was replaced by
 * its encrypted copy: once that was its only name (nlink 1) it is overwritten first. With two names the original is
 * still in use (a crash before the swap), so only this extra name goes.
 */
export async function scrubWorkDir(workDir: string): Promise<number> {
  let scrubbed = 0;
  for (const name of await fs.readdir(workDir).catch(() => [] as string[])) {
    const path = join(workDir, name);
    const st = await fs.lstat(path).catch(() => null);
    if (!st) continue;
    if (st.isFile() && name.endsWith('.plaintext-old') && st.nlink === 1) {
      await overwriteAndRemove(path);
      scrubbed++;
    } else {
      await fs.rm(path, { recursive: true, force: true });
    }
  }
  return scrubbed;
}

/** The folders `dai-ly-dvc-print-*` versions before 0.2 left in the temp folder, each holding a receipt PDF. */
export const OLD_PRINT_DIR_PREFIX = 'dai-ly-dvc-print-';

/** Overwrites and removes those folders under `tmpRoot`; returns how many. Never throws (it runs at start). */
export async function scrubOldPrintFiles(tmpRoot: string): Promise<number> {
  let removed = 0;
  for (const name of await fs.readdir(tmpRoot).catch(() => [] as string[])) {
    if (!name.startsWith(OLD_PRINT_DIR_PREFIX)) continue;
    const dir = join(tmpRoot, name);
    try {
      for (const file of await fs.readdir(dir)) await overwriteAndRemove(join(dir, file));
      await fs.rm(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // another OS user's folder, or gone meanwhile: left alone
    }
  }
  return removed;
}
