// npm run bench:crypto: what encryption at rest costs, measured side by side (encrypted vs plaintext) in one run.
// The same app twice (plaintextStorageForBenchmarks), operations interleaved A/B so drift hits both, wall and CPU time
// (CPU time of the whole process, worker threads included: what other programs on a shared machine disturb least);
// then bench:queue both ways, twice each, interleaved, every one of its measurements side by side with its ratio.
// Options: --rounds N (12), --ocr N (3), --queue-dossiers N (20000), --queue-runs N (5), --no-queue, --queue-only.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { applyKey } from '../../db/client';
import { openSealedBytes, sealBytes } from '../../electron/core/crypto/file-cipher';
import { deriveDataKeys, generateMasterKey } from '../../electron/core/crypto/keys';
import { makeTextPage } from '../../tests/support/make-text-page';
import { addPage, intakeWrite, repoRoot, startBenchApp, waitOcr, type BenchApp } from './crypto-cost-app';

const { values: opt } = parseArgs({
  options: {
    rounds: { type: 'string', default: '12' },
    ocr: { type: 'string', default: '3' },
    'queue-dossiers': { type: 'string', default: '20000' },
    'queue-runs': { type: 'string', default: '5' },
    'no-queue': { type: 'boolean', default: false },
    'queue-only': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(opt.rounds);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (plain: number, enc: number) => `${(((plain > 0 ? enc / plain : 1) - 1) * 100).toFixed(1).padStart(6)} %`;
function row(name: string, plain: number, enc: number, unit = 'ms', cpu?: [number, number]): void {
  const cpuText = cpu ? `   ${cpu[0].toFixed(1).padStart(9)} ${cpu[1].toFixed(1).padStart(9)} ${pct(cpu[0], cpu[1])}` : '';
  console.log(`${name.padEnd(44)} ${plain.toFixed(2).padStart(9)} ${enc.toFixed(2).padStart(9)} ${unit.padEnd(3)} ${pct(plain, enc)}${cpuText}`);
}
function header(title: string, cpu = false): void {
  const cpuText = cpu ? `   ${'cpu plain'.padStart(9)} ${'cpu enc'.padStart(9)} ${'cost'.padStart(8)}` : '';
  console.log(`\n${title}\n${'operation'.padEnd(44)} ${'plain'.padStart(9)} ${'encrypted'.padStart(9)} ${''.padEnd(3)} ${'cost'.padStart(8)}${cpuText}`);
}

type Sample = { wall: number; cpu: number };

async function timed(fn: () => Promise<unknown>): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/**
 * Runs `op` `n` times on each app, alternating which goes first, and prints the medians (wall and CPU ms). `settle`
 * runs untimed after each op (the OCR a page add starts must not run during the next measurement).
 */
async function ab(
  name: string,
  apps: [BenchApp, BenchApp],
  n: number,
  op: (app: BenchApp, i: number) => Promise<unknown>,
  settle: (app: BenchApp) => Promise<unknown> = () => Promise.resolve(),
): Promise<void> {
  const samples: Record<string, Sample[]> = { plain: [], encrypted: [] };
  // one untimed run each first: lazy starts (the OCR worker, pdf.js, fonts) are not what encryption costs
  for (const app of apps) {
    await op(app, -1);
    await settle(app);
  }
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? apps : ([apps[1], apps[0]] as const);
    for (const app of order) {
      samples[app.label]?.push(await timed(() => op(app, i)));
      await settle(app);
    }
  }
  const m = (label: string, k: keyof Sample) => median((samples[label] ?? []).map((x) => x[k]));
  row(name, m('plain', 'wall'), m('encrypted', 'wall'), 'ms', [m('plain', 'cpu'), m('encrypted', 'cpu')]);
}

function primitives(): void {
  header('primitives (CPU time, median of 9)');
  const keys = deriveDataKeys(generateMasterKey());
  for (const mb of [1, 8]) {
    const plain = new Uint8Array(randomBytes(mb * 1024 * 1024));
    const seal: number[] = [];
    const open: number[] = [];
    const cpuMs = (fn: () => unknown) => {
      const c0 = process.cpuUsage();
      fn();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    for (let i = 0; i < 9; i++) {
      let sealed: Uint8Array = new Uint8Array(0);
      seal.push(cpuMs(() => (sealed = sealBytes(keys.files, plain, 'bench'))));
      open.push(cpuMs(() => openSealedBytes(keys.files, sealed, 'bench')));
    }
    const rate = (ms: number) => (mb / (ms / 1000)).toFixed(0);
    console.log(`seal ${String(mb)} MB: ${median(seal).toFixed(1)} CPU ms (${rate(median(seal))} MB/s); open: ${median(open).toFixed(1)} CPU ms (${rate(median(open))} MB/s)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-sqlite-'));
  const result: Record<string, Sample[]> = {};
  const measure = (k: string, label: string, fn: () => void) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const c = process.cpuUsage(c0);
    (result[`${k} ${label}`] ??= []).push({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 });
  };
  const tasks = ['20,000 inserts, one transaction', '100 commits, synchronous=FULL', '5 full scans, cache emptied'] as const;
  for (let round = 0; round < 3; round++) {
    for (const label of round % 2 === 0 ? ['plain', 'encrypted'] : ['encrypted', 'plain']) {
      const db = new Database(join(dir, `${label}-${String(round)}.sqlite`));
      if (label === 'encrypted') applyKey(db, randomBytes(32).toString('hex'));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, body TEXT)');
      const ins = db.prepare('INSERT INTO t (name, body) VALUES (?, ?)');
      measure(tasks[0], label, () =>
        db.transaction(() => {
          for (let i = 0; i < 20_000; i++) ins.run(`Nguyễn Thị Hoa ${String(i)}`, 'x'.repeat(200));
        })(),
      );
      measure(tasks[1], label, () => {
        for (let i = 0; i < 100; i++) ins.run(`Trần Văn Nam ${String(i)}`, 'y'.repeat(200));
      });
      measure(tasks[2], label, () => {
        for (let i = 0; i < 5; i++) {
          db.pragma('cache_size = 0'); // every page read (and decrypted) again
          db.prepare("SELECT count(*) AS n FROM t WHERE name LIKE '%99%'").get();
          db.pragma('cache_size = -16000');
        }
      });
      db.close();
    }
  }
  header('SQLite alone (median of 3; wall ms, then CPU ms)', true);
  const m = (k: string, label: string, f: keyof Sample) => median((result[`${k} ${label}`] ?? []).map((x) => x[f]));
  for (const k of tasks) row(k, m(k, 'plain', 'wall'), m(k, 'encrypted', 'wall'), 'ms', [m(k, 'plain', 'cpu'), m(k, 'encrypted', 'cpu')]);
  rmSync(dir, { recursive: true, force: true });
}

async function appOperations(): Promise<void> {
  const plain = await startBenchApp('plain', 1);
  const enc = await startBenchApp('encrypted', 1);
  const apps = [plain.app, enc.app] as [BenchApp, BenchApp];
  try {
    header(`the app, through the router (median of ${String(ROUNDS)}, A/B interleaved; wall ms, then CPU ms)`, true);
    row('first start (new database, catalog import)', plain.startMs, enc.startMs, 'ms', [plain.startCpuMs, enc.startCpuMs]);
    // an A4 page at 200 DPI as a scanner sends it (~0.5 MB JPEG)
    const scan = await makeTextPage({ lines: Array.from({ length: 14 }, (_, i) => `Dòng ${String(i + 1)}: Cộng hoà xã hội chủ nghĩa Việt Nam`), width: 1654, height: 2339, format: 'jpeg' });
    const dossiers = new Map<string, Awaited<ReturnType<typeof intakeWrite>>>();
    await ab('intake write (create + case + applicant)', apps, ROUNDS, async (app) => dossiers.set(app.label, await intakeWrite(app)));
    const pages = new Map<string, { dossierId: string; pageId: string; componentId: number }>();
    await ab(`page add (${(scan.length / 1024).toFixed(0)} KB scan)`, apps, ROUNDS, async (app, i) => {
      const d = dossiers.get(app.label);
      if (!d) throw new Error('no dossier');
      // each page a distinct blob (one byte differs after the JPEG's end), as every real scan is
      const k = i + 1;
      const bytes = new Uint8Array([...scan, k % 256, Math.floor(k / 256)]);
      const p = await addPage(app, d, bytes, i);
      pages.set(app.label, { dossierId: d.id, pageId: p.id, componentId: p.componentId });
    }, async (app) => {
      const p = pages.get(app.label);
      if (p) await waitOcr(app, p.dossierId, p.pageId);
    });
    await ab('page view (full image)', apps, ROUNDS, (app) => app.call('pages.image', { pageId: pages.get(app.label)?.pageId, variant: 'full' }));
    await ab('component PDF (pages of the document)', apps, ROUNDS, (app) => {
      const p = pages.get(app.label);
      return app.call('documents.componentPdf', { dossierId: p?.dossierId, componentId: p?.componentId });
    });
    await ab('OCR of one page (real tesseract, vie)', apps, Number(opt.ocr), async (app) => {
      const p = pages.get(app.label);
      if (!p) throw new Error('no page');
      await app.call('pages.retryOcr', { pageId: p.pageId });
      await waitOcr(app, p.dossierId, p.pageId);
    });
  } finally {
    await Promise.all(apps.map((a) => a.close()));
  }
}

function queueBench(): void {
  // every measurement line of bench:queue, indented ones ("  count ...") included: `name  median   (min a, max b)`
  const parse = (out: string) => {
    const times = new Map([...out.matchAll(/^(\S.*?|[ ]{2}\S.*?) +([\d.]+) +\(min [\d.]+, max [\d.]+\)$/gm)].map((m) => [(m[1] ?? '').trimEnd(), Number(m[2])]));
    const said = Number(/^(\d+) measurements;/m.exec(out)?.[1] ?? NaN);
    if (times.size !== said) throw new Error(`bench:queue said ${String(said)} measurements, ${String(times.size)} parsed`);
    return times;
  };
  // CPU ms of the query process: wall time on a shared machine mostly measures the other programs
  const args = ['--import', 'tsx', join(repoRoot, 'scripts/bench/queue.ts'), '--cpu', '--dossiers', String(opt['queue-dossiers']), '--runs', String(opt['queue-runs'])];
  const run = (extra: string[]) => {
    const r = spawnSync(process.execPath, [...args, ...extra], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`bench:queue failed: ${r.stderr}`);
    const seeded = /seeded .* in ([\d.]+) s/.exec(r.stdout);
    return { times: parse(r.stdout), seedS: Number(seeded?.[1] ?? 0) };
  };
  // two runs each, interleaved; per query the lower of the two medians (another program's burst only ever adds time)
  const best = (a: ReturnType<typeof run>, b: ReturnType<typeof run>) => ({
    times: new Map([...a.times].map(([k, v]) => [k, Math.min(v, b.times.get(k) ?? v)])),
    seedS: Math.min(a.seedS, b.seedS),
  });
  const p1 = run([]);
  const e1 = run(['--encrypted']);
  const e2 = run(['--encrypted']);
  const p2 = run([]);
  const plain = best(p1, p2);
  const enc = best(e1, e2);
  console.log(
    `\nbench:queue --cpu, ${String(opt['queue-dossiers'])} dossiers (CPU ms, median of ${String(opt['queue-runs'])} runs, best of 2 processes each)` +
      `\n${'measurement'.padEnd(48)} ${'plain'.padStart(9)} ${'encrypted'.padStart(9)} ${'ratio'.padStart(7)} ${'cost'.padStart(8)}`,
  );
  const line = (name: string, p: number, e: number, unit = 'ms') =>
    console.log(`${name.padEnd(48)} ${p.toFixed(2).padStart(9)} ${e.toFixed(2).padStart(9)} ${(p > 0 ? e / p : 1).toFixed(2).padStart(6)}x ${pct(p, e)}  ${unit}`);
  line('seeding (s)', plain.seedS, enc.seedS, 's');
  const missing = [...plain.times.keys()].filter((k) => !enc.times.has(k));
  if (missing.length > 0 || plain.times.size !== enc.times.size) throw new Error(`measurements differ between the runs: ${missing.join(', ')}`);
  const all: number[] = [];
  const timed: number[] = [];
  for (const [name, p] of plain.times) {
    const e = enc.times.get(name) ?? p;
    line(name, p, e);
    const r = p > 0 ? e / p : 1;
    all.push(r);
    // under 0.05 ms a median is a few timer ticks: its ratio says nothing about the cipher
    if (p >= 0.05) timed.push(r);
  }
  const geo = (rs: number[]) => Math.exp(rs.reduce((a, r) => a + Math.log(r), 0) / Math.max(1, rs.length));
  const over = timed.filter((r) => r > 1.1).length;
  console.log(
    `${String(all.length)} of ${String(plain.times.size)} measurements compared; geometric mean of the ratios: ${geo(all).toFixed(3)}x over all, ` +
      `${geo(timed).toFixed(3)}x over the ${String(timed.length)} at or over 0.05 ms (${String(over)} of them over 1.10x; ` +
      `range ${Math.min(...timed).toFixed(2)}x-${Math.max(...timed).toFixed(2)}x)`,
  );
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, v) => a + v, 0);
  console.log(`sum of all medians: ${total(plain.times).toFixed(1)} ms plain, ${total(enc.times).toFixed(1)} ms encrypted (${pct(total(plain.times), total(enc.times)).trim()})`);
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load average at start: ${load()}`);
if (!opt['queue-only']) {
  primitives();
  await appOperations();
}
if (!opt['no-queue']) queueBench();
console.log(`load average at end: ${load()}`);
