// Typed API client over a transport: call('noun.verb', input), event subscriptions, the session token.
import type {
  CallInput,
  CallName,
  CallOutput,
  EventName,
  EventPayload,
  RpcError,
} from '../../electron/common/contract';
import type { Transport } from './transport';

export class ApiError extends Error {
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  /** the values the message names, to word it in the interface's language (errorText) */
  readonly params: Record<string, string | number>;
  constructor(error: RpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.fields = error.fields;
    this.params = error.params ?? {};
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export type Api = {
  readonly transportKind: Transport['kind'];
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  session(): string | null;
  setSession(token: string | null): void;
  /** Called when the server says the session is gone, so the UI can lock or sign out. */
  onUnauthenticated(cb: () => void): () => void;
};

export function createApi(transport: Transport): Api {
  let session: string | null = transport.sessionStore.load();
  transport.setSession(session);
  const unauthenticated = new Set<() => void>();

  return {
    transportKind: transport.kind,
    async call(name, input) {
      const result = await transport.invoke(name, session, input);
      if (result.ok) return result.value as CallOutput<typeof name>;
      if (result.error.code === 'UNAUTHENTICATED' && session !== null) {
        for (const cb of unauthenticated) cb();
      }
      throw new ApiError(result.error);
    },
    on(event, cb) {
      // Payloads were validated against the contract by the sender (router / web host).
      return transport.subscribe(event, (payload) => cb(payload as EventPayload<typeof event>));
    },
    session: () => session,
    setSession(token) {
      session = token;
      transport.sessionStore.save(token);
      transport.setSession(token);
    },
    onUnauthenticated(cb) {
      unauthenticated.add(cb);
      return () => unauthenticated.delete(cb);
    },
  };
}
