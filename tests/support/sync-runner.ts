// Child process for the sync crash test: runs the sync engine on a data dir against a portal URL, printing ACKs.
import { silentLogger } from '../../electron/core/logger';
import { systemClock } from '../../electron/core/ports';
import { seededRandom } from '../../electron/core/sync/backoff';
import { createHttpPortalClient } from '../../electron/core/sync/portal-client';
import { createSyncEngine } from '../../electron/core/sync/sync-engine';
import { openApp, outboxCounts } from './sync-fixtures';

const [dataDir, url, chunk, concurrencyArg, fileConcurrencyArg] = process.argv.slice(2);
if (!dataDir || !url) throw new Error('usage: sync-runner DATA_DIR PORTAL_URL [CHUNK_BYTES] [CONCURRENCY] [FILE_CONCURRENCY]');

const app = openApp(dataDir);
const portal = createHttpPortalClient({
  baseUrl: url,
  clientId: 'DL-DEV-001',
  clientSecret: 'dev-secret',
  clock: systemClock,
  chunkSize: Number(chunk ?? 256 * 1024),
  // every upload body byte handed to the network is reported, so the parent can count bytes sent across kills
  onSent: (n) => process.stdout.write(`SENT ${n}\n`),
});
const acked = new Set<string>();
const engine = createSyncEngine({
  db: app.db,
  blobs: app.blobs,
  portal,
  clock: systemClock,
  random: seededRandom(process.pid),
  logger: silentLogger,
  concurrency: Number(concurrencyArg ?? 3),
  fileConcurrency: Number(fileConcurrencyArg ?? 3),
  // the crash test bounds what a kill re-sends by the files in flight: no growth of the stream pool past them
  maxStreams: Number(concurrencyArg ?? 3) * Number(fileConcurrencyArg ?? 3),
  offlineProbeMs: 500,
  emit: (event, payload) => {
    if (event !== 'dossier.changed') return;
    const { dossierId } = payload as { dossierId: string };
    const row = app.db.$client
      .prepare("SELECT portal_code FROM outbox WHERE dossier_id = ? AND state = 'acknowledged'")
      .get(dossierId) as { portal_code: string } | undefined;
    if (row && !acked.has(dossierId)) {
      acked.add(dossierId);
      // printed only after the commit: the parent may rely on it surviving any kill
      process.stdout.write(`ACK ${dossierId} ${row.portal_code}\n`);
    }
  },
});

process.stdout.write('READY\n');
engine.start();
const timer = setInterval(() => {
  if (outboxCounts(app.db).pending === 0) {
    clearInterval(timer);
    void engine.stop().then(() => {
      process.stdout.write('DONE\n');
      process.exit(0);
    });
  }
}, 100);
