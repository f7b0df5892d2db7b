// Property: random enqueues, passes, outages, crashes and portal faults never duplicate or lose a dossier.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase } from '../../db/client';
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { seededRandom } from '../../electron/core/sync/backoff';
import { queueDossier } from '../../electron/core/sync/outbox';
import { createSyncEngine, type SyncEngine } from '../../electron/core/sync/sync-engine';
import { uuidv7 } from '../../electron/core/uuid';
import { FakePortal, type FakeFault } from '../support/fake-portal';
import { AGENT_ID, openApp, outboxCounts, seedDossiers, type AppFixture } from '../support/sync-fixtures';

type Action =
  | { t: 'enqueue'; pages: number; bytes?: number }
  | { t: 'pass' }
  | { t: 'down' }
  | { t: 'up' }
  | { t: 'faults'; list: FakeFault[]; onPosts: boolean }
  | { t: 'crash'; requestsLeft: number; phase: 'before' | 'after'; onlyPosts: boolean }
  | { t: 'advance' }
  | { t: 'requeue' };

const faultArb = fc.constantFrom<FakeFault>(
  'server_error',
  'rate_limited',
  'reset_before',
  'reset_after',
  'refuse',
);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('enqueue' as const), pages: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 5, arbitrary: fc.constant({ t: 'pass' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'down' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'up' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('faults' as const),
      list: fc.array(faultArb, { minLength: 1, maxLength: 6 }),
      onPosts: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('crash' as const),
      requestsLeft: fc.integer({ min: 0, max: 8 }),
      phase: fc.constantFrom('before' as const, 'after' as const),
      onlyPosts: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'advance' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'requeue' as const }) },
);

type Enqueued = { id: string; localCode: string; key: string };

/** what the runs exercised, printed at the end so a run that never crashed or replayed is visible */
const tally = { runs: 0, dossiers: 0, crashes: 0, posts: 0, replays: 0, needsFix: 0 };

function requeueRefused(app: AppFixture): void {
  const ids = app.db.$client.prepare("SELECT dossier_id FROM outbox WHERE state = 'needs_fix'").all() as {
    dossier_id: string;
  }[];
  for (const { dossier_id } of ids)
    queueDossier(app.db, {
      dossierId: dossier_id,
      actorId: AGENT_ID,
      at: Date.now(),
      newKey: () => uuidv7(),
    });
}

async function scenario(actions: Action[]): Promise<FakePortal> {
  const dir = mkdtempSync(join(tmpdir(), 'dvc-outbox-prop-'));
  const portal = new FakePortal();
  let app = openApp(dir);
  let crashed = false;
  const engineFor = (a: AppFixture): SyncEngine =>
    createSyncEngine({
      db: a.db,
      blobs: a.blobs,
      portal,
      clock: systemClock,
      random: seededRandom(1),
      logger: silentLogger,
      emit: () => undefined,
      concurrency: 2,
    });
  let engine = engineFor(app);
  portal.onCrash = () => {
    crashed = true;
    tally.crashes += 1;
    closeDatabase(app.db);
  };
  const reopen = () => {
    if (app.db.$client.open) closeDatabase(app.db);
    crashed = false;
    app = openApp(dir);
    engine = engineFor(app);
  };
  const pass = async () => {
    await engine.syncNow();
    if (crashed) reopen();
  };
  const enqueued: Enqueued[] = [];

  const invariants = () => {
    // never a duplicate: one portal dossier per local dossier, one per key
    const filed = [...portal.filed.values()];
    expect(new Set(filed.map((f) => f.localCode)).size).toBe(filed.length);
    expect(new Set(filed.map((f) => f.key)).size).toBe(filed.length);
    // never lost locally, and the key of a dossier never changes
    const rows = app.db.$client
      .prepare('SELECT o.dossier_id, o.idempotency_key FROM outbox o JOIN dossiers d ON d.id = o.dossier_id')
      .all() as {
      dossier_id: string;
      idempotency_key: string;
    }[];
    const keys = new Map(rows.map((r) => [r.dossier_id, r.idempotency_key]));
    for (const e of enqueued) expect(keys.get(e.id), `dossier ${e.localCode}`).toBe(e.key);
    // what the portal holds under our keys belongs to the dossier that owns the key
    const byKey = new Map(enqueued.map((e) => [e.key, e]));
    for (const f of filed) expect(byKey.get(f.key)?.localCode).toBe(f.localCode);
  };

  try {
    for (const a of actions) {
      switch (a.t) {
        case 'enqueue': {
          const [d] = await seedDossiers(app, {
            dossiers: 1,
            pages: a.pages,
            pageBytes: a.bytes ?? [10, 60],
          });
          if (d?.key) enqueued.push({ id: d.id, localCode: d.localCode, key: d.key });
          break;
        }
        case 'pass':
          await pass();
          break;
        case 'down':
          portal.online = false;
          break;
        case 'up':
          portal.online = true;
          break;
        case 'faults':
          (a.onPosts ? portal.postFaults : portal.faults).push(...a.list);
          break;
        case 'crash':
          portal.crashPlan = {
            requestsLeft: a.onlyPosts ? Math.min(a.requestsLeft, 2) : a.requestsLeft,
            phase: a.phase,
            onlyPosts: a.onlyPosts,
          };
          await pass();
          // the crash point was not reached: the process dies between two passes instead
          portal.crashPlan = null;
          reopen();
          break;
        case 'advance':
          portal.advance();
          break;
        case 'requeue':
          requeueRefused(app);
          break;
      }
      invariants();
    }

    // The connection comes back for good and the agent fixes what was refused: everything gets through, once.
    portal.online = true;
    portal.faults = [];
    portal.postFaults = [];
    portal.crashPlan = null;
    for (let round = 0; round < 30; round++) {
      tally.needsFix += outboxCounts(app.db).needsFix;
      requeueRefused(app);
      await pass();
      const c = outboxCounts(app.db);
      if (c.pending === 0 && c.needsFix === 0) break;
    }
    for (let i = 0; i < 4; i++) portal.advance();
    await pass();
    invariants();
    expect(outboxCounts(app.db)).toEqual({
      pending: 0,
      acknowledged: enqueued.length,
      needsFix: 0,
      total: enqueued.length,
    });
    expect(portal.filed.size).toBe(enqueued.length);
    const filedByKey = new Map([...portal.filed.values()].map((f) => [f.key, f]));
    for (const e of enqueued) {
      const row = app.db.$client
        .prepare('SELECT portal_code, status FROM dossiers WHERE id = ?')
        .get(e.id) as { portal_code: string; status: string };
      const f = filedByKey.get(e.key);
      expect(row.portal_code).toBe(f?.portalCode);
      // the feed brought every dossier to the portal's final status, in order, without going backwards
      expect(row.status).toBe('completed');
      expect(f?.status).toBe('completed');
    }
    tally.runs += 1;
    tally.dossiers += enqueued.length;
    tally.posts += portal.posts;
    tally.replays += portal.replays;
    return portal;
  } finally {
    if (app.db.$client.open) closeDatabase(app.db);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('outbox under random enqueues, syncs, outages, crashes and faults', () => {
  it('never duplicates and never loses a dossier', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(actionArb, { minLength: 1, maxLength: 30, size: 'large' }),
        async (initial, actions) => {
          await scenario([
            ...Array.from({ length: initial }, () => ({ t: 'enqueue' as const, pages: 2 })),
            ...actions,
          ]);
        },
      ),
      { numRuns: 40, seed: 20_251_122 },
    );
    console.log(`[outbox-property] ${JSON.stringify(tally)}`);
    expect(tally.crashes).toBeGreaterThanOrEqual(15);
    expect(tally.replays).toBeGreaterThanOrEqual(3);
    expect(tally.posts).toBeGreaterThan(tally.dossiers);
  });

  it('survives the classic trap: the portal commits, the answer is lost, the process dies before recording it', async () => {
    // one 10-byte page: request 0 creates the upload, 1 sends it, 2 is the POST that commits before the crash
    const portal = await scenario([
      { t: 'enqueue', pages: 1, bytes: 10 },
      { t: 'crash', requestsLeft: 2, phase: 'after', onlyPosts: false },
      { t: 'pass' },
    ]);
    expect(portal.posts).toBe(2);
    expect(portal.filed.size).toBe(1);
  });
});
