// Core events for one signed-in session, for as long as that session lives: a transport (SSE, Electron IPC) opens one
// per connected window, and it ends by itself at logout, idle expiry, a disabled account or a new password.
import type { EventName } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { EventBus } from '../events';

/** Idle expiry is noticed by no call: a feed looks at its session this often (the shortest idle timeout is 1 minute). */
export const FEED_RECHECK_MS = 20_000;

export type EventFeed = { close(): void };

export type OpenEventFeed = (
  token: string | null | undefined,
  deliver: (event: EventName, payload: unknown) => void,
  ended: () => void,
) => EventFeed;

export function createEventFeeds(deps: {
  events: EventBus;
  auth: { alive(token: string | null | undefined): boolean; onSessionsEnded(listener: () => void): () => void };
  recheckMs?: number;
}): OpenEventFeed {
  const { events, auth } = deps;
  return (token, deliver, ended) => {
    if (!auth.alive(token)) throw new AppError('UNAUTHENTICATED');
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      unsubscribe();
      stopWatching();
      clearInterval(timer);
    };
    const check = () => {
      if (!open || auth.alive(token)) return;
      close();
      ended();
    };
    const unsubscribe = events.subscribe((event, payload) => {
      if (open) deliver(event, payload);
    });
    const stopWatching = auth.onSessionsEnded(check);
    const timer = setInterval(check, deps.recheckMs ?? FEED_RECHECK_MS);
    timer.unref();
    return { close };
  };
}
