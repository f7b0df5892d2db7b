// Child process of `npm run bench:sync`: drains a seeded data dir with the engine (our tus client or tus-js-client), or uploads plainly.
import { parseArgs } from 'node:util';
import { closeDatabase } from '../../db/client';
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { seededRandom } from '../../electron/core/sync/backoff';
import { createHttpPortalClient, type PortalClient } from '../../electron/core/sync/portal-client';
import { encodeUploadMetadata, TUS_VERSION } from '../../electron/core/sync/portal-protocol';
import { createSyncEngine } from '../../electron/core/sync/sync-engine';
import { finishProfile, newProfile, profiled, type Profile } from './sync-profile';
import { openApp, outboxCounts } from './sync-seed';
import { createTusJsUploader } from './sync-tusjs';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    url: { type: 'string' },
    mode: { type: 'string', default: 'engine' },
    concurrency: { type: 'string', default: '6' },
    'file-concurrency': { type: 'string', default: '3' },
    'max-concurrency': { type: 'string' },
    'retry-delays': { type: 'string' },
    'max-streams': { type: 'string' },
    chunk: { type: 'string', default: String(1024 * 1024) },
    profile: { type: 'boolean', default: false },
  },
});
const dataDir = values.data ?? '';
const url = values.url ?? '';
const concurrency = Number(values.concurrency);
const fileConcurrency = Number(values['file-concurrency']);
// dossiers in flight at most (the engine's default when not given)
const maxConcurrency = values['max-concurrency'] === undefined ? undefined : Number(values['max-concurrency']);
// in-pass retry delays of our client, ms (its defaults when not given)
const retryDelaysMs = values['retry-delays']?.split(',').map(Number);
const chunkSize = Number(values.chunk);
const CLIENT = { id: 'DL-DEV-001', secret: 'dev-secret' };
// the app's own in-pass retry delays (portal-http.ts), given to tus-js-client too
const RETRY_DELAYS = [150, 400, 1_000];

type Result = {
  ms: number;
  wireBytes: number;
  peakRssMb: number;
  accepted: number;
  createdUploads: number;
  /** --profile: event-loop utilization of this process, and per portal call: count, summed ms in flight */
  profile?: Profile;
};
function peakRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes: the high-water mark of the whole process
  return process.resourceUsage().maxRSS / 1024;
}

function progress(p: Record<string, number>): void {
  process.stdout.write(`PROGRESS ${JSON.stringify(p)}\n`);
}

async function runEngine(client: 'ours' | 'tusjs'): Promise<Result> {
  const app = openApp(dataDir);
  let wireBytes = 0;
  const onSent = (n: number): void => {
    wireBytes += n;
  };
  const http = createHttpPortalClient({
    baseUrl: url,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    clock: systemClock,
    chunkSize,
    onSent,
    retryDelaysMs,
  });
  // tus-js-client opens its own uploads (and awaits its URL storage before the first PATCH): no pre-opening for it
  const common: PortalClient = { ...http };
  delete common.createUpload;
  const portal: PortalClient =
    client === 'ours'
      ? http
      : {
          ...common,
          uploadFile: createTusJsUploader({
            baseUrl: url,
            clientId: CLIENT.id,
            clientSecret: CLIENT.secret,
            chunkSize,
            retryDelays: RETRY_DELAYS,
            onSent,
          }),
        };
  const prof = newProfile();
  const engine = createSyncEngine({
    db: app.db,
    blobs: app.blobs,
    portal: values.profile ? profiled(portal, prof) : portal,
    clock: systemClock,
    random: seededRandom(process.pid),
    logger: silentLogger,
    emit: () => undefined,
    concurrency,
    maxConcurrency,
    fileConcurrency,
    maxStreams: values['max-streams'] === undefined ? undefined : Number(values['max-streams']),
    offlineProbeMs: 1_000,
  });
  const started = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  engine.start();
  await new Promise<void>((resolve) => {
    let lastReport = 0;
    const timer = setInterval(() => {
      const c = outboxCounts(app.db);
      const now = performance.now();
      if (now - lastReport >= 2_000) {
        lastReport = now;
        progress({ elapsedMs: now - started, accepted: c.acknowledged, pending: c.pending, needsFix: c.needsFix, wireBytes });
      }
      if (c.pending === 0) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
  });
  const ms = performance.now() - started;
  const profile = values.profile ? finishProfile(prof, elu0, cpu0) : undefined;
  await engine.stop();
  const c = outboxCounts(app.db);
  closeDatabase(app.db);
  return { ms, wireBytes, peakRssMb: peakRssMb(), accepted: c.acknowledged, createdUploads: 0, profile };
}

async function token(): Promise<string> {
  for (;;) {
    const res = await fetch(new URL('oauth/token', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }).toString(),
    });
    if (res.ok) return ((await res.json()) as { access_token: string }).access_token;
    await res.body?.cancel();
  }
}

/** The baseline: tus create + PATCHes of the same chunk size and streams, no database, no retries but a fresh token on 401. */
async function runPlain(): Promise<Result> {
  const app = openApp(dataDir);
  const files = app.db.$client
    .prepare('SELECT DISTINCT blob_sha256 AS sha, size, mime FROM pages ORDER BY blob_sha256')
    .all() as { sha: string; size: number; mime: string }[];
  let bearer = await token();
  const send = async (input: string, init: RequestInit): Promise<Response> => {
    for (;;) {
      const headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${bearer}`, 'Tus-Resumable': TUS_VERSION };
      const res = await fetch(input, { ...init, headers });
      if (res.status !== 401) return res;
      await res.body?.cancel();
      bearer = await token();
    }
  };
  const started = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const prof = newProfile();
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const f = files[i];
      if (!f) continue;
      const created = await send(new URL('files/', url).toString(), {
        method: 'POST',
        headers: {
          'Upload-Length': String(f.size),
          'Upload-Metadata': encodeUploadMetadata({ sha256: f.sha, filename: `${f.sha}.jpg`, filetype: f.mime }),
        },
      });
      await created.body?.cancel();
      const location = created.headers.get('location');
      if (created.status !== 201 || !location) throw new Error(`plain upload: create answered ${created.status}`);
      const source = await app.blobs.source(f.sha);
      const t0 = performance.now();
      for (let offset = 0; offset < f.size; offset += chunkSize) {
        const body = await source.read(offset, Math.min(chunkSize, f.size - offset));
        const res = await send(location, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) },
          body,
        });
        await res.body?.cancel();
        if (res.status !== 204) throw new Error(`plain upload: PATCH answered ${res.status}`);
        bytes += body.length;
      }
      prof.uploadStreamMs += performance.now() - t0;
    }
  };
  // as many streams as the engine may keep busy: dossiers x files per dossier
  await Promise.all(Array.from({ length: concurrency * fileConcurrency }, worker));
  const ms = performance.now() - started;
  const profile = values.profile ? finishProfile(prof, elu0, cpu0) : undefined;
  closeDatabase(app.db);
  return { ms, wireBytes: bytes, peakRssMb: peakRssMb(), accepted: 0, createdUploads: files.length, profile };
}

const result =
  values.mode === 'plain' ? await runPlain() : await runEngine(values.mode === 'tusjs' ? 'tusjs' : 'ours');
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
