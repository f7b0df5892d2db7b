// The status says the truth: a refused secret is never "online", counts come from the outbox, messages name the page, not the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../db/client';
import type { EventPayload } from '../../electron/common/contract';
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { seededRandom } from '../../electron/core/sync/backoff';
import { queueDossier } from '../../electron/core/sync/outbox';
import { createHttpPortalClient } from '../../electron/core/sync/portal-client';
import { createSyncEngine, type SyncEngine } from '../../electron/core/sync/sync-engine';
import { dossierSyncTimeline } from '../../electron/core/sync/sync-service';
import { uuidv7 } from '../../electron/core/uuid';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import { requiredComponents } from '../../scripts/bench/sync-seed';
import { AGENT_ID, openApp, outboxCounts, seedDossiers, type AppFixture } from '../support/sync-fixtures';

const root = mkdtempSync(join(tmpdir(), 'dvc-sync-truth-'));
let sim: PortalSimHandle;
let app: AppFixture;
const engines: SyncEngine[] = [];
type Status = EventPayload<'sync.status'>;

function engineWith(secret: string, statuses: Status[], url = sim.url): SyncEngine {
  const portal = createHttpPortalClient({ baseUrl: url, clientId: 'DL-DEV-001', clientSecret: secret, clock: systemClock });
  const engine = createSyncEngine({
    db: app.db,
    blobs: app.blobs,
    portal,
    clock: systemClock,
    random: seededRandom(4),
    logger: silentLogger,
    emit: (event, payload) => {
      if (event === 'sync.status') statuses.push(payload as Status);
    },
  });
  engines.push(engine);
  return engine;
}

beforeAll(async () => {
  sim = await startPortalSim({ dataDir: join(root, 'portal'), seed: 9, speed: 0 });
  app = openApp(join(root, 'app'));
});

afterAll(async () => {
  for (const e of engines) await e.stop();
  closeDatabase(app.db);
  await sim.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('what the status bar and the timeline say', () => {
  it('a refused secret: never online, the reason named, nothing sent', async () => {
    await seedDossiers(app, { dossiers: 2, pages: 1, pageBytes: 10_000 });
    const statuses: Status[] = [];
    const engine = engineWith('sai-mat-khau', statuses);
    const report = await engine.syncNow();
    expect(report.online).toBe(false);
    expect(report.stoppedBy).toMatchObject({ kind: 'auth' });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.some((s) => s.online)).toBe(false);
    expect(engine.status()).toMatchObject({ online: false, authRefused: true, waiting: 2 });
    expect(engine.status().detail).toMatch(/từ chối mã đại lý hoặc khoá bí mật/);
    expect(sim.stats().uploadsCreated).toBe(0);
    await engine.stop();
  });

  it('counts follow the outbox: "3 hồ sơ cần sửa" goes once they are fixed and sent', async () => {
    const statuses: Status[] = [];
    const engine = engineWith('dev-secret', statuses);
    expect((await engine.syncNow()).accepted).toBe(2);
    const refused = await seedDossiers(app, { dossiers: 3, pages: 1, pageBytes: 10_000, startIndex: 100 });
    const message = 'Số định danh cá nhân không khớp với họ tên trong Cơ sở dữ liệu quốc gia về dân cư.';
    for (let i = 0; i < 3; i++) sim.refuseNext([{ path: 'applicant.idNumber', code: 'id_mismatch', message }]);
    await engine.syncNow();
    expect(engine.status()).toMatchObject({ needsFix: 3, waiting: 0, online: true });
    expect(statuses.at(-1)?.needsFix).toBe(3);
    // the agent fixes them: re-queued under the same key, sent, accepted
    for (const d of refused) queueDossier(app.db, { dossierId: d.id, actorId: AGENT_ID, at: Date.now(), newKey: () => uuidv7() });
    expect(engine.status()).toMatchObject({ needsFix: 0, waiting: 3 });
    expect((await engine.syncNow()).accepted).toBe(3);
    expect(statuses.at(-1)).toMatchObject({ needsFix: 0, waiting: 0, online: true });
    expect(outboxCounts(app.db)).toMatchObject({ needsFix: 0, pending: 0, acknowledged: 5 });
    await engine.stop();
  });

  it('portal messages name the document and the page, never the internal file name', async () => {
    const statuses: Status[] = [];
    const engine = engineWith('dev-secret', statuses);
    const label = requiredComponents()[0]?.label ?? '';
    expect(label).not.toBe('');
    const [lost, blurred] = await seedDossiers(app, { dossiers: 2, pages: 3, pageBytes: 20_000, startIndex: 200 });
    if (!lost || !blurred) throw new Error('seed');
    const uploadsBefore = sim.stats().uploadsCreated;
    const bytesBefore = sim.stats().uploadBytesReceived;
    // 1. the portal says it lacks page 3 of the first dossier (as its own check would): sent again by itself
    sim.refuseNext([{ path: 'components[0].files[2]', code: 'file_missing', message: 'Tệp "trang-01-003.jpg" chưa được tải lên cổng hoặc tải lên chưa xong.' }]);
    // 2. and refuses page 2 of the second for a reason the agent must fix, naming the file
    sim.refuseNext([{ path: 'components[0].files[1]', code: 'unreadable', message: 'Tệp "trang-01-002.jpg" bị mờ, không đọc được số hiệu.' }]);
    await engine.syncNow();
    await engine.syncNow();
    const first = dossierSyncTimeline(app.db, lost.id);
    const retried = first?.entries.find((e) => e.type === 'attempt' && e.outcome === 'retry');
    expect(retried?.type === 'attempt' && retried.message).toBe(`Trang 3 của '${label}' chưa gửi xong; sẽ tự gửi lại.`);
    expect(first?.outbox?.state).toBe('acknowledged');
    // sent again without a new upload and without re-sending its bytes: the portal still had them
    expect(sim.stats().uploadsCreated - uploadsBefore).toBe(6);
    expect(sim.stats().uploadBytesReceived - bytesBefore).toBe(lost.bytes + blurred.bytes);
    const second = dossierSyncTimeline(app.db, blurred.id);
    expect(second?.outbox?.state).toBe('needs_fix');
    expect(second?.outbox?.lastError).toBe(`Cổng từ chối hồ sơ: Trang 2 của '${label}' bị mờ, không đọc được số hiệu.`);
    expect(second?.outbox?.lastErrorFields[0]?.message).toBe(`Trang 2 của '${label}' bị mờ, không đọc được số hiệu.`);
    const everything = JSON.stringify([first, second, statuses.map((s) => s.detail)]);
    expect(everything).not.toMatch(/trang-\d\d-\d{3}\.jpg/);
    await engine.stop();
  });
  it('the portal comes back with a new secret while the app holds a token it gave before: never "online"', async () => {
    const dir = join(root, 'portal-changed');
    const first = await startPortalSim({ dataDir: dir, seed: 9, speed: 0 });
    const port = first.port;
    const statuses: Status[] = [];
    const engine = engineWith('dev-secret', statuses, first.url);
    expect((await engine.syncNow()).online).toBe(true);
    await first.stop();
    // a pass finds it gone (a restart, a line cut): offline
    expect((await engine.syncNow()).online).toBe(false);
    // the same portal, now with a new secret for the point and every token it gave revoked
    const changed = await startPortalSim({
      dataDir: dir,
      port,
      seed: 9,
      speed: 0,
      clients: [{ clientId: 'DL-DEV-001', clientSecret: 'mat-khau-moi' }],
      revokeTokensOnStart: true,
    });
    try {
      const seen = statuses.length;
      const report = await engine.syncNow();
      expect(report.online).toBe(false);
      expect(report.stoppedBy).toMatchObject({ kind: 'auth' });
      // not even for a moment between "the portal answers" and "the portal refuses our token"
      expect(statuses.slice(seen).some((st) => st.online)).toBe(false);
      expect(engine.status()).toMatchObject({ online: false, authRefused: true });
    } finally {
      await engine.stop();
      await changed.stop();
    }
  });
});
