// `npm run bench:backup`: backup time and size for a generated office (10,000 dossiers, 50,000 pages by default):
// the first (full) backup, the next one after a day of work (incremental), one with nothing new, verify and restore.
// Prints figures only; nothing here passes or fails on time.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackup, verifyBackup } from '../../electron/core/backup/backup-reader';
import type { BackupResult } from '../../electron/core/backup/backup-writer';
import { backupDataFolder, restoreDataFolder } from '../../electron/core/backup/data-folder-tools';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { createOffice, folderBytes, openSeeder, seedOffice } from './backup-seed';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '10000' },
    pages: { type: 'string', default: '50000' },
    /** a scanned A4 page at 150 dpi, greyscale JPEG, is 50-150 KB; sizes are drawn 0.5x..1.5x around this */
    'page-kb': { type: 'string', default: '80' },
    /** the day of work between the full and the incremental backup (pages: 5 per dossier) */
    'day-dossiers': { type: 'string', default: '100' },
    seed: { type: 'string', default: '2026' },
    'skip-restore': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const n = (k: 'dossiers' | 'pages' | 'page-kb' | 'day-dossiers' | 'seed') => Number(values[k]);
const PASS = 'bench-sao-luu-cum-mat-khau-2026';
const MB = 1_048_576;

type Timed<T> = { value: T; wallS: number; cpuS: number };
async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wallS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6 };
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);
const s = (x: number) => x.toFixed(1);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** One backup of the office's folder, with the time spent in each phase. */
async function backup(dataDir: string, folder: string): Promise<Timed<BackupResult> & { phases: Record<string, number> }> {
  const phases: Record<string, number> = {};
  let phase = '';
  let since = performance.now();
  const result = await timed(() =>
    backupDataFolder({
      dataDir,
      folder,
      vault: createDevKeyVault(dataDir),
      clock: systemClock,
      onProgress: (p) => {
        if (p.phase === phase) return;
        const now = performance.now();
        if (phase) phases[phase] = (phases[phase] ?? 0) + (now - since) / 1000;
        phase = p.phase;
        since = now;
      },
    }),
  );
  if (phase) phases[phase] = (phases[phase] ?? 0) + (performance.now() - since) / 1000;
  return { ...result, phases };
}

function row(label: string, b: Timed<BackupResult> & { phases: Record<string, number> }): string {
  const r = b.value;
  const phases = Object.entries(b.phases)
    .map(([k, v]) => `${k} ${s(v)}`)
    .join(', ');
  return `| ${label} | ${r.dossiers} | ${r.pages} | ${r.objectsWritten} new / ${r.objectsReused} reused | ${mb(r.bytesWritten)} | ${mb(r.bytesTotal)} | ${s(b.wallS)} | ${s(b.cpuS)} | ${phases} |`;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'dvc-bench-backup-'));
  log(`bench:backup  ${n('dossiers')} dossiers, ${n('pages')} pages of ~${n('page-kb')} KB (0.5x..1.5x), seed ${n('seed')}; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1) ?? '?'}; work folder ${root}`);
  try {
    const office = await timed(() => createOffice(root, PASS));
    const { dataDir, folder } = office.value;
    log(`set-up through the core (catalog import, recovery passphrase at production scrypt cost): ${s(office.wallS)} s`);

    const firstDay = Date.parse('2026-06-01T01:00:00Z');
    const seeder = await openSeeder(dataDir);
    let lastPrint = 0;
    const seeded = await timed(() =>
      seedOffice(seeder, { dossiers: n('dossiers'), pages: n('pages'), meanPageBytes: n('page-kb') * 1024, firstDay, days: 120, seed: n('seed'), startSeq: 1 }, (done) => {
        if (Date.now() - lastPrint > 15_000 && process.stderr.isTTY) process.stderr.write(`  seeding ${done}/${n('dossiers')}\r`);
        if (Date.now() - lastPrint > 15_000) lastPrint = Date.now();
      }),
    );
    seeder.close();
    const dataBytes = folderBytes(dataDir);
    log(`generated in ${s(seeded.wallS)} s: page files ${mb(seeded.value)} MB, data folder ${mb(dataBytes)} MB (database + sealed page files)`);

    const full = await backup(dataDir, folder);
    // a day of work at the counter, then the evening backup
    const day = await openSeeder(dataDir);
    await seedOffice(day, { dossiers: n('day-dossiers'), pages: n('day-dossiers') * 5, meanPageBytes: n('page-kb') * 1024, firstDay: firstDay + 130 * 86_400_000, days: 1, seed: n('seed') + 1, startSeq: n('dossiers') + 1 });
    day.close();
    const incremental = await backup(dataDir, folder);
    const unchanged = await backup(dataDir, folder);

    log('');
    log('| backup | dossiers | pages | page objects | written MB | whole backup MB | wall s | CPU s | phases (wall s) |');
    log('|---|---|---|---|---|---|---|---|---|');
    log(row('full (first)', full));
    log(row(`incremental (+${n('day-dossiers')} dossiers, ${n('day-dossiers') * 5} pages)`, incremental));
    log(row('incremental (nothing new)', unchanged));
    log('');
    log(`backup set on the target after 3 runs: ${mb(folderBytes(folder))} MB; incremental wrote ${((incremental.value.bytesWritten / full.value.bytesWritten) * 100).toFixed(1)}% of the full backup's bytes in ${((incremental.wallS / full.wallS) * 100).toFixed(0)}% of its time`);
    log(`throughput of the full backup: ${mb(full.value.bytesWritten / full.wallS)} MB/s wall, ${(full.value.pages / full.wallS).toFixed(0)} pages/s`);

    const verify = await timed(async () => verifyBackup(await openBackup(unchanged.value.file, PASS), join(root, 'verify')));
    log(`verify the newest backup with the passphrase (every object re-read and checked): ${s(verify.wallS)} s wall, ${s(verify.cpuS)} s CPU, ${verify.value.blobs} objects`);
    if (!values['skip-restore']) {
      const fresh = join(root, 'new-pc');
      const restored = await timed(() =>
        restoreDataFolder({ file: unchanged.value.file, passphrase: PASS, dataDir: fresh, vault: createDevKeyVault(fresh), clock: systemClock, logger: silentLogger }),
      );
      log(`restore onto an empty data folder (new PC key, every page re-sealed): ${s(restored.wallS)} s wall, ${s(restored.cpuS)} s CPU, ${restored.value.dossiers} dossiers, ${restored.value.pages} pages`);
    }
  } finally {
    if (values.keep) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
