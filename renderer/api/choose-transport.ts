// Picks the transport: the Electron preload bridge when present, otherwise the web host over HTTP.
import { createHttpTransport, readHostToken } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import type { Transport } from './transport';

export function chooseTransport(win: Window): Transport {
  if (win.api) return createIpcTransport(win.api);
  const token = readHostToken(win.location, win.sessionStorage);
  return createHttpTransport(token, win.sessionStorage);
}
