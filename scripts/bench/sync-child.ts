// Child process of `npm run bench:sync`: syncs the seeded data dir with the engine, or uploads the same files plainly.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { closeDatabase } from '../../db/client';
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { seededRandom } from '../../electron/core/sync/backoff';
import { createHttpPortalClient } from '../../electron/core/sync/portal-client';
import { encodeUploadMetadata, TUS_VERSION } from '../../electron/core/sync/portal-protocol';
import { createSyncEngine } from '../../electron/core/sync/sync-engine';
import { openApp, outboxCounts } from './sync-seed';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    url: { type: 'string' },
    mode: { type: 'string', default: 'engine' },
    concurrency: { type: 'string', default: '3' },
    chunk: { type: 'string', default: String(1024 * 1024) },
  },
});
const dataDir = values.data ?? '';
const url = values.url ?? '';
const concurrency = Number(values.concurrency);
const chunkSize = Number(values.chunk);
const CLIENT = { id: 'DL-DEV-001', secret: 'dev-secret' };

function peakRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes: the high-water mark of the whole process
  return process.resourceUsage().maxRSS / 1024;
}

async function runEngine(): Promise<Record<string, number>> {
  const app = openApp(dataDir);
  const portal = createHttpPortalClient({
    baseUrl: url,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    clock: systemClock,
    chunkSize,
  });
  const engine = createSyncEngine({
    db: app.db,
    blobs: app.blobs,
    portal,
    clock: systemClock,
    random: seededRandom(process.pid),
    logger: silentLogger,
    emit: () => undefined,
    concurrency,
    offlineProbeMs: 1_000,
  });
  const started = performance.now();
  engine.start();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (outboxCounts(app.db).pending === 0) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
  });
  const ms = performance.now() - started;
  await engine.stop();
  const sent = app.db.$client.prepare('SELECT COALESCE(SUM(bytes_sent), 0) AS sent FROM uploads').get() as {
    sent: number;
  };
  closeDatabase(app.db);
  return { ms, bytesSent: sent.sent };
}

async function token(): Promise<string> {
  for (;;) {
    const res = await fetch(new URL('oauth/token', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
      }).toString(),
    });
    if (res.ok) return ((await res.json()) as { access_token: string }).access_token;
    await res.body?.cancel();
  }
}

/** The baseline: tus create + PATCHes of the same chunk size, no database, no retries but a fresh token on 401. */
async function runPlain(): Promise<Record<string, number>> {
  const app = openApp(dataDir);
  const files = app.db.$client
    .prepare('SELECT DISTINCT blob_sha256 AS sha, size, mime FROM pages ORDER BY blob_sha256')
    .all() as {
    sha: string;
    size: number;
    mime: string;
  }[];
  const paths = files.map((f) => app.blobs.pathOf(f.sha));
  closeDatabase(app.db);
  let bearer = await token();
  const send = async (input: string, init: RequestInit): Promise<Response> => {
    for (;;) {
      const headers = {
        ...(init.headers as Record<string, string>),
        Authorization: `Bearer ${bearer}`,
        'Tus-Resumable': TUS_VERSION,
      };
      const res = await fetch(input, { ...init, headers });
      if (res.status !== 401) return res;
      await res.body?.cancel();
      bearer = await token();
    }
  };
  const started = performance.now();
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const f = files[i];
      const path = paths[i];
      if (!f || !path) continue;
      const created = await send(new URL('files/', url).toString(), {
        method: 'POST',
        headers: {
          'Upload-Length': String(f.size),
          'Upload-Metadata': encodeUploadMetadata({
            sha256: f.sha,
            filename: `${f.sha}.jpg`,
            filetype: f.mime,
          }),
        },
      });
      await created.body?.cancel();
      const location = created.headers.get('location');
      if (created.status !== 201 || !location)
        throw new Error(`plain upload: create answered ${created.status}`);
      const data = await readFile(path);
      for (let offset = 0; offset < data.length; offset += chunkSize) {
        const body = data.subarray(offset, Math.min(data.length, offset + chunkSize));
        const res = await send(location, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) },
          body,
        });
        await res.body?.cancel();
        if (res.status !== 204) throw new Error(`plain upload: PATCH answered ${res.status}`);
        bytes += body.length;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ms: performance.now() - started, bytesSent: bytes };
}

const result = values.mode === 'plain' ? await runPlain() : await runEngine();
process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: peakRssMb() })}\n`);
