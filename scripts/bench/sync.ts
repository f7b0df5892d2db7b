// `npm run bench:sync`: N dossiers x M pages to the portal simulator; MB/s, ratio to a plain upload, peak RSS, reconciliation.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase } from '../../db/client';
import type { SimFaults } from '../portal-sim/options';
import { startPortalSim } from '../portal-sim/server';
import { openApp, outboxCounts, seedDossiers } from './sync-seed';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '200' },
    pages: { type: 'string', default: '5' },
    'page-kb': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '3' },
    'chunk-kb': { type: 'string', default: '1024' },
    'error-rate': { type: 'string', default: '0' },
    'reset-rate': { type: 'string', default: '0' },
    'latency-ms': { type: 'string', default: '0' },
    'token-ttl-s': { type: 'string', default: '3600' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'npm run bench:sync -- [--dossiers 200] [--pages 5] [--page-kb 1000] [--concurrency 3] [--chunk-kb 1024]\n' +
      '                      [--error-rate 0.3] [--reset-rate 0.1] [--latency-ms 200] [--token-ttl-s 30] [--keep]\n',
  );
  process.exit(0);
}

const n = (k: keyof typeof values) => Number(values[k]);
const repo = resolve(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'dvc-bench-sync-'));
const dataDir = join(root, 'app');
const faults: Partial<SimFaults> = {
  errorRate: n('error-rate'),
  resetRate: n('reset-rate'),
  latencyMs: n('latency-ms'),
};
const faultsOn = (faults.errorRate ?? 0) > 0 || (faults.resetRate ?? 0) > 0 || (faults.latencyMs ?? 0) > 0;

type ChildResult = { ms: number; bytesSent: number; peakRssMb: number };

function child(mode: 'engine' | 'plain', url: string): Promise<ChildResult> {
  return new Promise((resolveRun, reject) => {
    const args = [
      '--import',
      'tsx',
      join(repo, 'scripts/bench/sync-child.ts'),
      '--data',
      dataDir,
      '--url',
      url,
      '--mode',
      mode,
    ];
    args.push('--concurrency', String(n('concurrency')), '--chunk', String(n('chunk-kb') * 1024));
    const p = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0) resolveRun(JSON.parse(line) as ChildResult);
      else reject(new Error(`${mode} child exited ${String(code)}: ${out}`));
    });
  });
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function main(): Promise<void> {
  const sim = await startPortalSim({
    dataDir: join(root, 'portal'),
    seed: 11,
    speed: 0,
    tokenTtlS: n('token-ttl-s'),
  });
  try {
    const app = openApp(dataDir);
    const t0 = performance.now();
    const pageBytes = n('page-kb') * 1024;
    const seeded = await seedDossiers(app, {
      dossiers: n('dossiers'),
      pages: n('pages'),
      pageBytes: [Math.floor(pageBytes * 0.9), Math.ceil(pageBytes * 1.1)],
    });
    closeDatabase(app.db);
    const total = seeded.reduce((a, d) => a + d.bytes, 0);
    process.stdout.write(
      `seeded ${seeded.length} dossiers x ${n('pages')} pages = ${mb(total).toFixed(1)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    // the plain upload runs without faults: it is the loopback speed the engine is compared with
    const plain = await child('plain', sim.url);
    process.stdout.write(
      `plain upload: ${(plain.ms / 1000).toFixed(2)} s, ${(mb(plain.bytesSent) / (plain.ms / 1000)).toFixed(1)} MiB/s, peak RSS ${plain.peakRssMb.toFixed(0)} MB\n`,
    );
    const before = sim.stats();
    sim.setFaults(faults);
    const engine = await child('engine', sim.url);
    sim.setFaults({ errorRate: 0, resetRate: 0, latencyMs: 0 });
    const stats = sim.stats();
    const ratio = engine.ms / plain.ms;
    process.stdout.write(
      `sync engine:  ${(engine.ms / 1000).toFixed(2)} s, ${(mb(total) / (engine.ms / 1000)).toFixed(1)} MiB/s of dossier files, ` +
        `peak RSS ${engine.peakRssMb.toFixed(0)} MB (aim < 300)\n` +
        `ratio engine / plain: ${ratio.toFixed(2)}x (aim <= 1.25x${faultsOn ? '; faults were on for the engine only' : ''})\n`,
    );

    // reconciliation: exactly once, SHA-256 on both sides, local = acknowledged = portal
    const onPortal = sim.listDossiers();
    const keys = new Set(onPortal.map((d) => d.idempotencyKey));
    const check = openApp(dataDir);
    const counts = outboxCounts(check.db);
    const local = (check.db.$client.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n;
    const withCode = (
      check.db.$client.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE portal_code IS NOT NULL').get() as {
        n: number;
      }
    ).n;
    closeDatabase(check.db);
    const byKey = new Map(onPortal.map((d) => [d.idempotencyKey, d]));
    let filesMatch = 0;
    let filesDiffer = 0;
    for (const d of seeded) {
      const remote = byKey.get(d.key ?? '');
      if (remote && JSON.stringify(remote.fileSha256) === JSON.stringify(d.shas)) filesMatch += d.shas.length;
      else filesDiffer += d.shas.length;
    }
    const stored = new Map((await sim.listFiles({ rehash: true })).map((f) => [f.sha256, f.storedSha256]));
    const shaOk = seeded.flatMap((d) => d.shas).filter((s) => stored.get(s) === s).length;
    const pageCount = seeded.reduce((a, d) => a + d.shas.length, 0);
    process.stdout.write(
      `reconciliation: local dossiers ${local}, acknowledged ${counts.acknowledged}, with portal code ${withCode}, ` +
        `portal accepted ${stats.dossiersAccepted} (distinct keys ${keys.size}); duplicates ${stats.dossiersAccepted - keys.size}\n` +
        `files: ${filesMatch}/${pageCount} filed with the right SHA-256 list, ${shaOk}/${pageCount} stored bytes re-hash to their SHA-256, ${filesDiffer} differ\n` +
        `portal: ${stats.postAttempts - before.postAttempts} POSTs (${stats.duplicateReplays} replays), ` +
        `${mb(stats.uploadBytesReceived - before.uploadBytesReceived).toFixed(1)} MiB received for ${mb(total).toFixed(1)} MiB of files, ` +
        `faults ${JSON.stringify(stats.faults)}\n`,
    );
    const ok =
      counts.acknowledged === seeded.length &&
      stats.dossiersAccepted === seeded.length &&
      keys.size === seeded.length &&
      shaOk === pageCount &&
      filesDiffer === 0;
    process.stdout.write(ok ? 'EXACTLY ONCE: OK\n' : 'EXACTLY ONCE: FAILED\n');
    if (!ok) process.exitCode = 1;
  } finally {
    await sim.stop();
    if (!values.keep) rmSync(root, { recursive: true, force: true });
    else process.stdout.write(`kept ${root}\n`);
  }
}

await main();
