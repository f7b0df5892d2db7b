// Files only this OS user may read: modes 0600/0700 on POSIX, an ACL granting the current user alone on Windows (icacls).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Runs a program and resolves with its exit code (a port, so tests can see the arguments). */
export type RunProgram = (file: string, args: string[]) => Promise<number>;

export const runProgram: RunProgram = (file, args) =>
  new Promise((resolve) => {
    execFile(file, args, { windowsHide: true, timeout: 60_000 }, (error) => {
      resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0);
    });
  });

/** DOMAIN\user of the signed-in Windows account, as icacls takes it. */
export function windowsAccount(env: NodeJS.ProcessEnv = process.env, user = userInfo().username): string {
  const domain = env.USERDOMAIN;
  return domain ? `${domain}\\${user}` : user;
}

/**
 * icacls arguments that leave `path` readable by `account` alone: inherited entries removed (/inheritance:r), every
 * explicit grant replaced by full control for the account (/grant:r), inherited by files and folders created inside
 * later ((OI)(CI)), applied to what is already there (/T). Administrators can still take ownership: DPAPI and this ACL
 * protect against other users of the counter PC, not against its administrator.
 */
export function windowsAclArgs(path: string, account: string): string[] {
  return [path, '/inheritance:r', '/grant:r', `${account}:(OI)(CI)F`, '/T', '/C', '/Q'];
}

/**
 * Makes `dir` (and everything already in it) private to this user. POSIX: chmod 0700 folders, 0600 files. Windows:
 * the ACL above; mode bits mean little there. Returns false when the Windows ACL could not be set (the caller logs it).
 */
export async function makeTreePrivate(
  dir: string,
  opts: { platform?: NodeJS.Platform; run?: RunProgram; account?: string } = {},
): Promise<boolean> {
  const platform = opts.platform ?? process.platform;
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (platform === 'win32') {
    const run = opts.run ?? runProgram;
    return (await run('icacls', windowsAclArgs(dir, opts.account ?? windowsAccount()))) === 0;
  }
  await chmodTree(dir);
  return true;
}

async function chmodTree(dir: string): Promise<void> {
  await fs.chmod(dir, PRIVATE_DIR_MODE);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await chmodTree(path);
    else if (entry.isFile()) await fs.chmod(path, PRIVATE_FILE_MODE);
  }
}

/** A folder that only this user may enter (POSIX mode; on Windows the parent's inherited ACL applies). */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates `path` empty with mode 0600 if it does not exist, so that what SQLite opens later (and the -wal/-shm files it
 * creates with the database's own mode) is private from the first byte.
 */
export async function touchPrivateFile(path: string): Promise<void> {
  const handle = await fs.open(path, 'a', PRIVATE_FILE_MODE);
  await handle.close();
  if (process.platform !== 'win32') await fs.chmod(path, PRIVATE_FILE_MODE);
}

/** Writes a small file atomically and privately: temp file (0600), fsync, rename, fsync of the folder. */
export async function writePrivateFileAtomic(path: string, body: string | Uint8Array, tmpSuffix: string): Promise<void> {
  const tmp = `${path}.${tmpSuffix}.tmp`;
  const handle = await fs.open(tmp, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, path);
  await syncDir(join(path, '..'));
}

export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself
  }
}
