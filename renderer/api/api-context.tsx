// React access to the one API client of the window.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { EventName, EventPayload } from '../../electron/common/contract';
import type { Api } from './client';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

/** Subscribe to a server event for the life of the component; the latest callback is always used. */
export function useApiEvent<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): void {
  const api = useApi();
  const latest = useRef(cb);
  useEffect(() => {
    latest.current = cb;
  });
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [api, event]);
}
