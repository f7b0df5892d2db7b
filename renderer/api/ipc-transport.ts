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
    // main sends events only for a live session: it is told which one, and stops by itself when it ends
    setSession: (session) => void bridge.setEventSession?.(session).catch(() => false),
    sessionStore: memorySessionStore,
  };
}
