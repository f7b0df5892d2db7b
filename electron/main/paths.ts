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
    nativeBinding: !packaged && existsSync(devBinding) ? devBinding : undefined,
  };
}
