// 50 dossiers x 3 pages through a faulty simulator (5xx, resets before/after commit, latency, short tokens): exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../db/client';
import type { EventPayload } from '../../electron/common/contract';
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { defaultBackoffPolicy, seededRandom } from '../../electron/core/sync/backoff';
import { createHttpPortalClient } from '../../electron/core/sync/portal-client';
import { createSyncEngine, type SyncEngine } from '../../electron/core/sync/sync-engine';
import { dossierSyncTimeline, listSupplementRequests } from '../../electron/core/sync/sync-service';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import {
  AGENT_ID,
  openApp,
  outboxCounts,
  seedDossiers,
  waitUntil,
  type AppFixture,
  type SeededDossier,
} from '../support/sync-fixtures';

const DOSSIERS = 50;
const PAGES = 3;
const FAULTS = { errorRate: 0.3, resetRate: 0.1, latencyMs: 200, tokenTtlS: 30 };

const root = mkdtempSync(join(tmpdir(), 'dvc-sync-faults-'));
let sim: PortalSimHandle;
let app: AppFixture;
let engine: SyncEngine;
let seeded: SeededDossier[];
const statuses: EventPayload<'sync.status'>[] = [];

beforeAll(async () => {
  sim = await startPortalSim({ dataDir: join(root, 'portal'), seed: 7, speed: 0, ...FAULTS });
  app = openApp(join(root, 'app'));
  seeded = await seedDossiers(app, { dossiers: DOSSIERS, pages: PAGES, pageBytes: [60_000, 250_000] });
  const portal = createHttpPortalClient({
    baseUrl: sim.url,
    clientId: 'DL-DEV-001',
    clientSecret: 'dev-secret',
    clock: systemClock,
    chunkSize: 128 * 1024,
    requestTimeoutMs: 10_000,
  });
  engine = createSyncEngine({
    db: app.db,
    blobs: app.blobs,
    portal,
    clock: systemClock,
    random: seededRandom(42),
    logger: silentLogger,
    emit: (event, payload) => {
      if (event === 'sync.status') statuses.push(payload as EventPayload<'sync.status'>);
    },
    concurrency: 4,
    // The app's backoff is 1 s doubling to a 5 min cap. At 30% failures per request a few dossiers reach windows of
    // minutes (the 200-dossier bench shows that tail), so this test scales the backoff to 0.5 s doubling to a 5 s cap;
    // the fault rates, latency and token lifetime stay as the issue states them.
    policy: { ...defaultBackoffPolicy, baseMs: 500, capMs: 5_000 },
    offlineProbeMs: 1_000,
  });
});

afterAll(async () => {
  await engine.stop();
  closeDatabase(app.db);
  await sim.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('sync through 30% 5xx, 10% resets, 200 ms latency, 30 s tokens', () => {
  it('accepts every dossier exactly once with intact files', async () => {
    // the random resets after a commit are ~3 in a run and can be 0: one lost answer is made certain, so the replay
    // path (same key, same body: the portal's first answer) is exercised every run
    sim.loseNextAnswer();
    const started = Date.now();
    engine.start();
    // the in-pass retries may absorb every random 5xx of a run; a maintenance window (Retry-After 3 s) cannot be
    // absorbed, so some dossier in flight surely records a failed attempt for its timeline (checked below)
    const maintenance = setInterval(() => {
      if (outboxCounts(app.db).acknowledged < 10) return;
      clearInterval(maintenance);
      sim.startMaintenance(3);
    }, 100);
    const done = await waitUntil(() => outboxCounts(app.db).acknowledged === DOSSIERS, 150_000, 500);
    clearInterval(maintenance);
    const elapsed = Date.now() - started;
    const counts = outboxCounts(app.db);
    const stats = sim.stats();
    const bytes = seeded.reduce((n, d) => n + d.bytes, 0);
    console.log(
      `[sync-faults] ${DOSSIERS}x${PAGES} (${(bytes / 1e6).toFixed(1)} MB) in ${(elapsed / 1000).toFixed(1)} s; outbox ${JSON.stringify(counts)}; sim ${JSON.stringify(stats)}`,
    );
    expect(done, `outbox ${JSON.stringify(counts)}`).toBe(true);

    // the faults really happened
    expect(stats.faults.errors).toBeGreaterThan(50);
    expect(
      stats.faults.resetsMidUpload + stats.faults.resetsBeforeCommit + stats.faults.resetsAfterCommit,
    ).toBeGreaterThan(10);
    expect(stats.faults.resetsAfterCommit).toBeGreaterThan(0);
    // a lost answer was sent again under the same key and answered from the portal's record, not filed twice
    expect(stats.duplicateReplays).toBeGreaterThan(0);

    // exactly once: the simulator's count, its keys, our acknowledged count and our dossiers agree
    const onPortal = sim.listDossiers();
    expect(stats.dossiersAccepted).toBe(DOSSIERS);
    expect(onPortal).toHaveLength(DOSSIERS);
    expect(new Set(onPortal.map((d) => d.idempotencyKey)).size).toBe(DOSSIERS);
    expect(new Set(onPortal.map((d) => d.localCode)).size).toBe(DOSSIERS);
    expect(counts).toEqual({ pending: 0, acknowledged: DOSSIERS, needsFix: 0, total: DOSSIERS });
    const local = app.db.$client
      .prepare('SELECT id, local_code, portal_code, status FROM dossiers')
      .all() as {
      id: string;
      local_code: string;
      portal_code: string | null;
      status: string;
    }[];
    expect(local).toHaveLength(DOSSIERS);
    const byLocal = new Map(onPortal.map((d) => [d.localCode, d]));
    for (const d of seeded) {
      const row = local.find((r) => r.id === d.id);
      const remote = byLocal.get(d.localCode);
      expect(remote?.idempotencyKey).toBe(d.key);
      expect(row?.portal_code).toBe(remote?.portalCode);
      // accepted; the feed may already have brought the portal's first status
      expect(['submitted', 'received']).toContain(row?.status);
      // SHA-256 on both sides: what the portal filed for the dossier is exactly our pages
      expect(remote?.fileSha256).toEqual(d.shas);
    }
    const files = await sim.listFiles({ rehash: true });
    const stored = new Map(files.map((f) => [f.sha256, f.storedSha256]));
    for (const sha of seeded.flatMap((d) => d.shas))
      expect(stored.get(sha), `file ${sha.slice(0, 12)}`).toBe(sha);
    expect(stats.checksumFailures).toBe(0);

    // the status bar saw progress and ends with nothing waiting
    expect(statuses.some((s) => s.current && s.current.bytesSent > 0 && s.current.bytesTotal > 0)).toBe(true);
    expect(engine.status().waiting).toBe(0);

    // the timeline of a dossier that hit a fault tells the agent what happened
    const retried = app.db.$client
      .prepare("SELECT dossier_id FROM sync_attempts WHERE outcome = 'retry' LIMIT 1")
      .get() as { dossier_id: string };
    const timeline = dossierSyncTimeline(app.db, retried.dossier_id);
    expect(timeline?.portalCode).toMatch(/^SIM\./);
    expect(
      timeline?.entries.some(
        (e) => e.type === 'attempt' && e.outcome === 'retry' && /cổng|kết nối/i.test(e.message),
      ),
    ).toBe(true);
    expect(timeline?.entries.some((e) => e.type === 'attempt' && e.outcome === 'ok')).toBe(true);
  });

  it('pulls portal statuses and supplement requests through the same faults', async () => {
    const target = seeded[0];
    const code = sim.listDossiers().find((d) => d.localCode === target?.localCode)?.portalCode;
    expect(code).toBeDefined();
    expect(sim.advance()).toBe(DOSSIERS); // received -> processing, all of them
    expect(
      sim.requestSupplement(
        code ?? '',
        ['Tờ khai cấp bản sao trích lục hộ tịch'],
        'Bản quét mờ, đề nghị quét lại.',
      ),
    ).toBe(true);
    // the engine pulls the feed every 30 s on its own; "Đồng bộ ngay" does it now
    const nudger = setInterval(() => void engine.syncNow(), 1_500);
    const pulled = await waitUntil(
      () => {
        const n = (
          app.db.$client
            .prepare(
              "SELECT COUNT(*) AS n FROM dossiers WHERE status IN ('processing', 'supplement_requested')",
            )
            .get() as { n: number }
        ).n;
        return (
          n === DOSSIERS && listSupplementRequests(app.db, { userId: AGENT_ID, role: 'agent' }).length === 1
        );
      },
      60_000,
      300,
    );
    clearInterval(nudger);
    expect(pulled).toBe(true);
    const req = listSupplementRequests(app.db, { userId: AGENT_ID, role: 'agent' })[0];
    expect(req?.localCode).toBe(target?.localCode);
    expect(req?.documents).toEqual(['Tờ khai cấp bản sao trích lục hộ tịch']);
    const row = app.db.$client.prepare('SELECT status FROM dossiers WHERE id = ?').get(target?.id) as {
      status: string;
    };
    expect(row.status).toBe('supplement_requested');
    // the portal's statuses are recorded as portal events, each once
    const events = app.db.$client
      .prepare(
        "SELECT to_status, COUNT(*) AS n FROM status_events WHERE source = 'portal' GROUP BY to_status",
      )
      .all() as { to_status: string; n: number }[];
    expect(Object.fromEntries(events.map((e) => [e.to_status, e.n]))).toEqual({
      received: DOSSIERS,
      processing: DOSSIERS,
      supplement_requested: 1,
    });
    // every portal status change also reached the local dossier's history exactly once: no duplicates after retries
    const dupes = app.db.$client
      .prepare(
        "SELECT dossier_id, to_status, COUNT(*) AS n FROM status_events WHERE source = 'portal' GROUP BY dossier_id, to_status HAVING n > 1",
      )
      .all();
    expect(dupes).toEqual([]);
  });
});
