// A stand-in for the `electron` module (the binary cannot be installed here): records what the main bundle asks of it.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type StubOptions = {
  packaged: boolean;
  /** what safeStorage says the Linux backend is: 'basic_text' means no keyring (no protection at all) */
  backend: string;
  userData: string;
  appPath: string;
  onExit(code: number): void;
};

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export type StubRecord = {
  windows: { options: { webPreferences?: Record<string, unknown> }; url: string | null }[];
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocols: Map<string, (request: Request) => Promise<Response>>;
  ipc: Map<string, Handler>;
  errorBoxes: { title: string; content: string }[];
  webRequestFilter: ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void) | null;
  app: EventEmitter;
};

let nextId = 1;

function webContents() {
  const emitter = new EventEmitter();
  const frame = { url: 'app://renderer/index.html' };
  return Object.assign(emitter, {
    id: nextId++,
    mainFrame: frame,
    isDestroyed: () => false,
    send: () => undefined,
    setWindowOpenHandler: () => undefined,
    print: () => undefined,
  });
}

export function createElectronStub(opts: StubOptions): { module: Record<string, unknown>; record: StubRecord } {
  const appEvents = new EventEmitter();
  const record: StubRecord = {
    windows: [],
    schemes: [],
    protocols: new Map(),
    ipc: new Map(),
    errorBoxes: [],
    webRequestFilter: null,
    app: appEvents,
  };
  const windows: BrowserWindow[] = [];

  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => windows;
    static fromWebContents = () => windows[0] ?? null;
    readonly webContents = webContents();
    private readonly entry: StubRecord['windows'][number];
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      super();
      this.entry = { options, url: null };
      record.windows.push(this.entry);
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.entry.url = url;
      return Promise.resolve();
    }
    show = () => undefined;
    isMinimized = () => false;
    restore = () => undefined;
    focus = () => undefined;
  }

  const app = Object.assign(appEvents, {
    isPackaged: opts.packaged,
    requestSingleInstanceLock: () => true,
    whenReady: () => new Promise<void>((r) => setImmediate(r)),
    getPath: (name: string) => (name === 'userData' ? opts.userData : join(opts.userData, name)),
    getAppPath: () => opts.appPath,
    getVersion: () => '0.1.0',
    quit: () => {
      let prevented = false;
      appEvents.emit('will-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) opts.onExit(0);
    },
    exit: (code = 0) => opts.onExit(code),
    relaunch: () => undefined,
  });

  const module = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: StubRecord['schemes']) => record.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => record.protocols.set(scheme, handler),
    },
    // file:// only, as the app uses it (Node's fetch has no file: support)
    net: {
      fetch: (url: string) => Promise.resolve(new Response(readFileSync(fileURLToPath(url)), { headers: { 'content-type': 'text/html' } })),
    },
    ipcMain: { handle: (channel: string, handler: Handler) => record.ipc.set(channel, handler) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => opts.backend,
      // reversible stand-in: what matters here is which path the app takes, not the cipher
      encryptString: (s: string) => Buffer.from(`stub:${s}`, 'utf8'),
      decryptString: (b: Buffer) => b.toString('utf8').replace(/^stub:/, ''),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => record.errorBoxes.push({ title, content }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: { onBeforeRequest: (fn: StubRecord['webRequestFilter']) => (record.webRequestFilter = fn) },
      },
    },
    // for the preload bundle
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => ((globalThis as Record<string, unknown>)[`__exposed_${name}`] = api) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => Promise.resolve({ channel, args }),
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
  return { module, record };
}
