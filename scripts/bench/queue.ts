// npm run bench:queue: seeds 100,000 dossiers over two years, then prints the median time and query plan of the
// dashboard's queries, the queue lists' first pages with filters, and accentless name search.
// Options: --dossiers N (100000), --runs N (9), --analyze (run ANALYZE after seeding), --keep (keep the database),
// --only TEXT (only the measurements whose name contains TEXT), --encrypted (the database encrypted as the app keeps it;
// scripts/bench/crypto-cost.ts runs this both ways and prints the ratios), --cpu (CPU ms of this process instead of wall
// ms: on a machine other programs keep busy, what a query itself costs).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../../db/client';
import {
  countBucket,
  dailySeries,
  digitisationCounts,
  syncHealth,
  type BucketScope,
} from '../../db/queries/report-queries';
import { reportBucketSchema } from '../../electron/common/report-contract';
import type { Actor } from '../../electron/core/auth/actor';
import { createDossierService } from '../../electron/core/dossiers/dossier-service';
import { createDayClosing } from '../../electron/core/reports/day-closing';
import { createReportService } from '../../electron/core/reports/report-service';
import { createChaseService } from '../../electron/core/review/chase-service';
import { createReviewService } from '../../electron/core/review/review-service';
import { createSettingsService } from '../../electron/core/settings/settings-service';
import { uuidv7 } from '../../electron/core/uuid';
import { seedQueueBench } from './queue-seed';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DOSSIERS = option('dossiers', 100_000);
const RUNS = option('runs', 9);
const NOW = Date.parse('2026-11-20T09:00:00Z'); // 16:00 in Vietnam, near closing time

type Captured = { sql: string; params: unknown[] };

/** Runs fn while recording every statement it prepares and executes, so EXPLAIN can replay them with their parameters. */
function capture(sqlite: Database.Database, fn: () => unknown): Captured[] {
  const original = sqlite.prepare.bind(sqlite);
  const seen: Captured[] = [];
  sqlite.prepare = ((source: string) => {
    const stmt = original(source);
    const methods = stmt as unknown as Record<'all' | 'get', (...params: unknown[]) => unknown>;
    for (const name of ['all', 'get'] as const) {
      const inner = methods[name].bind(stmt);
      methods[name] = (...params: unknown[]) => {
        seen.push({ sql: source, params });
        return inner(...params);
      };
    }
    return stmt;
  }) as typeof sqlite.prepare;
  try {
    fn();
  } finally {
    sqlite.prepare = original;
  }
  return seen;
}

function plan(sqlite: Database.Database, c: Captured): string[] {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    const full =
      (/^SCAN \w+$/.test(r.detail) || /^SCAN \w+ \(/.test(r.detail)) && !r.detail.includes('sqlite_master');
    return `${'  '.repeat(d)}${r.detail}${full ? '   <- full table scan' : ''}`;
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-queue-'));
const encrypted = args.includes('--encrypted');
const db = openDatabase(join(dir, 'bench.sqlite'), encrypted ? { key: randomBytes(32).toString('hex') } : {});
console.log(`seeding ${DOSSIERS.toLocaleString('en')} dossiers over two years in ${dir} (${encrypted ? 'encrypted, SQLCipher 4' : 'plaintext'}) ...`);
const seeded = seedQueueBench(db, { dossiers: DOSSIERS, now: NOW, analyze: args.includes('--analyze') });
console.log(
  `seeded ${seeded.dossiers} dossiers, ${seeded.events} status events, ${seeded.pages} pages in ${seeded.seconds.toFixed(1)} s` +
    (args.includes('--analyze') ? ' (ANALYZE run)' : ' (no ANALYZE, as the app runs)'),
);

const clock = { now: () => NOW };
db.$client.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('app', ?, ?)").run(
  JSON.stringify({
    office: { code: 'DL001', name: 'Điểm thử nghiệm', address: 'Hà Nội' },
    serviceChargeVnd: 20_000,
  }),
  NOW,
);
const settings = createSettingsService({ db, clock });
const dossiers = createDossierService({
  db,
  clock,
  ids: { uuid: () => uuidv7(), token: () => '' },
  settings,
  // the bench lists and reads seeded rows only; no dossier is created from the catalog
  procedureOf: () => null,
});
const reports = createReportService({
  db,
  clock,
  closing: createDayClosing({ db, clock, settings }),
  loadFonts: () => Promise.reject(new Error('no fonts')),
});
const review = createReviewService({ db, clock, dossiers, changed: () => undefined });
const chase = createChaseService({ db, clock, dossiers });
const supervisor: Actor = {
  userId: 'sup-1',
  username: 'ts1',
  fullName: 'Kiểm soát viên',
  role: 'supervisor',
};
const agent: Actor = { userId: 'agent-03', username: 'nv3', fullName: 'Nhân viên 3', role: 'agent' };
const scope: BucketScope = { date: '2026-11-20', today: '2026-11-20', agentId: null, periodDays: 30 };
const page = { limit: 50, offset: 0 };

const cases: [string, () => unknown][] = [
  ['dashboard: whole call, office', () => reports.dashboard(supervisor, {})],
  ['dashboard: whole call, one agent', () => reports.dashboard(agent, {})],
  ['dashboard: a day two months back', () => reports.dashboard(supervisor, { date: '2026-09-15' })],
  ...reportBucketSchema.options.map((b): [string, () => unknown] => [
    `  count ${b}`,
    () => countBucket(db, b, scope),
  ]),
  ...(
    [
      'day.taken',
      'day.sentToPortal',
      'open.overdue',
      'open.resultReady',
      'period.resolved',
      'period.onTime',
    ] as const
  ).map((b): [string, () => unknown] => [
    `  count ${b}, one agent`,
    () => countBucket(db, b, { ...scope, agentId: agent.userId }),
  ]),
  ['  digitisation (30 days)', () => digitisationCounts(db, scope)],
  ['  30-day series', () => dailySeries(db, scope)],
  ['  sync health', () => syncHealth(db)],
  ['drill open.overdue, first page', () => reports.drill(supervisor, { bucket: 'open.overdue', ...page })],
  ['drill period.online, first page', () => reports.drill(supervisor, { bucket: 'period.online', ...page })],
  ['review queue, first page', () => review.queue(supervisor, page)],
  [
    'review queue, agent + procedure',
    () => review.queue(supervisor, { agentId: 'agent-05', procedureCode: seeded.procedures[3], ...page }),
  ],
  ['chase supplement requests, first page', () => chase.list(supervisor, { kind: 'supplement', ...page })],
  ['chase overdue, first page', () => chase.list(supervisor, { kind: 'overdue', ...page })],
  ['dossiers.list all, first page', () => dossiers.list(supervisor, page)],
  ['dossiers.list status=processing', () => dossiers.list(supervisor, { status: 'processing', ...page })],
  [
    'dossiers.list agent + status + 7 days',
    () =>
      dossiers.list(supervisor, {
        createdBy: 'agent-07',
        status: 'completed',
        fromDate: '2026-11-01',
        toDate: '2026-11-07',
        ...page,
      }),
  ],
  [
    'dossiers.list procedure + month',
    () =>
      dossiers.list(supervisor, {
        procedureCode: seeded.procedures[5],
        fromDate: '2026-10-01',
        toDate: '2026-10-31',
        ...page,
      }),
  ],
  [
    'search "nguyen thi hoa" (no accents)',
    () => dossiers.list(supervisor, { text: 'nguyen thi hoa', ...page }),
  ],
  ['search "Hoà" (one word, accents)', () => dossiers.list(supervisor, { text: 'Hoà', ...page })],
  [
    'search "tran van" + status',
    () => dossiers.list(supervisor, { text: 'tran van', status: 'completed', ...page }),
  ],
  ['search "pham duc" by an agent (own)', () => dossiers.list(agent, { text: 'pham duc', ...page })],
  ['search ID number prefix', () => dossiers.list(supervisor, { text: '0451', ...page })],
];

const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '') : '';
console.log(`\nmedian of ${RUNS} runs after one warm-up (${args.includes('--cpu') ? 'CPU ms' : 'ms'}); plans below each\n`);
const summary: [string, number][] = [];
for (const [name, run] of cases.filter(([n]) => n.includes(only))) {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    run();
    const cpu = process.cpuUsage(c0);
    times.push(args.includes('--cpu') ? (cpu.user + cpu.system) / 1000 : performance.now() - t0);
  }
  const m = median(times);
  summary.push([name, m]);
  console.log(
    `${name.padEnd(46)} ${m.toFixed(2).padStart(8)}   (min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)})`,
  );
  if (name.startsWith('dashboard: whole')) continue; // its statements are listed one by one below
  const seen = new Map<string, Captured>();
  for (const c of capture(db.$client, run))
    if (!seen.has(c.sql) && /^\s*(SELECT|WITH)/i.test(c.sql)) seen.set(c.sql, c);
  for (const c of seen.values()) for (const line of plan(db.$client, c)) console.log(`      ${line}`);
}

const slow = summary.filter(([, m]) => m >= 100);
console.log(
  `\n${summary.length} measurements; slowest ${Math.max(...summary.map(([, m]) => m)).toFixed(1)} ms; ${slow.length} at or over 100 ms${slow.length ? `: ${slow.map(([n]) => n.trim()).join(', ')}` : ''}`,
);
closeDatabase(db);
if (args.includes('--keep')) console.log(`database kept: ${join(dir, 'bench.sqlite')}`);
else rmSync(dir, { recursive: true, force: true });
