// Transport over the Electron preload bridge (window.api.invoke / window.api.subscribe).
import { memorySessionStore, transportFailure, type Transport } from './transport';

export function createIpcTransport(bridge: PreloadApi): Transport {
  return {
    kind: 'ipc',
    async invoke(name, session, input) {
      try {
        return await bridge.invoke(name, session, input);
      } catch (err) {
        return transportFailure(err instanceof Error ? err.message : String(err));
      }
    },
    subscribe: (event, cb) => bridge.subscribe(event, cb),
    setSession: () => undefined,
    sessionStore: memorySessionStore,
  };
}
