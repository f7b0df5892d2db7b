// Child process of the shell test: loads the built main bundle under Node with the stand-in `electron` module, boots it,
// probes what the packaged app would expose, quits it, and prints one REPORT line (JSON).
// Usage: electron-shell-child.ts boot|refuse APP_PATH RESOURCES_PATH USER_DATA   (data folder: $DAI_LY_DVC_DATA)
import { existsSync, readdirSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { callNames } from '../../electron/common/contract';
import { createElectronStub } from './electron-stub';

const [mode = 'boot', appPath = '', resourcesPath = '', userData = ''] = process.argv.slice(2);
const dataDir = process.env.DAI_LY_DVC_DATA ?? '';
const report: Record<string, unknown> = { mode };
const started = Date.now();
let quitAt = 0;

function finish(code: number): void {
  report.exitCode = code;
  report.quitMs = quitAt ? Date.now() - quitAt : null;
  report.dataFiles = existsSync(dataDir) ? readdirSync(dataDir).sort() : [];
  report.errorBoxes = record.errorBoxes;
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
  process.exit(code);
}

const { module: electron, record } = createElectronStub({ packaged: true, backend: mode === 'refuse' ? 'basic_text' : 'gnome_libsecret', userData, appPath, onExit: finish });

// `require('electron')` from the bundle gets the stand-in: resolved to a key that is already in the require cache
const require = createRequire(import.meta.url);
const STUB_ID = join(appPath, '__electron_stub__.js');
const stubModule = new Module(STUB_ID);
stubModule.exports = electron;
stubModule.loaded = true;
require.cache[STUB_ID] = stubModule;
const resolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const original = resolver._resolveFilename.bind(Module);
resolver._resolveFilename = (request: string, ...rest: unknown[]) => (request === 'electron' ? STUB_ID : original(request, ...rest));
Object.defineProperty(process, 'resourcesPath', { value: resourcesPath });
// what Electron's Node adds to process.versions (the version the package pins)
Object.defineProperty(process.versions, 'electron', { value: '45.4.1', enumerable: true });

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

type RpcResult = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

async function probe(): Promise<void> {
  const booted = await until(() => record.ipc.has('rpc') && record.windows.length > 0, 120_000);
  report.bootMs = Date.now() - started;
  report.booted = booted;
  if (!booted) return finish(2);
  report.webPreferences = record.windows[0]?.options.webPreferences ?? null;
  report.windowUrl = record.windows[0]?.url ?? null;
  report.schemes = record.schemes;
  report.protocols = [...record.protocols.keys()];
  report.channels = [...record.ipc.keys()].sort();
  const serve = record.protocols.get('app');
  if (serve) {
    const res = await serve(new Request('app://renderer/index.html'));
    report.appProtocol = { status: res.status, csp: res.headers.get('content-security-policy'), body: (await res.text()).slice(0, 40) };
    // an escaped ../ that survives URL parsing: must not reach the files beside the renderer
    const outside = await serve(new Request('app://renderer/..%2f..%2fpackage.json'));
    report.appProtocolOutside = { status: outside.status, body: (await outside.text()).slice(0, 40) };
  }
  const rpc = record.ipc.get('rpc');
  const win = (electron.BrowserWindow as { getAllWindows(): { webContents: { mainFrame: unknown } }[] }).getAllWindows()[0];
  const ours = { sender: win?.webContents, senderFrame: win?.webContents.mainFrame };
  const codes: Record<string, string> = {};
  for (const name of callNames) {
    const r = (await rpc?.(ours, name, null, {})) as RpcResult;
    codes[name] = r.ok ? 'OK' : (r.error?.code ?? '?');
  }
  report.callCodes = codes;
  report.unknownCall = ((await rpc?.(ours, 'debug.eval', null, {})) as RpcResult).error?.code;
  report.foreignFrame = ((await rpc?.({ sender: win?.webContents, senderFrame: { url: 'https://evil.example/' } }, 'app.info', null, {})) as RpcResult).error?.code;
  report.appInfo = ((await rpc?.(ours, 'app.info', null, {})) as RpcResult).value;

  // the preload's allow-list, as the sandboxed renderer would get it
  require(join(appPath, 'dist-electron', 'preload', 'index.cjs'));
  const api = (globalThis as Record<string, unknown>).__exposed_api as { invoke(name: string, s: null, i: unknown): Promise<{ channel: string }> } | undefined;
  const allowed: string[] = [];
  for (const name of [...callNames, 'debug.eval', 'shell.openExternal']) {
    if (await api?.invoke(name, null, {}).then(() => true, () => false)) allowed.push(name);
  }
  report.preloadAllowed = allowed;

  quitAt = Date.now();
  record.app.emit('window-all-closed'); // the last window closed: the app quits (not on macOS)
  setTimeout(() => finish(3), 30_000).unref();
}

try {
  require(join(appPath, 'dist-electron', 'main', 'index.cjs'));
} catch (error) {
  report.loadError = error instanceof Error ? error.message : String(error);
  finish(4);
}
if (mode === 'boot') {
  void probe();
} else {
  // the keystore refusal: the app must say why and stop by itself
  setTimeout(() => finish(5), 60_000).unref();
  record.app.on('will-quit', () => (quitAt = Date.now()));
}
