// Backups under load and under SIGKILL: consistent while intake writes go on; a killed run leaves the set and the database as they were.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKey } from '../../db/client';
import { listBackups, openBackup, verifyBackup } from '../../electron/core/backup/backup-reader';
import { backupDataFolder } from '../../electron/core/backup/data-folder-tools';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';
import { deriveDataKeys } from '../../electron/core/crypto/keys';
import { systemClock } from '../../electron/core/ports';
import { bundleChild, type ChildBundle } from '../support/child-bundle';
import { repoRoot, startHarness } from '../support/core-harness';

const work = mkdtempSync(join(tmpdir(), 'dvc-backup-crash-'));
const dataDir = join(work, 'data');
const folder = join(work, 'usb');
const setDir = join(folder, 'DaiLyDVC-DL001-01');
const PASS = 'den-long-pho-co-sao-luu';
let writer: ChildProcess | null = null;
let acked = 0;
// the children are bundled once and started with plain node instead of tsx (seconds of CPU per start)
let writerChild: ChildBundle;
let backupChild: ChildBundle;

function startWriter(): Promise<void> {
  return new Promise((resolveReady, reject) => {
    writer = spawn(process.execPath, [writerChild.file, dataDir, join(repoRoot, 'resources')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    writer.stdout?.on('data', (c: Buffer) => {
      buffer += c.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ACK ready') resolveReady();
        if (line.startsWith('ACK page ')) acked++;
      }
    });
    writer.once('exit', (code) => reject(new Error(`writer exited ${String(code)}`)));
  });
}

/** What the data folder's database holds, read without writing (the "untouched" check). */
async function databaseState(): Promise<{ ok: unknown; counts: Record<string, number> }> {
  const master = await createDevKeyVault(dataDir).read();
  if (!master) throw new Error('no key');
  const db = new Database(join(dataDir, 'dai-ly-dvc.sqlite'), { readonly: true });
  try {
    applyKey(db, deriveDataKeys(master).databaseHex);
    const counts: Record<string, number> = {};
    for (const t of ['dossiers', 'pages', 'blobs', 'audit_log', 'settings', 'status_events']) {
      counts[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    }
    return { ok: db.pragma('integrity_check', { simple: true }), counts };
  } finally {
    db.close();
  }
}

const committed = () => readdirSync(join(setDir, 'snapshots')).filter((n) => n.endsWith('.dvcbak')).sort();

beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  writerChild = await bundleChild(join(repoRoot, 'tests/support/intake-writer.ts'));
  backupChild = await bundleChild(join(repoRoot, 'tests/support/backup-child.ts'));
  // the office the intake writer signs into, with backups set up
  const h = await startHarness({ dataDir });
  const admin = (
    await h.call<{ token: string }>('setup.complete', null, {
      office: { code: 'DL001', name: 'Điểm bưu điện thử nghiệm', address: 'Số 1, phường Thử, Hà Nội' },
      admin: { username: 'admin', fullName: 'Quản trị viên', password: 'den-long-pho-co-2026' },
    })
  ).token;
  await h.call('backup.configure', admin, { folder, daily: false, dailyAt: '12:00', afterDayClose: false, keepLast: 10 });
  await h.call('backup.setPassphrase', admin, { passphrase: PASS, confirm: PASS });
  await h.close();
});

afterAll(() => {
  writer?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
  writerChild.remove();
  backupChild.remove();
});

describe('backup while the counter works', () => {
  it('is consistent under concurrent intake writes: each backup is one moment, every page with its file', async () => {
    await startWriter();
    await expect.poll(() => acked, { timeout: 60_000, interval: 200 }).toBeGreaterThan(5);
    const dossierCounts: number[] = [];
    for (let round = 0; round < 3; round++) {
      const result = await backupDataFolder({ dataDir, folder, vault: createDevKeyVault(dataDir), clock: systemClock });
      expect(result.missing).toBe(0);
      const report = await verifyBackup(await openBackup(result.file, PASS), join(work, 'verify'));
      // the page rows and the page files of the copy agree exactly (rows committed after the copy are not in it)
      expect(report.blobs).toBe(report.facts.blobs.length);
      expect(report.facts.pages).toBeGreaterThanOrEqual(report.facts.blobs.length);
      dossierCounts.push(report.facts.dossiers);
    }
    // enough pages for the kills below to land in the middle of the page step
    await expect.poll(() => acked, { timeout: 120_000, interval: 200 }).toBeGreaterThan(45);
    const exited = new Promise((r) => writer?.once('exit', r));
    writer?.kill('SIGKILL');
    await exited;
    // the writer went on during the backups: each later backup holds more
    expect(dossierCounts[2]).toBeGreaterThan(dossierCounts[0] ?? 0);
  });

  for (const phase of ['database', 'pages', 'verify'] as const) {
    it(`a SIGKILL during the "${phase}" step leaves the previous backups intact and the database untouched`, async () => {
      const before = committed();
      const db = await databaseState();
      const child = spawn(process.execPath, [backupChild.file, dataDir, folder, '80'], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const killedAt = await new Promise<string>((resolveKill, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          const text = c.toString();
          if (text.includes(`P ${phase} `) && child.exitCode === null) {
            child.kill('SIGKILL');
            resolveKill(text.trim().split('\n').pop() ?? '');
          }
          if (text.includes('DONE')) reject(new Error('the backup finished before it could be killed'));
        });
        child.once('exit', (code, signal) => {
          if (signal !== 'SIGKILL') reject(new Error(`child exited ${String(code)}`));
        });
      });
      await new Promise((r) => child.once('exit', r));
      expect(killedAt).toContain(phase);
      // the set: the same committed backups, each still opening and verifying completely
      expect(committed()).toEqual(before);
      const newest = (await listBackups(folder))[0];
      if (!newest) throw new Error('no backup');
      await verifyBackup(await openBackup(newest.file, PASS), join(work, 'verify'));
      // the database: as it was (the backup only reads it)
      expect(await databaseState()).toEqual(db);
      // the next run takes over the dead run's lock, clears its partial files and commits
      expect(existsSync(join(setDir, 'backup.lock'))).toBe(true);
      const next = await backupDataFolder({ dataDir, folder, vault: createDevKeyVault(dataDir), clock: systemClock });
      expect(committed()).toEqual([...before, next.file.split('/').pop()]);
      expect(readdirSync(join(setDir, 'tmp'))).toEqual([]);
    });
  }
});
