// Child process for the scan-folder crash test: the real core with its folder watcher, aimed at one dossier's slot.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppCore } from '../../electron/core/app-core';
import { silentLogger } from '../../electron/core/logger';
import { createDevKeyVault } from '../../electron/core/crypto/dev-key-vault';

const [dataDir = '', resourcesDir = '', scanDir = ''] = process.argv.slice(2);
if (!dataDir || !resourcesDir || !scanDir) throw new Error('usage: scan-folder-child DATA_DIR RESOURCES_DIR SCAN_DIR');

type Core = Awaited<ReturnType<typeof createAppCore>>;

async function call<T>(core: Core, name: string, session: string | null, input: unknown): Promise<T> {
  const r = await core.router.dispatch(name, session, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function main(): Promise<void> {
  // short quiet period and fast polling: the test's "scanner" pauses at most 60 ms between chunks
  const core = await createAppCore({ dataDir, resourcesDir, logger: silentLogger, ocr: false, scanner: { stableMs: 400, pollMs: 100 }, vault: createDevKeyVault(dataDir) });
  const info = await call<{ setupRequired: boolean }>(core, 'app.info', null, {});
  const admin = { username: 'admin', fullName: 'Quản trị viên', password: 'den-long-pho-co-2026' };
  const token = info.setupRequired
    ? (await call<{ token: string }>(core, 'setup.complete', null, { office: { code: 'DL001', name: 'Điểm thử', address: 'Số 1, Hà Nội' }, admin })).token
    : (await call<{ token: string }>(core, 'auth.login', null, { username: admin.username, password: admin.password })).token;
  await call(core, 'settings.update', token, { scanFolder: scanDir });
  const targetFile = join(dataDir, 'target.json');
  let target: { dossierId: string; componentId: number };
  if (existsSync(targetFile)) {
    target = JSON.parse(readFileSync(targetFile, 'utf8')) as typeof target;
  } else {
    const d = await call<{ id: string; components: { id: number }[] }>(core, 'dossiers.create', token, { procedureCode: '1.001193' });
    target = { dossierId: d.id, componentId: d.components[0]?.id ?? 0 };
    writeFileSync(`${targetFile}.tmp`, JSON.stringify(target));
    renameSync(`${targetFile}.tmp`, targetFile);
  }
  core.events.subscribe((name, payload) => {
    if (name === 'scanner.status') process.stdout.write(`STATUS ${JSON.stringify(payload)}\n`);
  });
  await call(core, 'scanner.setTarget', token, { target });
  process.stdout.write(`READY ${target.dossierId}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
