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
/** kills that must land during the upgrade itself; a few more land among the writes after it */
const UPGRADE_KILLS = 21;
const TOTAL_KILLS = 24;
const KILLS_PER_FOLDER = 3;
/** the child, bundled once: it starts in ~1/3 of the time tsx takes to compile it on every start */
const childBundle = join(repo, 'node_modules', '.cache', 'dvc-test-children', 'encryption-upgrade-child.mjs');
beforeAll(async () => {
  await build({ entryPoints: [join(repo, 'tests/support/encryption-upgrade-child.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: childBundle, logLevel: 'warning' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Seeded = { dossiers: string[]; blobs: string[] };

/** A plaintext folder as the old versions leave it: 36 dossiers with a page each, the last ones only in the WAL. */
async function makeTemplate(): Promise<Seeded> {
  const stage = join(root, 'stage');
  const app = openApp(stage);
  const first = await seedDossiers(app, { dossiers: 30, pages: 1, pageBytes: [8_000, 40_000], queue: false });
  app.db.$client.pragma('wal_autocheckpoint = 0');
  const last = await seedDossiers(app, { dossiers: 6, pages: 1, pageBytes: [8_000, 40_000], queue: false });
  mkdirSync(template, { recursive: true });
  for (const s of ['', '-wal']) copyFileSync(join(stage, `${DATABASE_FILE}${s}`), join(template, `${DATABASE_FILE}${s}`));
  cpSync(join(stage, 'blobs'), join(template, 'blobs'), { recursive: true });
  closeDatabase(app.db);
  const all = [...first, ...last];
  return { dossiers: all.map((d) => d.id), blobs: all.flatMap((d) => d.shas) };
}

type Run = { steps: string[]; acks: Map<string, string>; stepTimes: Map<string, number> };
/** kill `delayMs` after the child reports `event` (START, a step, or OPEN); null: run to OPEN and stop (calibration) */
type KillPlan = { event: string; delayMs: number } | null;

function runChild(dataDir: string, plan: KillPlan): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [childBundle, dataDir, join(repo, 'db', 'migrations')], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { steps: [], acks: new Map(), stepTimes: new Map() };
    let buffer = '';
    let stderr = '';
    let armed = false;
    const arm = (event: string) => {
      if (plan && !armed && event === plan.event) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), plan.delayMs);
      }
    };
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const [tag, a, b] = buffer.slice(0, nl).split(' ');
        buffer = buffer.slice(nl + 1);
        if (tag === 'START') arm('START');
        else if (tag === 'STEP' && a) {
          run.steps.push(a);
          run.stepTimes.set(a, Number(b));
          arm(a);
        } else if (tag === 'OPEN') {
          run.steps.push('open');
          if (plan === null) child.kill('SIGKILL'); // calibration: the upgrade is timed, then stop
          arm('OPEN');
          if (!armed) child.kill('SIGKILL'); // the planned moment never came: the upgrade was further on than planned
          armed = true;
        } else if (tag === 'ACK' && a && b) run.acks.set(a, b);
      }
    });
    child.on('exit', (code, signal) => {
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
  if (!last) return 'start (key, scrub), before any step';
  if (last === 'open' || last === 'done') return 'after the upgrade (intake writes)';
  return last.startsWith('blob:') ? 'sealing blobs' : last;
}

type Calibration = { events: (readonly [string, number])[]; allDone: number; dbDone: number };

/** The upgrade's events in order, with when each came in an uninterrupted run: a kill lands between one and the next. */
function calibrationOf(run: Run): Calibration {
  return {
    events: [['START', 0] as const, ...[...run.stepTimes].filter(([e]) => e !== 'done')],
    allDone: run.stepTimes.get('done') ?? 0,
    dbDone: run.stepTimes.get('database:swapped') ?? 0,
  };
}

/**
 * Where the next kill goes in a folder: after the writes once the upgrade is done (or when `writes` asks for it),
 * otherwise at a random moment of what is left of the upgrade (the database steps only while it is plaintext).
 */
function planKill(dataDir: string, cal: Calibration, random: () => number, opts: { writes: boolean; database: boolean }): KillPlan {
  if (opts.writes || existsSync(join(dataDir, ENCRYPTION_MARKER))) return { event: 'OPEN', delayMs: 300 + random() * 900 }; // long enough for some writes to be acknowledged
  const plaintext = databaseFileState(join(dataDir, DATABASE_FILE)) === 'plaintext';
  const candidates = cal.events.filter(([e]) => (e.startsWith('database:') ? plaintext : !opts.database || e === 'START'));
  const [event] = candidates[Math.floor(random() * candidates.length)] ?? ['START'];
  const i = cal.events.findIndex(([e]) => e === event);
  const gap = Math.max(1, (cal.events[i + 1]?.[1] ?? cal.allDone) - (cal.events[i]?.[1] ?? 0));
  return { event, delayMs: random() * gap };
}

describe('encrypting a plaintext data folder in place survives SIGKILL', () => {
  it(`keeps the old or the new database usable, and loses nothing, over ${String(UPGRADE_KILLS)}+ kills during the upgrade`, async () => {
    const t0 = performance.now();
    const seeded = await makeTemplate();
    const calibration = join(root, 'calibration');
    cpSync(template, calibration, { recursive: true });
    const timing = await runChild(calibration, null);
    await checkAfterRestart(calibration, seeded, timing.acks);
    const cal = calibrationOf(timing);

    let seed = 20261202;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const phases = new Map<string, number>();
    let kills = 0;
    let duringUpgrade = 0;
    let acked = 0;
    // Each folder is killed up to KILLS_PER_FOLDER times in a row: the later kills land in an upgrade that resumes what
    // a kill interrupted (as on a counter PC that loses power twice). Every few folders the last kill hits the writes.
    for (let folder = 0; duringUpgrade < UPGRADE_KILLS || kills < TOTAL_KILLS; folder++) {
      if (folder >= 3 * TOTAL_KILLS) throw new Error('the kills do not land where they should');
      const dataDir = join(root, `folder-${String(folder)}`);
      cpSync(template, dataDir, { recursive: true });
      const acks = new Map<string, string>();
      for (let k = 0; k < KILLS_PER_FOLDER; k++) {
        // every other folder starts with a kill aimed at the database phase (short), every fourth ends among the writes
        const plan = planKill(dataDir, cal, random, { database: k === 0 && folder % 2 === 0, writes: k === KILLS_PER_FOLDER - 1 && folder % 4 === 3 });
        const run = await runChild(dataDir, plan);
        kills++;
        const phase = phaseOf(run.steps);
        phases.set(phase, (phases.get(phase) ?? 0) + 1);
        if (!phase.startsWith('after')) duringUpgrade++;
        for (const [id, sha] of run.acks) acks.set(id, sha);
        checkEitherState(dataDir, seeded);
        if (process.env.DVC_CRASH_VERBOSE) console.log(`folder ${String(folder)} kill ${String(k)}: ${plan?.event ?? ''} + ${(plan?.delayMs ?? 0).toFixed(0)} ms -> ${phase}, ${(performance.now() - t0).toFixed(0)} ms so far`);
      }
      await checkAfterRestart(dataDir, seeded, acks);
      acked += acks.size;
      rmSync(dataDir, { recursive: true, force: true });
    }
    console.log(
      `upgrade crash test: ${String(kills)} kills (${String(duringUpgrade)} during the upgrade) in ${((performance.now() - t0) / 1000).toFixed(1)} s; upgrade of ${String(seeded.dossiers.length)} dossiers / ${String(seeded.blobs.length)} blobs takes ~${cal.allDone.toFixed(0)} ms, database phase ~${cal.dbDone.toFixed(0)} ms; ` +
        `where they landed: ${[...phases].map(([k, v]) => `${k} ${String(v)}`).join(', ')}; ${String(acked)} writes acknowledged after upgrades, none lost`,
    );
    expect(duringUpgrade).toBeGreaterThanOrEqual(UPGRADE_KILLS);
    expect(phases.size).toBeGreaterThanOrEqual(4);
    expect(phases.get('after the upgrade (intake writes)') ?? 0).toBeGreaterThanOrEqual(2);
    expect(acked).toBeGreaterThan(0);
  });
});
