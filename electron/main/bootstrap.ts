// Composition root for the Electron app: builds core from real ports and wires it to IPC.
import { app, ipcMain } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { callNames } from '../common/contract';
import { createAppCore, type AppCore } from '../core/app-core';
import { createLogger } from '../core/logger';
import type { AppPaths } from './paths';
import { createSafeStorageSecrets } from './safe-storage-secrets';
import { createSafeStorageVault } from './safe-storage-vault';
import { isOurFrame } from './security';
import { registerShellHandlers } from './shell-handlers';
import { createWindowFeeds } from './window-feeds';

const calls = new Set<string>(callNames);

export async function bootstrap(paths: AppPaths): Promise<AppCore> {
  const logDir = join(app.getPath('userData'), 'logs');
  mkdirSync(logDir, { recursive: true, mode: 0o700 });
  // scrubbed of personal data (core/logger), and readable by this user only all the same
  const logger = createLogger((line) => appendFileSync(join(logDir, 'app.log'), `${line}\n`, { mode: 0o600 }));
  const core = await createAppCore({
    dataDir: paths.dataDir,
    resourcesDir: paths.resourcesDir,
    migrationsFolder: paths.migrationsFolder,
    nativeBinding: paths.nativeBinding,
    // OCR preprocessing off this thread, which serves every IPC call; no flags of ours for it
    preprocessWorker: { entry: paths.preprocessWorker, execArgv: [] },
    // uploads opened off this thread, within a time and memory budget (a bomb file is refused, not a frozen window)
    inspectWorker: { entry: paths.inspectWorker, execArgv: [] },
    logger,
    secrets: createSafeStorageSecrets(app.getPath('userData')),
    // the master key of the encrypted data, wrapped by the OS keystore; no keystore (Linux basic_text): no start
    vault: createSafeStorageVault(paths.dataDir),
    version: app.getVersion(),
  });

  ipcMain.handle('rpc', async (event, name: unknown, session: unknown, input: unknown) => {
    if (!isOurFrame(event.sender, event.senderFrame)) {
      logger.warn('rpc from a foreign frame refused', { url: event.senderFrame?.url ?? '' });
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Yêu cầu không hợp lệ.' } };
    }
    if (typeof name !== 'string' || !calls.has(name)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: 'Yêu cầu không hợp lệ.' } };
    }
    return core.router.dispatch(name, typeof session === 'string' ? session : null, input);
  });
  registerShellHandlers(logger);

  // events reach a window only while the session its renderer named is live: logout, idle expiry, a disabled account
  // end them (before, every window got every event, signed in or not)
  const feeds = createWindowFeeds(core.openEventFeed);
  ipcMain.handle('events.session', (event, session: unknown) => {
    if (!isOurFrame(event.sender, event.senderFrame)) return false;
    return feeds.setSession(event.sender, session);
  });
  return core;
}
