// Child process for the upgrade crash test: encrypts a plaintext data folder in place, printing each step, then keeps
// adding sealed pages to the folder's dossiers, printing an ACK after each commit. The parent kills it at random.
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../db/client';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';
import { silentLogger } from '../../electron/core/logger';
import { createBlobStore } from '../../electron/core/storage/blob-store';
import { DATABASE_FILE, openEncryptedDataDir } from '../../electron/core/storage/encryption-upgrade';

// MIGRATIONS_DIR: the test runs this bundled (esbuild) from elsewhere, where db/migrations is not beside the code
const [dataDir = '', migrationsFolder] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: encryption-upgrade-child DATA_DIR [MIGRATIONS_DIR]');

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const t0 = performance.now();
  const ms = () => (performance.now() - t0).toFixed(0);
  out('START');
  const { keys } = await openEncryptedDataDir({
    dataDir,
    vault: createDevKeyVault(dataDir),
    logger: silentLogger,
    onUpgrade: (e) => {
      if (e.phase === 'database') out(`STEP database:${e.step} ${ms()}`);
      else if (e.phase === 'blob') out(`STEP blob:${String(e.done)}/${String(e.total)} ${ms()}`);
      else out(`STEP done ${ms()}`);
    },
  });
  const dbPath = join(dataDir, DATABASE_FILE);
  const db = openDatabase(dbPath, { key: keys.databaseHex, ...(migrationsFolder ? { migrationsFolder } : {}) });
  const blobs = createBlobStore(join(dataDir, 'blobs'), { fileKey: keys.files });
  out(`OPEN ${ms()}`);
  const slots = db.$client.prepare('SELECT id, dossier_id AS dossierId FROM dossier_components').all() as { id: number; dossierId: string }[];
  const addBlob = db.$client.prepare("INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, 'image/jpeg', ?)");
  const addPage = db.$client.prepare(
    `INSERT INTO pages (id, dossier_id, component_id, ord, blob_sha256, mime, size, width, height, source_name, created_at)
     VALUES (?, ?, ?, ?, ?, 'image/jpeg', ?, 1000, 1400, ?, ?)`,
  );
  for (let i = 0; ; i++) {
    const slot = slots[i % slots.length];
    if (!slot) throw new Error('no dossier to add pages to');
    const bytes = randomBytes(4000);
    const sha = await blobs.put(bytes); // durable before the row that refers to it
    const id = randomUUID();
    db.transaction(() => {
      addBlob.run(sha, bytes.length, Date.now());
      addPage.run(id, slot.dossierId, slot.id, 100 + i, sha, bytes.length, `them-${String(i)}.jpg`, Date.now());
    });
    out(`ACK ${id} ${sha}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
