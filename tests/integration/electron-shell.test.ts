// The Electron shell as far as this machine allows: the built main bundle boots under Node with a stand-in `electron`.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames } from '../../electron/common/contract';
import { databaseFileState } from '../../db/client';
import { repoRoot } from '../support/core-harness';

// js-yaml comes with electron-builder (the parser it reads this file with); it ships no types
const { load } = createRequire(import.meta.url)('js-yaml') as { load(this: void, text: string): unknown };
const work = mkdtempSync(join(tmpdir(), 'dvc-shell-'));
const appPath = join(work, 'app');
const resourcesPath = join(work, 'resources');

type Report = Record<string, unknown> & {
  exitCode: number;
  quitMs: number | null;
  dataFiles: string[];
  webPreferences?: Record<string, unknown>;
  callCodes?: Record<string, string>;
  errorBoxes?: { title: string; content: string }[];
};

/** The packaged layout: app.asar's files (electron-builder `files`), and `extraResources` where the yml puts them. */
function layOut(): void {
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Đại lý DVC</title>');
  symlinkSync(join(repoRoot, 'dist-electron'), join(appPath, 'dist-electron'));
  copyFileSync(join(repoRoot, 'package.json'), join(appPath, 'package.json'));
  const yml = load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as { extraResources: { from: string; to: string }[] };
  for (const { from, to } of yml.extraResources) {
    mkdirSync(dirname(join(resourcesPath, to)), { recursive: true });
    symlinkSync(join(repoRoot, from), join(resourcesPath, to));
  }
}

function runChild(mode: 'boot' | 'refuse', dataDir: string): Promise<Report> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'tests/support/electron-shell-child.ts'), mode, appPath, resourcesPath, join(work, `user-${mode}`)],
      { cwd: repoRoot, env: { ...process.env, DAI_LY_DVC_DATA: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('REPORT '));
      if (line) resolveRun(JSON.parse(line.slice(7)) as Report);
      else reject(new Error(`no report: ${out.slice(-2000)} ${err.slice(-2000)}`));
    });
  });
}

let boot: Report;

beforeAll(() => {
  // the bundle under test is the one `npm run build:electron` makes (esbuild, a few seconds)
  execFileSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/build-electron.ts')], { cwd: repoRoot, stdio: 'ignore' });
  layOut();
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged Electron main process', () => {
  it('boots through the real composition root and quits within 15 s', async () => {
    boot = await runChild('boot', join(work, 'data'));
    expect(boot.loadError).toBeUndefined();
    expect(boot.booted).toBe(true);
    // bootstrap -> createAppCore on DAI_LY_DVC_DATA: the master key wrapped by safeStorage, an encrypted database
    expect(boot.dataFiles).toEqual(expect.arrayContaining(['dai-ly-dvc.sqlite', 'master-key.safestorage.json', 'encryption.json']));
    expect(databaseFileState(join(work, 'data', 'dai-ly-dvc.sqlite'))).toBe('encrypted');
    expect(boot.appInfo).toMatchObject({ setupRequired: true, version: '0.1.0' });
    expect(boot.exitCode).toBe(0);
    expect(boot.quitMs).toBeLessThan(15_000);
  });

  it('opens one window with contextIsolation and sandbox on, nodeIntegration and DevTools off', () => {
    expect(boot.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false, webSecurity: true });
    expect(boot.windowUrl).toBe('app://renderer/index.html');
  });

  it('serves the renderer from app:// (a privileged standard scheme) with the CSP, nothing outside it', () => {
    expect(boot.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown }]);
    expect(boot.protocols).toEqual(['app']);
    expect(boot.appProtocol).toMatchObject({ status: 200, body: '<!doctype html><title>Đại lý DVC</title>' });
    expect((boot.appProtocol as { csp: string }).csp).toContain("default-src 'self'");
    expect(boot.appProtocolOutside).toMatchObject({ status: 403 });
  });

  it('handles exactly the contract calls over IPC, from our own frame only', () => {
    expect(boot.channels).toEqual(['events.session', 'rpc', 'shell.printPdf', 'shell.saveFile']);
    const codes = boot.callCodes ?? {};
    expect(Object.keys(codes).sort()).toEqual([...callNames].sort());
    // every contract call reaches the router (signed out: UNAUTHENTICATED, VALIDATION, ...), none is unknown or refused
    expect(Object.entries(codes).filter(([, code]) => code === 'NOT_FOUND' || code === 'FORBIDDEN')).toEqual([]);
    expect(boot.unknownCall).toBe('NOT_FOUND');
    expect(boot.foreignFrame).toBe('FORBIDDEN');
    expect([...((boot.preloadAllowed as string[] | undefined) ?? [])].sort()).toEqual([...callNames].sort());
  });

  it('refuses to start without a real keystore (Linux basic_text), saying why, and writes no data', async () => {
    const refused = await runChild('refuse', join(work, 'data-refused'));
    expect(refused.exitCode).toBe(1);
    expect(refused.errorBoxes).toEqual([
      { title: 'Đại lý DVC không khởi động được', content: expect.stringContaining('kho khoá') as unknown },
    ]);
    expect(refused.dataFiles.filter((f) => f.startsWith('master-key') || f.startsWith('dai-ly-dvc'))).toEqual([]);
  });
});
