// Hardening for every web contents: no navigation, no new windows, no webviews, no permissions, our origin only.
import { app, session, type WebContents, type WebFrameMain } from 'electron';

export const APP_ORIGIN = 'app://renderer';

export function isOurFrame(contents: WebContents, frame: WebFrameMain | null): boolean {
  if (!frame || frame !== contents.mainFrame) return false;
  try {
    // not `.origin`: Node's URL gives a custom scheme an opaque origin ("null"), which refused every call of the
    // app's own renderer (found by tests/integration/electron-shell.test.ts)
    const url = new URL(frame.url);
    return url.protocol === 'app:' && url.host === 'renderer';
  } catch {
    return false;
  }
}

/** allowedFilePrefixes: file:// URLs the app itself loads (the renderer bundle, print previews) */
export function hardenApp(allowedFilePrefixes: string[]): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) e.preventDefault();
    });
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  const ses = session.defaultSession;
  // camera capture (issue 4) will allow 'media' for our origin only; nothing else is ever granted
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(permission === 'media' && details.requestingUrl.startsWith(`${APP_ORIGIN}/`));
  });
  ses.setPermissionCheckHandler((_wc, permission, origin) => permission === 'media' && origin === APP_ORIGIN);
  // nothing in the renderer may reach the network
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const ok =
      url.startsWith(`${APP_ORIGIN}/`) ||
      url.startsWith('blob:') ||
      url.startsWith('data:') ||
      url.startsWith('devtools:') ||
      allowedFilePrefixes.some((prefix) => url.startsWith(prefix));
    callback({ cancel: !ok });
  });
}
