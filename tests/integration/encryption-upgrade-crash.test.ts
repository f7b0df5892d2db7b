// Crash test of the one-time encryption of a plaintext data folder: SIGKILL at random moments of the upgrade (and of the
// writes after it). After each kill the database is usable as either its old plaintext self or its new encrypted self,
// every blob is either its plaintext or a sealed copy of it; once the app starts again, every acknowledged row and blob is
// there, encrypted, and nothing is left in plaintext.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKey, closeDatabase, databaseFileState, openDatabase } from '../../db/client';
import { isSealed, openSealedBytes } from '../../electron/core/crypto/file-cipher';
import { silentLogger } from '../../electron/core/logger';
import { blobContext, createBlobStore, sha256Hex } from '../../electron/core/storage/blob-store';
import { DATABASE_FILE, ENCRYPTION_MARKER, openEncryptedDataDir, UPGRADE_WORK_DIR } from '../../electron/core/storage/encryption-upgrade';
import { checkStorageIntegrity } from '../../electron/core/storage/integrity';
import { openApp, seedDossiers } from '../../scripts/bench/sync-seed';
import { createDevKeyVault, dataKeysOf } from '../support/encrypted-data';

const repo = resolve(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'dvc-upgrade-crash-'));
const template = join(root, 'template');
const UPGRADE_KILLS = 20;
const MAX_ROUNDS = 34;
/** the child, bundled once: it starts in ~1/3 of the time tsx takes to compile it on every start */
const childBundle = join(repo, 'node_modules', '.cache', 'dvc-test-children', 'encryption-upgrade-child.mjs');
beforeAll(async () => {
  await build({ entryPoints: [join(repo, 'tests/support/encryption-upgrade-child.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: childBundle, logLevel: 'warning' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Seeded = { dossiers: string[]; blobs: string[] };

/** A plaintext folder as the old versions leave it: 60 dossiers with a page each, the last ones only in the WAL. */
async function makeTemplate(): Promise<Seeded> {
  const stage = join(root, 'stage');
  const app = openApp(stage);
  const first = await seedDossiers(app, { dossiers: 50, pages: 1, pageBytes: [8_000, 40_000], queue: false });
  app.db.$client.pragma('wal_autocheckpoint = 0');
  const last = await seedDossiers(app, { dossiers: 10, pages: 1, pageBytes: [8_000, 40_000], queue: false });
  mkdirSync(template, { recursive: true });
  for (const s of ['', '-wal']) copyFileSync(join(stage, `${DATABASE_FILE}${s}`), join(template, `${DATABASE_FILE}${s}`));
  cpSync(join(stage, 'blobs'), join(template, 'blobs'), { recursive: true });
  closeDatabase(app.db);
  const all = [...first, ...last];
  return { dossiers: all.map((d) => d.id), blobs: all.flatMap((d) => d.shas) };
}

type Run = { steps: string[]; acks: Map<string, string>; killedAt: number; stepTimes: Map<string, number> };

function runChild(dataDir: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [childBundle, dataDir, join(repo, 'db', 'migrations')], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { steps: [], acks: new Map(), killedAt: -1, stepTimes: new Map() };
    let buffer = '';
    let stderr = '';
    let started = 0;
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const [tag, a, b] = buffer.slice(0, nl).split(' ');
        buffer = buffer.slice(nl + 1);
        if (tag === 'START') {
          started = performance.now();
          if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        } else if (tag === 'STEP' && a) {
          run.steps.push(a);
          run.stepTimes.set(a.split(':')[0] === 'blob' ? 'blob' : a, Number(b));
        } else if (tag === 'OPEN') {
          run.steps.push('open');
          if (killAfterMs === null) child.kill('SIGKILL'); // calibration: the upgrade is timed, then stop
        } else if (tag === 'ACK' && a && b) run.acks.set(a, b);
      }
    });
    child.on('exit', (code, signal) => {
      run.killedAt = started ? performance.now() - started : -1;
      if (signal === 'SIGKILL') resolveRun(run);
      else reject(new Error(`child exited ${String(code)} before the kill: ${stderr}`));
    });
  });
}

/** Right after the kill, before anything runs again: the old or the new database opens and holds every seeded row. */
function checkEitherState(dataDir: string, seeded: Seeded): 'plaintext' | 'encrypted' {
  const path = join(dataDir, DATABASE_FILE);
  const state = databaseFileState(path);
  expect(['plaintext', 'encrypted']).toContain(state);
  const db = new Database(path);
  try {
    if (state === 'encrypted') applyKey(db, dataKeysOf(dataDir).databaseHex);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    const ids = new Set((db.prepare('SELECT id FROM dossiers').all() as { id: string }[]).map((r) => r.id));
    for (const id of seeded.dossiers) expect(ids.has(id), `dossier ${id}`).toBe(true);
  } finally {
    db.close();
  }
  for (const sha of seeded.blobs) {
    const bytes = readFileSync(join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha));
    const plain = isSealed(bytes) ? openSealedBytes(dataKeysOf(dataDir).files, bytes, blobContext(sha)) : bytes;
    expect(sha256Hex(plain), `blob ${sha.slice(0, 12)}`).toBe(sha);
  }
  return state === 'encrypted' ? 'encrypted' : 'plaintext';
}

/** The app starting again: the upgrade finishes, then every acknowledged row and blob is there and readable. */
async function checkAfterRestart(dataDir: string, seeded: Seeded, acks: Map<string, string>): Promise<void> {
  const { keys } = await openEncryptedDataDir({ dataDir, vault: createDevKeyVault(dataDir), logger: silentLogger });
  expect(databaseFileState(join(dataDir, DATABASE_FILE))).toBe('encrypted');
  expect(existsSync(join(dataDir, ENCRYPTION_MARKER))).toBe(true);
  expect(existsSync(join(dataDir, UPGRADE_WORK_DIR))).toBe(false);
  const db = openDatabase(join(dataDir, DATABASE_FILE), { key: keys.databaseHex });
  const blobs = createBlobStore(join(dataDir, 'blobs'), { fileKey: keys.files });
  try {
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = new Set((db.$client.prepare('SELECT id FROM dossiers').all() as { id: string }[]).map((r) => r.id));
    for (const id of seeded.dossiers) expect(ids.has(id), `dossier ${id} lost`).toBe(true);
    const pages = new Map((db.$client.prepare('SELECT id, blob_sha256 AS sha FROM pages').all() as { id: string; sha: string }[]).map((r) => [r.id, r.sha]));
    for (const [id, sha] of acks) expect(pages.get(id), `acknowledged page ${id} lost`).toBe(sha);
    for (const sha of [...seeded.blobs, ...acks.values()]) expect(sha256Hex(await blobs.read(sha))).toBe(sha);
    const report = await checkStorageIntegrity(db, blobs, join(dataDir, 'blobs'), silentLogger);
    expect(report.missingFiles).toEqual([]);
    for (const sha of await blobs.list()) {
      const head = readFileSync(blobs.pathOf(sha)).subarray(0, 8);
      expect(isSealed(head), `blob ${sha.slice(0, 12)} still plaintext`).toBe(true);
    }
    expect(readdirSync(join(dataDir, 'blobs', 'tmp')).filter((n) => n.endsWith('.upgrade.part'))).toEqual([]);
  } finally {
    closeDatabase(db);
  }
}

function phaseOf(steps: string[]): string {
  const last = steps.at(-1);
  if (!last) return 'before the database copy';
  if (last === 'open' || last === 'done') return 'after the upgrade (intake writes)';
  return last.startsWith('blob:') ? 'sealing blobs' : last;
}

describe('encrypting a plaintext data folder in place survives SIGKILL', () => {
  it(`keeps the old or the new database usable, and loses nothing, over ${String(UPGRADE_KILLS)}+ kills during the upgrade`, async () => {
    const t0 = performance.now();
    const seeded = await makeTemplate();
    const calibration = join(root, 'calibration');
    cpSync(template, calibration, { recursive: true });
    const timing = await runChild(calibration, null);
    const dbDone = timing.stepTimes.get('database:swapped') ?? 50;
    const allDone = timing.stepTimes.get('done') ?? 500;
    await checkAfterRestart(calibration, seeded, timing.acks);
    if (process.env.DVC_CRASH_VERBOSE) console.log(`calibrated: upgrade ${allDone.toFixed(0)} ms, database ${dbDone.toFixed(0)} ms; ${(performance.now() - t0).toFixed(0)} ms so far`);

    let seed = 20261202;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const phases = new Map<string, number>();
    let duringUpgrade = 0;
    let rounds = 0;
    let acked = 0;
    for (; rounds < MAX_ROUNDS && duringUpgrade < UPGRADE_KILLS; rounds++) {
      const dataDir = join(root, `round-${String(rounds)}`);
      cpSync(template, dataDir, { recursive: true });
      // every third kill aimed at the short database phase, the others anywhere up to a little past the end
      const at = rounds % 3 === 0 ? random() * dbDone * 1.3 : random() * allDone * 1.25;
      const run = await runChild(dataDir, at);
      const phase = phaseOf(run.steps);
      phases.set(phase, (phases.get(phase) ?? 0) + 1);
      if (!phase.startsWith('after')) duringUpgrade++;
      checkEitherState(dataDir, seeded);
      await checkAfterRestart(dataDir, seeded, run.acks);
      acked += run.acks.size;
      rmSync(dataDir, { recursive: true, force: true });
      if (process.env.DVC_CRASH_VERBOSE) console.log(`round ${String(rounds)}: kill at ${at.toFixed(0)} ms, ${phase}, ${(performance.now() - t0).toFixed(0)} ms so far`);
    }
    console.log(
      `upgrade crash test: ${String(rounds)} kills (${String(duringUpgrade)} during the upgrade; upgrade of ${String(seeded.dossiers.length)} dossiers / ${String(seeded.blobs.length)} blobs takes ~${allDone.toFixed(0)} ms, database phase ~${dbDone.toFixed(0)} ms); ` +
        `where they landed: ${[...phases].map(([k, v]) => `${k} ${String(v)}`).join(', ')}; ${String(acked)} writes acknowledged after upgrades, none lost`,
    );
    expect(duringUpgrade).toBeGreaterThanOrEqual(UPGRADE_KILLS);
    expect(phases.size).toBeGreaterThanOrEqual(3);
  });
});
