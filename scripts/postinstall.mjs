// Builds an Electron-ABI copy of better-sqlite3 beside the Node one, when an Electron binary is installed.
// Node (npm test, web host) loads node_modules/better-sqlite3 as built by npm; Electron (npm start) loads
// native/electron/better_sqlite3.node through better-sqlite3's `nativeBinding` option. No manual rebuild step.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function log(message) {
  process.stdout.write(`[postinstall] ${message}\n`);
}

function nodeBuildPresent() {
  const built = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  if (!existsSync(built)) {
    log('better-sqlite3 native build missing: run `npm rebuild better-sqlite3` (install scripts must be allowed)');
    process.exitCode = 1;
    return false;
  }
  return true;
}

function electronVersion() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') return undefined;
  try {
    const electronPkg = join(dirname(require.resolve('electron/package.json')));
    if (!existsSync(join(electronPkg, 'path.txt'))) return undefined; // binary not downloaded
    return JSON.parse(readFileSync(join(electronPkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function buildForElectron(version) {
  const target = join(root, 'native/electron', version, 'better_sqlite3.node');
  if (existsSync(target)) {
    log(`Electron ${version} build of better-sqlite3 already present`);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'bsq-electron-'));
  try {
    cpSync(join(root, 'node_modules/better-sqlite3'), join(work, 'better-sqlite3'), {
      recursive: true,
      filter: (src) => !src.includes(`${'better-sqlite3'}/build`),
    });
    const dir = join(work, 'better-sqlite3');
    // prebuild-install fetches the published Electron prebuild; node-gyp against Electron's headers is the fallback.
    const prebuild = spawnSync(
      process.execPath,
      [require.resolve('prebuild-install/bin.js'), '--runtime=electron', `--target=${version}`, '--verbose'],
      { cwd: dir, stdio: 'inherit' },
    );
    if (prebuild.status !== 0) {
      const gyp = spawnSync(
        'npx',
        ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
        { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' },
      );
      if (gyp.status !== 0) throw new Error('could not build better-sqlite3 for Electron');
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(dir, 'build/Release/better_sqlite3.node'), target);
    log(`built better-sqlite3 for Electron ${version} -> ${target}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (nodeBuildPresent()) {
  const version = electronVersion();
  if (version) {
    try {
      buildForElectron(version);
    } catch (error) {
      log(`warning: ${error instanceof Error ? error.message : String(error)}; npm start will fail until this succeeds`);
    }
  } else {
    log('no Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD?): skipping the Electron-ABI build');
  }
}
