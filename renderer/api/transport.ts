// The transport seam: the API client talks to core through one of these (Electron IPC or the web host over HTTP).
import type { RpcResult } from '../../electron/common/contract';

export type Transport = {
  readonly kind: 'ipc' | 'http';
  invoke(name: string, session: string | null, input: unknown): Promise<RpcResult<unknown>>;
  subscribe(event: string, cb: (payload: unknown) => void): () => void;
  /** Events follow this session only (web host stream, Electron window) and stop when it ends. */
  setSession(session: string | null): void;
  /** Where the session token survives a reload: the web host keeps it for the tab, Electron keeps it in memory only. */
  readonly sessionStore: SessionStore;
};

export type SessionStore = {
  load(): string | null;
  save(token: string | null): void;
};

export const memorySessionStore: SessionStore = {
  load: () => null,
  save: () => undefined,
};

/** A transport failure the user can act on, shaped like a server error so callers handle one kind. */
export function transportFailure(detail: string): RpcResult<never> {
  return { ok: false, error: { code: 'TRANSPORT', message: detail } };
}
