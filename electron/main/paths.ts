// Where the app's files are: data in userData, shipped resources beside the asar when packaged, the repo in development.
import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type AppPaths = {
  dataDir: string;
  resourcesDir: string;
  migrationsFolder: string;
  rendererDir: string;
  preload: string;
  /**
   * Bundled OCR preprocessing thread (scripts/build-electron.ts). Packaged it stays inside app.asar: Electron sets up
   * asar in worker threads since 17 (electron/electron#33216), and an unpacked copy could not require sharp's packed
   * dependencies from app.asar.unpacked/node_modules.
   */
  preprocessWorker: string;
  /** Bundled upload-inspection thread (scripts/build-electron.ts), inside app.asar like the preprocess thread. */
  inspectWorker: string;
  /** Electron-ABI better-sqlite3 built by scripts/postinstall.mjs; undefined when packaged (electron-builder rebuilt it) */
  nativeBinding: string | undefined;
};

export function resolvePaths(): AppPaths {
  const appRoot = app.getAppPath();
  const packaged = app.isPackaged;
  const resourcesDir = packaged ? join(process.resourcesPath, 'resources') : join(appRoot, 'resources');
  const devBinding = join(appRoot, 'native', 'electron', process.versions.electron, 'better_sqlite3.node');
  return {
    dataDir: process.env.DAI_LY_DVC_DATA ?? join(app.getPath('userData'), 'data'),
    resourcesDir,
    migrationsFolder: packaged ? join(process.resourcesPath, 'migrations') : join(appRoot, 'db', 'migrations'),
    rendererDir: join(appRoot, 'dist', 'renderer'),
    preload: join(appRoot, 'dist-electron', 'preload', 'index.cjs'),
    preprocessWorker: join(appRoot, 'dist-electron', 'workers', 'preprocess-worker.cjs'),
    inspectWorker: join(appRoot, 'dist-electron', 'workers', 'inspect-worker.cjs'),
    nativeBinding: !packaged && existsSync(devBinding) ? devBinding : undefined,
  };
}
