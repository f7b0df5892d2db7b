// `npm run bench:sync`: N dossiers x M pages through the portal simulator, fault-free and faulty in one run, side by side.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase } from '../../db/client';
import type { SimFaults } from '../portal-sim/options';
import { startPortalSim } from '../portal-sim/server';
import { countFsyncs, profileText, type Profile } from './sync-profile';
import { openApp, outboxCounts, seedDossiers, type SeededDossier } from './sync-seed';

// every fault the simulator knows, as a flag
const faultFlags: Record<string, keyof SimFaults> = {
  'error-rate': 'errorRate',
  'reset-rate': 'resetRate',
  'reset-after-commit-share': 'resetAfterCommitShare',
  'latency-ms': 'latencyMs',
  'rate-limit': 'rateLimit',
  'revoke-rate': 'revokeRate',
  'bandwidth-kbps': 'bandwidthKbps',
  'maintenance-every-s': 'maintenanceEveryS',
  'maintenance-for-s': 'maintenanceForS',
};
const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '200' },
    pages: { type: 'string', default: '5' },
    'page-kb': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '6' },
    'file-concurrency': { type: 'string', default: '3' },
    'max-concurrency': { type: 'string' },
    'retry-delays': { type: 'string' },
    'max-streams': { type: 'string' },
    'chunk-kb': { type: 'string', default: '1024' },
    'token-ttl-s': { type: 'string', default: '3600' },
    seed: { type: 'string', default: '11' },
    client: { type: 'string', default: 'ours' },
    'skip-fault-free': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    fsyncs: { type: 'boolean', default: false },
    'compare-repo': { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
    ...Object.fromEntries(Object.keys(faultFlags).map((k) => [k, { type: 'string' as const }])),
  },
});
if (values.help) {
  process.stdout.write(
    'npm run bench:sync -- [--dossiers 200] [--pages 5] [--page-kb 1000] [--concurrency 6] [--file-concurrency 3] [--chunk-kb 1024]\n' +
      '   [--max-concurrency N]: dossiers in flight at most (engine default: 3 x concurrency; not passed to --compare-repo)\n' +
      '   [--max-streams N]: upload streams at most (engine default: 2 x concurrency x file-concurrency)\n' +
      '   [--retry-delays 150,400,1000]: in-pass retry delays of our client, ms (its default when not given)\n' +
      `   faults: ${Object.keys(faultFlags).map((k) => `--${k} N`).join(' ')} --token-ttl-s N\n` +
      '   [--client ours|tusjs|both] [--skip-fault-free] [--seed 11] [--keep]\n' +
      '   [--rounds N]: plain and fault-free N times, alternating which goes first (the load of a shared machine drifts);\n' +
      '     prints each round\'s ratio and their median. [--profile]: time in each portal call, event-loop use, CPU.\n' +
      '   [--fsyncs]: count fsync/fdatasync of each child with strace (slows it: for counting, not for timing)\n' +
      '   [--compare-repo DIR]: in each round also the fault-free engine of another checkout (e.g. `git archive HEAD`)\n' +
      'Runs a plain upload, the engine without faults and (when a fault flag is given) the engine with them, each on a\n' +
      'fresh copy of the same seeded data and a fresh simulator; prints progress, then the figures side by side.\n',
  );
  process.exit(0);
}

const num = (k: string): number => Number((values as Record<string, unknown>)[k]);
const repo = resolve(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'dvc-bench-sync-'));
const seedDir = join(root, 'seed');
const faults: Partial<SimFaults> = {};
for (const [flag, key] of Object.entries(faultFlags)) {
  const v = (values as Record<string, unknown>)[flag];
  if (typeof v === 'string') faults[key] = Number(v);
}
const ttl = num('token-ttl-s');
const faulty = Object.values(faults).some((v) => (v ?? 0) > 0) || ttl < 3600;
const clients: ('ours' | 'tusjs')[] = values.client === 'both' ? ['ours', 'tusjs'] : values.client === 'tusjs' ? ['tusjs'] : ['ours'];
const mb = (bytes: number) => bytes / 1024 / 1024;

type ChildResult = { ms: number; wireBytes: number; peakRssMb: number; accepted: number; profile?: Profile; fsyncs?: { n: number; s: number } };
type Run = ChildResult & {
  name: string;
  portalReceived: number;
  uploadsCreated: number;
  portalAccepted: number;
  duplicates: number;
  missing: number;
  shaOk: boolean;
  faultCounts: string;
};

function child(
  mode: 'engine' | 'tusjs' | 'plain',
  dataDir: string,
  url: string,
  label: string,
  payload: number,
  from = repo,
): Promise<ChildResult> {
  return new Promise((resolveRun, reject) => {
    const args = ['--import', 'tsx', join(from, 'scripts/bench/sync-child.ts'), '--data', dataDir, '--url', url, '--mode', mode];
    args.push('--concurrency', String(num('concurrency')), '--file-concurrency', String(num('file-concurrency')));
    args.push('--chunk', String(num('chunk-kb') * 1024));
    for (const flag of ['max-concurrency', 'max-streams', 'retry-delays'] as const) {
      const v = values[flag];
      if (v !== undefined && from === repo) args.push(`--${flag}`, v);
    }
    if (values.profile) args.push('--profile');
    const straceOut = join(root, `strace-${label.replace(/\W+/g, '-')}.txt`);
    const p = values.fsyncs
      ? spawn('strace', ['-f', '-qq', '--seccomp-bpf', '-c', '-w', '-e', 'trace=fsync,fdatasync', '-o', straceOut, process.execPath, ...args], {
          cwd: from,
          stdio: ['ignore', 'pipe', 'inherit'],
        })
      : spawn(process.execPath, args, { cwd: from, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    let result: ChildResult | null = null;
    p.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as ChildResult;
        if (line.startsWith('PROGRESS ')) {
          const g = JSON.parse(line.slice(9)) as { elapsedMs: number; accepted: number; pending: number; needsFix: number; wireBytes: number };
          process.stdout.write(
            `  [${label}] ${(g.elapsedMs / 1000).toFixed(0).padStart(4)} s: ${g.accepted} accepted, ${g.pending} waiting, ${g.needsFix} to fix; ` +
              `${mb(g.wireBytes).toFixed(0)} MiB on the wire (${((g.wireBytes / payload) * 100).toFixed(0)}% of the payload)\n`,
          );
        }
      }
    });
    p.on('exit', (code) => {
      if (code !== 0 || !result) return reject(new Error(`${label} child exited ${String(code)}`));
      const done: ChildResult = result;
      if (values.fsyncs) done.fsyncs = countFsyncs(readFileSync(straceOut, 'utf8'));
      if (done.profile) process.stdout.write(`  [${label}] profile ${profileText(done, num('concurrency') * num('file-concurrency'))}\n`);
      resolveRun(done);
    });
  });
}

async function engineRun(
  name: string,
  mode: 'engine' | 'tusjs',
  withFaults: boolean,
  seeded: SeededDossier[],
  payload: number,
  from = repo,
): Promise<Run> {
  const dir = join(root, name.replace(/\W+/g, '-'));
  cpSync(seedDir, join(dir, 'app'), { recursive: true });
  const sim = await startPortalSim({
    dataDir: join(dir, 'portal'),
    seed: num('seed'),
    speed: 0,
    ...(withFaults ? { ...faults, tokenTtlS: ttl } : {}),
  });
  try {
    process.stdout.write(`${name}: starting\n`);
    const r = await child(mode, join(dir, 'app'), sim.url, name, payload, from);
    sim.setFaults({ errorRate: 0, resetRate: 0, latencyMs: 0, revokeRate: 0, rateLimit: 0, maintenanceEveryS: 0, bandwidthKbps: 0 });
    const stats = sim.stats();
    const onPortal = sim.listDossiers();
    const byKey = new Map(onPortal.map((d) => [d.idempotencyKey, d]));
    const stored = new Map((await sim.listFiles({ rehash: true })).map((f) => [f.sha256, f.storedSha256]));
    const check = openApp(join(dir, 'app'));
    const acknowledged = outboxCounts(check.db).acknowledged;
    closeDatabase(check.db);
    const filedRight = seeded.every((d) => JSON.stringify(byKey.get(d.key ?? '')?.fileSha256) === JSON.stringify(d.shas));
    const bytesRight = seeded.flatMap((d) => d.shas).every((s) => stored.get(s) === s);
    return {
      ...r,
      accepted: acknowledged,
      name,
      portalReceived: stats.uploadBytesReceived,
      uploadsCreated: stats.uploadsCreated,
      portalAccepted: stats.dossiersAccepted,
      duplicates: stats.dossiersAccepted - byKey.size,
      missing: seeded.filter((d) => !byKey.has(d.key ?? '')).length,
      shaOk: filedRight && bytesRight,
      faultCounts: JSON.stringify(stats.faults),
    };
  } finally {
    await sim.stop();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

function table(plain: ChildResult, runs: Run[], payload: number, fileCount: number, dossiers: number): string {
  const base = runs.find((r) => r.name.includes('fault-free'));
  const cols = ['plain upload', ...runs.map((r) => r.name)];
  const rows: [string, string[]][] = [
    ['drain time', [`${(plain.ms / 1000).toFixed(1)} s`, ...runs.map((r) => `${(r.ms / 1000).toFixed(1)} s`)]],
    ['÷ plain upload', ['1.00', ...runs.map((r) => (r.ms / plain.ms).toFixed(2))]],
    ['÷ fault-free run', ['', ...runs.map((r) => (base ? (r.ms / base.ms).toFixed(2) : ''))]],
    ['bytes on the wire ÷ payload', [(plain.wireBytes / payload).toFixed(3), ...runs.map((r) => (r.wireBytes / payload).toFixed(3))]],
    ['portal received ÷ payload', ['', ...runs.map((r) => (r.portalReceived / payload).toFixed(3))]],
    ['uploads created / files', [`${fileCount}/${fileCount}`, ...runs.map((r) => `${r.uploadsCreated}/${fileCount}`)]],
    ['peak RSS', [`${plain.peakRssMb.toFixed(0)} MB`, ...runs.map((r) => `${r.peakRssMb.toFixed(0)} MB`)]],
    ['accepted / duplicates / missing', ['', ...runs.map((r) => `${r.portalAccepted}/${dossiers} · ${r.duplicates} · ${r.missing}`)]],
    ['every SHA-256 matches', ['', ...runs.map((r) => (r.shaOk ? 'yes' : 'NO'))]],
  ];
  const w0 = Math.max(...rows.map(([k]) => k.length));
  const w = cols.map((c, i) => Math.max(c.length, ...rows.map(([, v]) => (v[i] ?? '').length)));
  const line = (k: string, v: string[]) => `${k.padEnd(w0)}  ${v.map((x, i) => x.padStart(w[i] ?? 0)).join('  ')}`;
  return [line('', cols), ...rows.map(([k, v]) => line(k, v))].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const app = openApp(seedDir);
  const pageBytes = num('page-kb') * 1024;
  const seeded = await seedDossiers(app, {
    dossiers: num('dossiers'),
    pages: num('pages'),
    pageBytes: [Math.floor(pageBytes * 0.9), Math.ceil(pageBytes * 1.1)],
  });
  closeDatabase(app.db);
  const payload = seeded.reduce((a, d) => a + d.bytes, 0);
  const fileCount = seeded.reduce((a, d) => a + d.shas.length, 0);
  process.stdout.write(
    `seeded ${seeded.length} dossiers x ${num('pages')} pages = ${mb(payload).toFixed(1)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine's cores\n` +
      `faults for the faulty run: ${JSON.stringify({ ...faults, tokenTtlS: ttl })}\n`,
  );
  const plainRun = async (): Promise<ChildResult> => {
    const plainDir = join(root, 'plain');
    cpSync(seedDir, join(plainDir, 'app'), { recursive: true });
    const plainSim = await startPortalSim({ dataDir: join(plainDir, 'portal'), seed: num('seed'), speed: 0 });
    try {
      const r = await child('plain', join(plainDir, 'app'), plainSim.url, 'plain', payload);
      process.stdout.write(`plain upload: ${(r.ms / 1000).toFixed(2)} s, ${(mb(r.wireBytes) / (r.ms / 1000)).toFixed(1)} MiB/s\n`);
      return r;
    } finally {
      await plainSim.stop();
      rmSync(plainDir, { recursive: true, force: true });
    }
  };

  // plain and fault-free alternate who goes first, so a load that rises or falls during the run favours neither
  const rounds = Math.max(1, num('rounds'));
  const ratios: number[] = [];
  let plain: ChildResult | null = null;
  let faultFree: Run | null = null;
  const other = values['compare-repo'] ? resolve(values['compare-repo']) : null;
  const otherRatios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // each round rotates the order: plain, engine(, other engine); then engine, (other, )plain; ...
    type Step = 'plain' | 'engine' | 'other';
    const order: Step[] = other ? ['plain', 'engine', 'other'] : ['plain', 'engine'];
    for (let k = 0; k < i % 3; k++) order.push(order.shift() ?? 'plain');
    let otherRun: Run | null = null;
    faultFree = null;
    for (const step of order) {
      if (step === 'plain') plain = await plainRun();
      else if (step === 'engine' && !values['skip-fault-free'])
        faultFree = await engineRun('fault-free', 'engine', false, seeded, payload);
      else if (step === 'other' && other) otherRun = await engineRun('fault-free (compared)', 'engine', false, seeded, payload, other);
    }
    if (!plain) continue;
    const load = loadavg()[0]?.toFixed(1) ?? '?';
    if (faultFree) ratios.push(faultFree.ms / plain.ms);
    if (otherRun) otherRatios.push(otherRun.ms / plain.ms);
    process.stdout.write(
      `round ${i + 1}/${rounds} (${order.join(', ')}), load ${load}: plain ${(plain.ms / 1000).toFixed(1)} s` +
        (faultFree ? `; fault-free ${(faultFree.ms / 1000).toFixed(1)} s = ${(faultFree.ms / plain.ms).toFixed(2)} x plain` : '') +
        (otherRun ? `; compared ${(otherRun.ms / 1000).toFixed(1)} s = ${(otherRun.ms / plain.ms).toFixed(2)} x plain` : '') +
        '\n',
    );
  }
  if (!plain) throw new Error('no plain run');

  const runs: Run[] = faultFree ? [faultFree] : [];
  for (const c of clients) {
    const mode = c === 'ours' ? 'engine' : 'tusjs';
    const tag = c === 'ours' ? '' : ' (tus-js-client)';
    if (c !== 'ours' && !values['skip-fault-free']) runs.push(await engineRun(`fault-free${tag}`, mode, false, seeded, payload));
    if (faulty) runs.push(await engineRun(`faulty${tag}`, mode, true, seeded, payload));
  }
  process.stdout.write(`\n${table(plain, runs, payload, fileCount, seeded.length)}\n`);
  const median = (xs: number[]): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    return ((sorted[Math.floor(mid - 0.5)] ?? 0) + (sorted[Math.floor(mid)] ?? 0)) / 2;
  };
  if (ratios.length > 1)
    process.stdout.write(`fault-free ÷ plain by round: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)}\n`);
  if (otherRatios.length > 0)
    process.stdout.write(
      `compared engine (${other ?? ''}) ÷ plain by round: ${otherRatios.map((r) => r.toFixed(2)).join(', ')}; median ${median(otherRatios).toFixed(2)}\n`,
    );
  for (const r of runs) process.stdout.write(`faults met by ${r.name}: ${r.faultCounts}\n`);
  process.stdout.write(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  const ok = runs.every((r) => r.portalAccepted === seeded.length && r.duplicates === 0 && r.missing === 0 && r.shaOk && r.accepted === seeded.length);
  process.stdout.write(ok ? 'EXACTLY ONCE: OK (every run)\n' : 'EXACTLY ONCE: FAILED\n');
  if (!ok) process.exitCode = 1;
}

try {
  await main();
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
  else process.stdout.write(`kept ${root}\n`);
}
