// Uploads resume, never restart blindly: URL stored before the first byte, a new upload only when the portal says "gone", refusals cost no body bytes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../db/client';
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { seededRandom } from '../../electron/core/sync/backoff';
import { createHttpPortalClient } from '../../electron/core/sync/portal-client';
import { createSyncEngine } from '../../electron/core/sync/sync-engine';
import { startPortalSim, type PortalSimHandle } from '../../scripts/portal-sim/server';
import { openApp, outboxCounts, seedDossiers, type AppFixture } from '../support/sync-fixtures';

const root = mkdtempSync(join(tmpdir(), 'dvc-sync-uploads-'));
let sim: PortalSimHandle;
let app: AppFixture;
const agent = { clientId: 'DL-DEV-001', clientSecret: 'dev-secret' };

const urlOf = (input: string | URL | Request): string => (input instanceof Request ? input.url : input.toString());

function file(size: number) {
  const bytes = randomBytes(size);
  return {
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    source: { size, read: (o: number, l: number) => Promise.resolve(new Uint8Array(bytes.subarray(o, o + l))) },
  };
}

beforeAll(async () => {
  sim = await startPortalSim({ dataDir: join(root, 'portal'), seed: 2, speed: 0 });
  app = openApp(join(root, 'app'));
});
afterAll(async () => {
  closeDatabase(app.db);
  await sim.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('resumable uploads through faults', () => {
  it('the engine stores every upload URL before the first byte of it is sent', async () => {
    const seeded = await seedDossiers(app, { dossiers: 3, pages: 3, pageBytes: 300_000 });
    let patches = 0;
    const unknown: string[] = [];
    const portal = createHttpPortalClient({
      ...agent,
      baseUrl: sim.url,
      clock: systemClock,
      chunkSize: 128 * 1024,
      fetch: (input, init) => {
        if (init?.method === 'PATCH') {
          patches += 1;
          const url = urlOf(input);
          const row = app.db.$client.prepare('SELECT 1 FROM uploads WHERE upload_url = ?').get(url);
          if (!row) unknown.push(url);
        }
        return fetch(input, init);
      },
    });
    const engine = createSyncEngine({ db: app.db, blobs: app.blobs, portal, clock: systemClock, random: seededRandom(3), logger: silentLogger, emit: () => undefined });
    await engine.syncNow();
    await engine.stop();
    expect(outboxCounts(app.db).acknowledged).toBe(seeded.length);
    expect(patches).toBeGreaterThanOrEqual(9 * 3);
    expect(unknown).toEqual([]);
    // the acceptances were committed without their own fsync; the connection is back at FULL for everything else
    expect(app.db.$client.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('upload streams are shared by the dossiers in flight: a lone dossier uses all of them, never more than the total', async () => {
    const streams = async (dossiers: number): Promise<number> => {
      await seedDossiers(app, { dossiers, pages: 5, pageBytes: 200_000 });
      let now = 0;
      let most = 0;
      const portal = createHttpPortalClient({
        ...agent,
        baseUrl: sim.url,
        clock: systemClock,
        chunkSize: 64 * 1024,
        fetch: async (input, init) => {
          if (init?.method !== 'PATCH') return fetch(input, init);
          most = Math.max(most, ++now);
          try {
            // a portal 30 ms away: the chunks of different files overlap
            await new Promise((r) => setTimeout(r, 30));
            return await fetch(input, init);
          } finally {
            now -= 1;
          }
        },
      });
      // 2 dossiers x 2 files: 4 streams in all (no growth past them: maxStreams)
      const engine = createSyncEngine({ db: app.db, blobs: app.blobs, portal, clock: systemClock, random: seededRandom(5), logger: silentLogger, emit: () => undefined, concurrency: 2, fileConcurrency: 2, maxStreams: 4 });
      await engine.syncNow();
      await engine.stop();
      expect(outboxCounts(app.db).pending).toBe(0);
      return most;
    };
    // one dossier of 5 pages: its files take the 4 streams, not only "its" 2
    expect(await streams(1)).toBe(4);
    // 3 dossiers queued: still 4 at most
    expect(await streams(3)).toBe(4);
  });

  it('a slow portal that answers gets more dossiers in flight than the base, never more than the bound', async () => {
    const inFlight = async (maxConcurrency: number): Promise<number> => {
      await seedDossiers(app, { dossiers: 8, pages: 3, pageBytes: 100_000 });
      let most = 0;
      const submitting = app.db.$client.prepare("SELECT COUNT(*) AS n FROM dossiers WHERE status = 'submitting'");
      const portal = createHttpPortalClient({
        ...agent,
        baseUrl: sim.url,
        clock: systemClock,
        fetch: async (input, init) => {
          if (init?.method === 'PATCH') most = Math.max(most, (submitting.get() as { n: number }).n);
          // a portal 40 ms away: a dossier opening its uploads or waiting for its POST leaves the streams idle
          await new Promise((r) => setTimeout(r, 40));
          return fetch(input, init);
        },
      });
      // 2 dossiers x 1 file: 2 streams
      const engine = createSyncEngine({ db: app.db, blobs: app.blobs, portal, clock: systemClock, random: seededRandom(7), logger: silentLogger, emit: () => undefined, concurrency: 2, fileConcurrency: 1, maxConcurrency });
      await engine.syncNow();
      await engine.stop();
      expect(outboxCounts(app.db).pending).toBe(0);
      return most;
    };
    const bounded = await inFlight(4);
    expect(bounded).toBeGreaterThan(2);
    expect(bounded).toBeLessThanOrEqual(4);
    // no room above the base: the base it is
    expect(await inFlight(2)).toBeLessThanOrEqual(2);
  });

  it('chunks ask first only once the portal has refused: a healthy portal costs no extra round trip, a refusing one no body bytes', async () => {
    const f = file(500_000);
    let wire = 0;
    const client = createHttpPortalClient({ ...agent, baseUrl: sim.url, clock: systemClock, retryDelaysMs: [10, 10, 10], onSent: (n) => (wire += n) });
    const created = await client.createUpload?.({ sha256: f.sha256, fileName: 'giay-khai-sinh.jpg', mime: 'image/jpeg', size: f.bytes.length });
    if (created?.kind !== 'ok') throw new Error('create');
    const before = sim.stats();
    sim.setFaults({ errorRate: 1 });
    const refused = await client.uploadFile({ source: f.source, sha256: f.sha256, fileName: 'giay-khai-sinh.jpg', mime: 'image/jpeg', uploadUrl: created.value, fresh: true });
    sim.setFaults({ errorRate: 0 });
    expect(refused).toMatchObject({ kind: 'retry', reason: 'server_error' });
    // four PATCH tries (and a HEAD after the one that carried bytes: where does the upload stand?)
    expect(sim.stats().faults.errors - before.faults.errors).toBeGreaterThanOrEqual(4);
    // the first try went without asking (nothing had been refused yet): some of its body left (the portal may cut it);
    // the three retries asked first and sent nothing, so at most one body in all
    expect(wire).toBeGreaterThan(0);
    expect(wire).toBeLessThanOrEqual(f.bytes.length);
    expect(sim.stats().uploadBytesReceived).toBe(before.uploadBytesReceived);
  });

  it('a HEAD that fails (5xx) does not start the upload over; only a 404/410 from the portal does', async () => {
    const f = file(600_000);
    let headStatus: number | null = null;
    let creates = 0;
    const client = createHttpPortalClient({
      ...agent,
      baseUrl: sim.url,
      clock: systemClock,
      chunkSize: 200_000,
      retryDelaysMs: [10, 10, 10],
      fetch: (input, init) => {
        if (init?.method === 'POST' && urlOf(input).endsWith('/files/')) creates += 1;
        if (init?.method === 'HEAD' && headStatus !== null) return Promise.resolve(new Response(null, { status: headStatus }));
        return fetch(input, init);
      },
    });
    const urls: string[] = [];
    const base = { source: f.source, sha256: f.sha256, fileName: 'to-khai.pdf', mime: 'application/pdf', onCreated: (u: string) => void urls.push(u) };
    const stop = new AbortController();
    await expect(client.uploadFile({ ...base, signal: stop.signal, onProgress: (p) => p.uploaded >= 200_000 && stop.abort() })).rejects.toThrow();
    expect(urls).toHaveLength(1);

    headStatus = 503; // the portal is struggling: the stored upload is kept, nothing is created
    expect(await client.uploadFile({ ...base, uploadUrl: urls[0] })).toMatchObject({ kind: 'retry', reason: 'server_error' });
    expect(creates).toBe(1);

    headStatus = null; // back: it resumes where the portal stands
    const resumed = await client.uploadFile({ ...base, uploadUrl: urls[0] });
    expect(resumed).toMatchObject({ kind: 'ok', value: { resumedFrom: 200_000, created: 0 } });
    expect(creates).toBe(1);

    headStatus = 404; // the portal says that upload is gone: now, and only now, a new one
    const again = await client.uploadFile({ ...base, uploadUrl: urls[0] });
    expect(again).toMatchObject({ kind: 'ok', value: { resumedFrom: 0, created: 1 } });
    expect(creates).toBe(2);
    expect(urls).toHaveLength(2);
  });

  it('a PATCH the portal refuses before reading it (5xx, Expect: 100-continue) costs no body bytes', async () => {
    const f = file(500_000);
    let wire = 0;
    const client = createHttpPortalClient({ ...agent, baseUrl: sim.url, clock: systemClock, retryDelaysMs: [10, 10, 10], expectContinue: 'always', onSent: (n) => (wire += n) });
    const created = await client.createUpload?.({ sha256: f.sha256, fileName: 'giay-chung-sinh.jpg', mime: 'image/jpeg', size: f.bytes.length });
    if (created?.kind !== 'ok') throw new Error('create');
    const before = sim.stats();
    sim.setFaults({ errorRate: 1 });
    const refused = await client.uploadFile({ source: f.source, sha256: f.sha256, fileName: 'giay-chung-sinh.jpg', mime: 'image/jpeg', uploadUrl: created.value, fresh: true });
    sim.setFaults({ errorRate: 0 });
    expect(refused).toMatchObject({ kind: 'retry', reason: 'server_error' });
    expect(sim.stats().faults.errors - before.faults.errors).toBe(4); // one try and three in-pass retries
    expect(wire).toBe(0);
    expect(sim.stats().uploadBytesReceived).toBe(before.uploadBytesReceived);
    const done = await client.uploadFile({ source: f.source, sha256: f.sha256, fileName: 'giay-chung-sinh.jpg', mime: 'image/jpeg', uploadUrl: created.value });
    expect(done).toMatchObject({ kind: 'ok', value: { bytesSent: f.bytes.length } });
    expect(wire).toBe(f.bytes.length);
  });
});
