// Electron entry: single instance, app:// protocol for the renderer, one hardened window, core via bootstrap.
import { app, BrowserWindow, dialog, net, protocol } from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import type { AppCore } from '../core/app-core';
import { bootstrap } from './bootstrap';
import { resolvePaths } from './paths';
import { removeOldPrintFiles } from './shell-handlers';
import { APP_ORIGIN, hardenApp } from './security';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let core: AppCore | null = null;

function serveRenderer(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'renderer') return new Response('not found', { status: 404 });
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname).replace(/^\/+/, '');
    let file = normalize(join(rendererDir, rel));
    if (!file.startsWith(rendererDir + sep)) return new Response('forbidden', { status: 403 });
    if (!existsSync(file)) file = join(rendererDir, 'index.html');
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'Đại lý DVC',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // a packaged counter PC gives nobody a console into the renderer (it holds the session and citizens' data)
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app
    .whenReady()
    .then(async () => {
      const paths = resolvePaths();
      hardenApp([pathToFileURL(paths.rendererDir).href]);
      // receipts are printed from memory now; versions before 0.2 left them in the temp folder
      void removeOldPrintFiles();
      serveRenderer(paths.rendererDir);
      core = await bootstrap(paths);
      createWindow(paths.preload);
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createWindow(paths.preload);
      });
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Đại lý DVC không khởi động được', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('will-quit', (event) => {
    if (!core || closing) return;
    closing = true;
    event.preventDefault();
    // every commit is already durable: a shutdown held up (a page stuck in OCR) must not keep the app from quitting
    const force = setTimeout(() => app.exit(0), 15_000);
    void core.close().finally(() => {
      clearTimeout(force);
      app.exit(0);
    });
  });
}
