// A dossier made ready goes out at once without pulling other dossiers out of their backoff; "Đồng bộ ngay" does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../db/client';
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { seededRandom } from '../../electron/core/sync/backoff';
import { createHttpPortalClient } from '../../electron/core/sync/portal-client';
import { createSyncEngine, type SyncEngine } from '../../electron/core/sync/sync-engine';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import { openApp, seedDossiers, type AppFixture, type SeededDossier } from '../support/sync-fixtures';

const root = mkdtempSync(join(tmpdir(), 'dvc-sync-wake-'));
let sim: PortalSimHandle;
let app: AppFixture;
let engine: SyncEngine;
let waiting: SeededDossier;
let fresh: SeededDossier;
const inTenMinutes = Date.now() + 10 * 60_000;

const outboxOf = (id: string) =>
  app.db.$client.prepare('SELECT state, attempts, next_attempt_at AS nextAt FROM outbox WHERE dossier_id = ?').get(id) as {
    state: string;
    attempts: number;
    nextAt: number;
  };

beforeAll(async () => {
  sim = await startPortalSim({ dataDir: join(root, 'portal'), seed: 3, speed: 0 });
  app = openApp(join(root, 'app'));
  const portal = createHttpPortalClient({ baseUrl: sim.url, clientId: 'DL-DEV-001', clientSecret: 'dev-secret', clock: systemClock });
  engine = createSyncEngine({ db: app.db, blobs: app.blobs, portal, clock: systemClock, random: seededRandom(1), logger: silentLogger, emit: () => undefined });
  // the engine has found the portal (coming online makes everything due, so that happens first)
  expect((await engine.wake()).online).toBe(true);
  // one dossier failed three times (a 5xx from the portal's side) and waits out its backoff ...
  [waiting] = (await seedDossiers(app, { dossiers: 1, pages: 1, pageBytes: 20_000, startIndex: 1 })) as [SeededDossier];
  app.db.$client.prepare('UPDATE outbox SET attempts = 3, next_attempt_at = ? WHERE dossier_id = ?').run(inTenMinutes, waiting.id);
  // ... when the agent makes another one ready
  [fresh] = (await seedDossiers(app, { dossiers: 1, pages: 1, pageBytes: 20_000, startIndex: 2 })) as [SeededDossier];
});

afterAll(async () => {
  await engine.stop();
  closeDatabase(app.db);
  await sim.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('waking the sync engine', () => {
  it('sends the dossier just queued and leaves the one in backoff waiting', async () => {
    const report = await engine.wake();
    expect(report.accepted).toBe(1);
    expect(outboxOf(fresh.id).state).toBe('acknowledged');
    expect(outboxOf(waiting.id)).toEqual({ state: 'pending', attempts: 3, nextAt: inTenMinutes });
    expect(sim.listDossiers()).toHaveLength(1);
  });

  it('"Đồng bộ ngay" sends everything waiting, backoff or not', async () => {
    const report = await engine.syncNow();
    expect(report.accepted).toBe(1);
    expect(outboxOf(waiting.id).state).toBe('acknowledged');
    expect(sim.listDossiers()).toHaveLength(2);
  });
});
