// Command line for the portal simulator (`npm run portal:sim`): flags -> startPortalSim, one JSON line on stdout when ready.
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SimClient, SimFaults } from './options';
import { startPortalSim } from './server';

const usage = `Usage: tsx scripts/portal-sim/cli.ts [options]
  --port N                 listen port (default 4010; 0 = any free port)
  --host H                 bind address (default 127.0.0.1)
  --data DIR               state dir: portal-sim.db + uploads/ (default: <tmp>/dai-ly-dvc-portal-sim)
  --fresh                  delete the state dir first (start with an empty portal)
  --client-id ID --client-secret S   an accepted agent (repeat the pair for several; default DL-DEV-001 / dev-secret)
  --token-ttl-s N          access token lifetime (default 3600)
  --error-rate P           share of requests answered with a random 500/502/503/504 (0..1)
  --reset-rate P           share of uploads (PATCH) and POST /dossiers whose connection is destroyed
  --reset-after-commit-share P   of the POST resets, share done right after the commit (default 0.5)
  --latency-ms N           delay before each request
  --rate-limit N           requests per second per address before 429 + Retry-After (0 = off)
  --revoke-rate P          share of authenticated requests whose token gets revoked (-> 401)
  --revoke-tokens          revoke every token issued before this start
  --bandwidth-kbps N       upload bandwidth in kilobits/s (0 = unlimited)
  --maintenance-every-s N --maintenance-for-s M   503 + Retry-After for M seconds every N seconds
  --speed N                dossier status steps per minute (default 6; 0 = only POST /admin/advance)
  --seed N                 seed for faults and dossier outcomes (default 1)
  --admin-token T          guards /admin/* (default: random, printed)
  --catalog FILE           catalog in the app's format, .json or .json.gz (default: the catalog the app ships,
                           resources/catalog/national.json.gz with the curated profiles, checked by the app's rules)`;

const numberFlags = {
  'error-rate': 'errorRate',
  'reset-rate': 'resetRate',
  'reset-after-commit-share': 'resetAfterCommitShare',
  'latency-ms': 'latencyMs',
  'rate-limit': 'rateLimit',
  'revoke-rate': 'revokeRate',
  'bandwidth-kbps': 'bandwidthKbps',
  'maintenance-every-s': 'maintenanceEveryS',
  'maintenance-for-s': 'maintenanceForS',
  speed: 'speed',
} as const satisfies Record<string, keyof SimFaults>;

function toNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${flag} needs a non-negative number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'client-id': { type: 'string', multiple: true },
      'client-secret': { type: 'string', multiple: true },
      'token-ttl-s': { type: 'string' },
      'revoke-tokens': { type: 'boolean' },
      fresh: { type: 'boolean' },
      seed: { type: 'string' },
      'admin-token': { type: 'string' },
      catalog: { type: 'string' },
      ...Object.fromEntries(Object.keys(numberFlags).map((k) => [k, { type: 'string' as const }])),
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const ids = values['client-id'] ?? [];
  const secrets = values['client-secret'] ?? [];
  if (ids.length !== secrets.length) throw new Error('--client-id and --client-secret must come in pairs');
  const clients: SimClient[] = ids.map((clientId, i) => ({ clientId, clientSecret: secrets[i] ?? '' }));
  const faults: Partial<SimFaults> = {};
  const raw = values as Record<string, string | undefined>;
  for (const [flag, key] of Object.entries(numberFlags)) {
    const n = toNumber(flag, raw[flag]);
    if (n !== undefined) faults[key] = n;
  }
  const dataDir = path.resolve(values.data ?? path.join(os.tmpdir(), 'dai-ly-dvc-portal-sim'));
  if (values.fresh) rmSync(dataDir, { recursive: true, force: true });
  const sim = await startPortalSim({
    ...faults,
    port: toNumber('port', values.port) ?? 4010,
    host: values.host,
    dataDir,
    clients,
    tokenTtlS: toNumber('token-ttl-s', values['token-ttl-s']),
    seed: toNumber('seed', values.seed),
    adminToken: values['admin-token'],
    catalogFile: values.catalog,
    revokeTokensOnStart: values['revoke-tokens'] === true,
  });
  const ready = {
    event: 'listening',
    url: sim.url,
    port: sim.port,
    adminToken: sim.adminToken,
    dataDir: sim.dataDir,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stderr.write(
    `portal-sim: ${sim.url} (data ${sim.dataDir}) faults ${JSON.stringify(sim.faults())}\n`,
  );
  const shutdown = () => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`portal-sim: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exit(2);
});
