// What the agent sees and what the engine must never do: refusals with field messages, conflicts, offline, feed guards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase } from '../../db/client';
import type { EventPayload } from '../../electron/common/contract';
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { seededRandom } from '../../electron/core/sync/backoff';
import { FEED_CURSOR_KEY, setSyncState } from '../../electron/core/sync/feed';
import { getOutbox, queueDossier } from '../../electron/core/sync/outbox';
import { createSyncEngine, type SyncEngine, type Timers } from '../../electron/core/sync/sync-engine';
import { dossierSyncTimeline, listSupplementRequests } from '../../electron/core/sync/sync-service';
import { uuidv7 } from '../../electron/core/uuid';
import { FakePortal } from '../support/fake-portal';
import { AGENT_ID, openApp, seedDossiers, type AppFixture } from '../support/sync-fixtures';

let dir: string;
let app: AppFixture;
let portal: FakePortal;
let engine: SyncEngine;
let statuses: EventPayload<'sync.status'>[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvc-sync-guard-'));
  app = openApp(dir);
  portal = new FakePortal();
  statuses = [];
  engine = createSyncEngine({
    db: app.db,
    blobs: app.blobs,
    portal,
    clock: systemClock,
    random: seededRandom(5),
    logger: silentLogger,
    emit: (event, payload) => {
      if (event === 'sync.status') statuses.push(payload as EventPayload<'sync.status'>);
    },
  });
});

afterEach(() => {
  closeDatabase(app.db);
  rmSync(dir, { recursive: true, force: true });
});

const statusOf = (id: string) =>
  (app.db.$client.prepare('SELECT status FROM dossiers WHERE id = ?').get(id) as { status: string }).status;

describe('sync engine, as the agent sees it', () => {
  it('says it is offline and how many wait, then sends them when the portal is back', async () => {
    await seedDossiers(app, { dossiers: 2, pages: 1, pageBytes: 40 });
    portal.online = false;
    const report = await engine.syncNow();
    expect(report.online).toBe(false);
    const offline = statuses.at(-1);
    expect(offline).toMatchObject({ online: false, waiting: 2 });
    expect(offline?.detail).toMatch(/Chưa kết nối được cổng: Không kết nối được cổng dịch vụ công/);
    portal.online = true;
    const back = await engine.syncNow();
    expect(back.accepted).toBe(2);
    expect(statuses.at(-1)).toMatchObject({ online: true, waiting: 0, detail: null });
    expect(statuses.at(-1)?.lastSuccessAt).toBeGreaterThan(0);
  });

  it('puts a refused dossier into needs_fix with the portal field messages, and keeps its key when re-queued', async () => {
    const [d] = await seedDossiers(app, { dossiers: 1, pages: 1, pageBytes: 40 });
    if (!d?.key) throw new Error('seed');
    portal.postFaults.push('refuse');
    const r = await engine.syncNow();
    expect(r.needsFix).toBe(1);
    expect(statusOf(d.id)).toBe('needs_fix');
    const t = dossierSyncTimeline(app.db, d.id);
    expect(t?.outbox?.state).toBe('needs_fix');
    expect(t?.outbox?.fieldMessages['applicant.idNumber']).toBe(
      'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.',
    );
    expect(t?.outbox?.lastError).toMatch(/^Cổng từ chối hồ sơ: Số định danh/);
    expect(t?.entries.some((e) => e.type === 'status' && e.to === 'needs_fix')).toBe(true);
    // the agent fixes and re-queues: same key, and it goes through once
    expect(
      queueDossier(app.db, { dossierId: d.id, actorId: AGENT_ID, at: Date.now(), newKey: () => uuidv7() }),
    ).toEqual({ idempotencyKey: d.key, requeued: true });
    expect((await engine.syncNow()).accepted).toBe(1);
    expect(portal.filed.size).toBe(1);
    expect([...portal.filed.values()][0]?.key).toBe(d.key);
  });

  it('explains a key conflict instead of sending a second dossier', async () => {
    const [d] = await seedDossiers(app, { dossiers: 1, pages: 1, pageBytes: 40 });
    // the portal already holds this key with other content
    portal.filed.set('FAKE-X', {
      portalCode: 'FAKE-X',
      key: d?.key ?? '',
      bodyHash: 'other',
      localCode: d?.localCode ?? null,
      status: 'received',
    });
    await engine.syncNow();
    const box = getOutbox(app.db, d?.id ?? '');
    expect(box?.state).toBe('needs_fix');
    expect(box?.lastError).toMatch(/đã được dùng cho một nội dung khác/);
    expect(portal.filed.size).toBe(1);
  });

  it('queues only ready or approved dossiers', async () => {
    const [d] = await seedDossiers(app, { dossiers: 1, pages: 1, pageBytes: 40, queue: false });
    app.db.$client.prepare("UPDATE dossiers SET status = 'draft' WHERE id = ?").run(d?.id);
    expect(() =>
      queueDossier(app.db, { dossierId: d?.id ?? '', actorId: AGENT_ID, at: 1, newKey: () => 'k' }),
    ).toThrow(/Đang nhập/);
    app.db.$client.prepare("UPDATE dossiers SET status = 'ready' WHERE id = ?").run(d?.id);
    // an office that requires approval: 'ready' may not skip the supervisor
    expect(() =>
      queueDossier(app.db, {
        dossierId: d?.id ?? '',
        actorId: AGENT_ID,
        at: 1,
        newKey: () => 'k',
        requireApproval: true,
      }),
    ).toThrow(/Sẵn sàng/);
    expect(getOutbox(app.db, d?.id ?? '')).toBeUndefined();
  });
});

describe('sync engine on its own timer', () => {
  it('probes every ~10 s while offline and sends by itself once the portal answers', async () => {
    const [d] = await seedDossiers(app, { dossiers: 1, pages: 1, pageBytes: 40 });
    // a hand-driven timer: the test sees each delay the engine asks for and fires it
    const queue: { fn: () => void; ms: number }[] = [];
    const timers: Timers = {
      setTimeout: (fn, ms) => {
        const h = { fn, ms };
        queue.push(h);
        return h;
      },
      clearTimeout: (h) => {
        const i = queue.indexOf(h as { fn: () => void; ms: number });
        if (i >= 0) queue.splice(i, 1);
      },
    };
    const timed = createSyncEngine({
      db: app.db,
      blobs: app.blobs,
      portal,
      clock: systemClock,
      random: seededRandom(9),
      logger: silentLogger,
      emit: () => undefined,
      timers,
    });
    const fire = async () => {
      const h = queue.shift();
      if (!h) throw new Error('nothing scheduled');
      h.fn();
      await vi.waitFor(() => expect(queue).toHaveLength(1));
      return queue[0]?.ms ?? -1;
    };
    portal.online = false;
    timed.start();
    expect(queue.map((h) => h.ms)).toEqual([0]);
    for (let i = 0; i < 3; i++) {
      const delay = await fire();
      expect(delay).toBeGreaterThanOrEqual(5_000);
      expect(delay).toBeLessThanOrEqual(15_000);
      expect(timed.status()).toMatchObject({ online: false, waiting: 1 });
      expect(timed.status().detail).toMatch(/Sẽ tự thử lại sau \d+ giây\.$/);
    }
    portal.online = true;
    const next = await fire();
    expect(statusOf(d?.id ?? '')).toBe('received'); // accepted, and the feed already said the portal received it
    expect(timed.status()).toMatchObject({ online: true, waiting: 0, detail: null });
    expect(next).toBeLessThanOrEqual(30_000);
    await timed.stop();
    expect(queue).toHaveLength(0);
  });
});

describe('the status feed never deletes, overwrites or moves a dossier backwards', () => {
  it('applies each change once, in order, and ignores replays, unknown keys and backward moves', async () => {
    const [a, b] = await seedDossiers(app, { dossiers: 2, pages: 1, pageBytes: 40 });
    await engine.syncNow();
    const before = app.db.$client
      .prepare('SELECT id, applicant, local_code, created_at FROM dossiers ORDER BY id')
      .all();
    portal.advance(); // processing
    portal.advance(); // supplement_requested (with documents)
    await engine.syncNow();
    expect(statusOf(a?.id ?? '')).toBe('supplement_requested');
    expect(listSupplementRequests(app.db, { userId: 'someone-else', role: 'supervisor' })).toHaveLength(2);
    expect(listSupplementRequests(app.db, { userId: 'someone-else', role: 'agent' })).toHaveLength(0);

    // a backward move and an entry for a dossier that is not ours
    const codeA = app.db.$client.prepare('SELECT portal_code FROM dossiers WHERE id = ?').get(a?.id) as {
      portal_code: string;
    };
    portal.feed.push({
      seq: 1_000,
      portalCode: codeA.portal_code,
      idempotencyKey: a?.key ?? '',
      status: 'received',
      at: new Date().toISOString(),
      message: 'lùi',
    });
    portal.feed.push({
      seq: 1_001,
      portalCode: 'OTHER-1',
      idempotencyKey: 'not-ours',
      status: 'completed',
      at: new Date().toISOString(),
      message: 'x',
    });
    await engine.syncNow();
    expect(statusOf(a?.id ?? '')).toBe('supplement_requested');
    // the whole feed again from the start (a lost cursor): nothing is recorded twice
    setSyncState(app.db, FEED_CURSOR_KEY, '0', Date.now());
    await engine.syncNow();
    const events = app.db.$client
      .prepare(
        "SELECT dossier_id, to_status, COUNT(*) AS n FROM status_events WHERE source = 'portal' GROUP BY dossier_id, to_status",
      )
      .all() as { n: number }[];
    expect(events.every((e) => e.n === 1)).toBe(true);
    expect(listSupplementRequests(app.db, { userId: AGENT_ID, role: 'agent' })).toHaveLength(2);

    // the portal forgets everything: local dossiers stay exactly as they were
    portal.filed.clear();
    portal.feed.length = 0;
    setSyncState(app.db, FEED_CURSOR_KEY, '0', Date.now());
    await engine.syncNow();
    expect(
      app.db.$client.prepare('SELECT id, applicant, local_code, created_at FROM dossiers ORDER BY id').all(),
    ).toEqual(before);
    expect(statusOf(b?.id ?? '')).toBe('supplement_requested');
    expect(
      app.db.$client.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE portal_code IS NULL').get(),
    ).toEqual({ n: 0 });
  });
});
