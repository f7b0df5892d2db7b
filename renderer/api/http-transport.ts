// Transport for the web host: POST /rpc/<name> with the host token, named SSE events from /events (tokens in headers).
import type { RpcResult } from '../../electron/common/contract';
import { decodeWire, encodeWire } from '../../electron/common/wire';
import { openEventStream } from './event-stream';
import { transportFailure, type SessionStore, type Transport } from './transport';

const hostTokenKey = 'dvc.hostToken';
const sessionKey = 'dvc.session';

/** The host token arrives once in the page URL (?t=...); the tab keeps it so a reload still works. */
export function readHostToken(location: Location, storage: Storage): string {
  const fromUrl = new URLSearchParams(location.search).get('t');
  if (fromUrl) {
    storage.setItem(hostTokenKey, fromUrl);
    return fromUrl;
  }
  return storage.getItem(hostTokenKey) ?? '';
}

function tabSessionStore(storage: Storage): SessionStore {
  return {
    load: () => storage.getItem(sessionKey),
    save: (token) => (token ? storage.setItem(sessionKey, token) : storage.removeItem(sessionKey)),
  };
}

function isRpcResult(value: unknown): value is RpcResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

type Listener = (payload: unknown) => void;

/** after a dropped stream (host restarted, network blip); a refused one (401: the session is over) is not retried */
const RECONNECT_MS = 2000;

export function createHttpTransport(hostToken: string, storage: Storage, baseUrl = ''): Transport {
  const listeners = new Map<string, Set<Listener>>();
  let session: string | null = null;
  let source: { close(): void } | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  function dispatch(event: string, data: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return; // a malformed event carries nothing a listener could use
    }
    for (const cb of listeners.get(event) ?? []) cb(payload);
  }

  function reconnect(): void {
    source?.close();
    source = null;
    if (retry !== null) clearTimeout(retry);
    retry = null;
    if (listeners.size === 0 || session === null) return;
    const stream = openEventStream({
      url: `${baseUrl}/events`,
      headers: { 'x-host-token': hostToken, 'x-session': session },
      onEvent: dispatch,
      onEnd: ({ status }) => {
        if (source !== stream) return;
        source = null;
        if (status === 401 || status === 403) return;
        retry = setTimeout(reconnect, RECONNECT_MS);
      },
    });
    source = stream;
  }

  return {
    kind: 'http',
    async invoke(name, sessionToken, input) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/rpc/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-host-token': hostToken,
            'x-session': sessionToken ?? '',
          },
          body: encodeWire(input ?? {}),
        });
      } catch (err) {
        return transportFailure(err instanceof Error ? err.message : String(err));
      }
      const text = await response.text();
      let decoded: unknown;
      try {
        decoded = decodeWire(text);
      } catch {
        return transportFailure(`HTTP ${response.status}`);
      }
      return isRpcResult(decoded) ? decoded : transportFailure(`HTTP ${response.status}`);
    },
    subscribe(event, cb) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        // one stream carries every event; the first listener opens it
        if (!source && retry === null) reconnect();
      }
      set.add(cb);
      return () => {
        const current = listeners.get(event);
        current?.delete(cb);
        if (current && current.size === 0) listeners.delete(event);
        if (listeners.size === 0) reconnect();
      };
    },
    setSession(next) {
      if (next === session) return;
      session = next;
      reconnect();
    },
    sessionStore: tabSessionStore(storage),
  };
}
