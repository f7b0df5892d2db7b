// Restore, step 2 (at start, before the database is opened): swap the staged folder in, resumable after a kill.
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { syncDir, writePrivateFileAtomic } from '../crypto/private-files';
import type { Logger } from '../ports';
import { DATABASE_FILE } from '../storage/encryption-upgrade';
import { RESTORE_READY, RESTORE_STAGE_DIR, type ReadyMarker } from './restore-stage';

/** What the restore replaced, kept (encrypted, as it was) for a week in case the wrong backup was chosen. */
export const BEFORE_RESTORE_DIR = 'before-restore';
const KEEP_BEFORE_RESTORE_MS = 7 * 24 * 60 * 60 * 1000;

const DB = DATABASE_FILE;

async function readMarker(path: string): Promise<ReadyMarker | null> {
  try {
    return JSON.parse(await fs.readFile(path, 'utf8')) as ReadyMarker;
  } catch {
    return null;
  }
}

async function moveIfPresent(from: string, to: string): Promise<void> {
  if (!existsSync(from)) return;
  await fs.rm(to, { recursive: true, force: true });
  await fs.rename(from, to);
}

/**
 * Finishes a staged restore: the live database (with its -wal/-shm) and blobs go to before-restore/, the staged ones
 * take their place. Every step is a rename whose done-ness can be seen on disk (a staged item still there = not
 * moved in yet), so a kill anywhere is finished by the next start. A stage without its READY marker was cut short
 * while being built: it is removed and the live data stays. Returns true when a restore was applied.
 */
export async function finishStagedRestore(dataDir: string, logger: Logger, now = Date.now()): Promise<boolean> {
  const stage = join(dataDir, RESTORE_STAGE_DIR);
  const aside = join(dataDir, BEFORE_RESTORE_DIR);
  await purgeOldBeforeRestore(aside, now);
  if (!existsSync(stage)) return false;
  const readyPath = join(stage, RESTORE_READY);
  const marker = await readMarker(readyPath);
  if (!marker) {
    logger.warn('restore: incomplete stage removed, live data kept');
    await fs.rm(stage, { recursive: true, force: true });
    return false;
  }
  if (marker.phase === 'staged') {
    await fs.rm(aside, { recursive: true, force: true });
    await fs.mkdir(aside, { recursive: true, mode: 0o700 });
    await fs.writeFile(join(aside, 'replaced-at.txt'), String(now));
    await writePrivateFileAtomic(readyPath, JSON.stringify({ ...marker, phase: 'swapping' } satisfies ReadyMarker), 'swap');
  }
  // the old database's WAL must never meet the new database file: moved aside first, whatever else happened
  if (existsSync(join(stage, DB))) {
    for (const suffix of ['-wal', '-shm', '-journal']) await moveIfPresent(join(dataDir, `${DB}${suffix}`), join(aside, `${DB}${suffix}`));
    await moveIfPresent(join(dataDir, DB), join(aside, DB));
    await fs.rename(join(stage, DB), join(dataDir, DB));
  }
  if (existsSync(join(stage, 'blobs'))) {
    await moveIfPresent(join(dataDir, 'blobs'), join(aside, 'blobs'));
    await fs.rename(join(stage, 'blobs'), join(dataDir, 'blobs'));
  }
  await syncDir(dataDir);
  await fs.rm(stage, { recursive: true, force: true });
  logger.info('restore applied', { run: marker.run, backupCreatedAt: marker.backupCreatedAt });
  return true;
}

async function purgeOldBeforeRestore(aside: string, now: number): Promise<void> {
  try {
    const at = Number(await fs.readFile(join(aside, 'replaced-at.txt'), 'utf8'));
    if (Number.isFinite(at) && now - at > KEEP_BEFORE_RESTORE_MS) await fs.rm(aside, { recursive: true, force: true });
  } catch {
    // nothing replaced yet
  }
}
