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
const UPGRADE_KILLS = 21;
/** every eighth kill lands among the writes after the upgrade instead */
const ROUNDS = 23;
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
    await checkAfterRestart(calibration, seeded, timing.acks);
    // the upgrade's events in order, with when each came: a kill lands at a random moment between one and the next
    const events = [['START', 0] as const, ...[...timing.stepTimes].filter(([e]) => e !== 'done')];
    const dbEvents = events.filter(([e]) => e === 'START' || e.startsWith('database:'));
    const allDone = timing.stepTimes.get('done') ?? 0;
    const dbDone = timing.stepTimes.get('database:swapped') ?? 0;
    const gapAfter = (i: number) => Math.max(1, (events[i + 1]?.[1] ?? allDone) - (events[i]?.[1] ?? 0));

    let seed = 20261202;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    const phases = new Map<string, number>();
    let duringUpgrade = 0;
    let acked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = join(root, `round-${String(round)}`);
      cpSync(template, dataDir, { recursive: true });
      let plan: KillPlan;
      if (round % 8 === 7) plan = { event: 'OPEN', delayMs: random() * 300 };
      else {
        // every third kill aimed at the database phase (short), the others at any event of the upgrade
        const [event] = round % 3 === 0 ? pick(dbEvents) : pick(events);
        plan = { event, delayMs: random() * gapAfter(events.findIndex(([e]) => e === event)) };
      }
      const run = await runChild(dataDir, plan);
      const phase = phaseOf(run.steps);
      phases.set(phase, (phases.get(phase) ?? 0) + 1);
      if (!phase.startsWith('after')) duringUpgrade++;
      checkEitherState(dataDir, seeded);
      await checkAfterRestart(dataDir, seeded, run.acks);
      acked += run.acks.size;
      rmSync(dataDir, { recursive: true, force: true });
      if (process.env.DVC_CRASH_VERBOSE) console.log(`round ${String(round)}: ${plan.event} + ${plan.delayMs.toFixed(0)} ms -> ${phase}, ${(performance.now() - t0).toFixed(0)} ms so far`);
    }
    console.log(
      `upgrade crash test: ${String(ROUNDS)} kills (${String(duringUpgrade)} during the upgrade; upgrade of ${String(seeded.dossiers.length)} dossiers / ${String(seeded.blobs.length)} blobs takes ~${allDone.toFixed(0)} ms, database phase ~${dbDone.toFixed(0)} ms); ` +
        `where they landed: ${[...phases].map(([k, v]) => `${k} ${String(v)}`).join(', ')}; ${String(acked)} writes acknowledged after upgrades, none lost`,
    );
    expect(duringUpgrade).toBeGreaterThanOrEqual(UPGRADE_KILLS);
    expect(phases.size).toBeGreaterThanOrEqual(3);
  });
});
