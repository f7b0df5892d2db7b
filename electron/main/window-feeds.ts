// Which window gets core events: each window's renderer names its session, and only a live session's window is sent
// events; logout, idle expiry or a closed window stops them. No 'electron' import, so it is tested without Electron.
import type { EventName } from '../common/contract';
import type { EventFeed, OpenEventFeed } from '../core/auth/session-feed';

/** the part of Electron's WebContents used here */
export type FeedTarget = {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
};

export function createWindowFeeds(openEventFeed: OpenEventFeed) {
  const feeds = new Map<number, EventFeed>();
  const watched = new Set<number>();

  function stop(id: number): void {
    feeds.get(id)?.close();
    feeds.delete(id);
  }

  return {
    /** the renderer's session changed (login, logout, reload): events follow that session only; false if it is not live */
    setSession(target: FeedTarget, session: unknown): boolean {
      const id = target.id;
      stop(id);
      if (!watched.has(id)) {
        watched.add(id);
        target.once('destroyed', () => {
          stop(id);
          watched.delete(id);
        });
      }
      if (typeof session !== 'string' || session === '') return false;
      try {
        const feed = openEventFeed(
          session,
          (event: EventName, payload: unknown) => {
            if (!target.isDestroyed()) target.send('event', event, payload);
          },
          () => feeds.delete(id),
        );
        feeds.set(id, feed);
        return true;
      } catch {
        return false; // an ended or unknown session gets no events
      }
    },
    closeAll(): void {
      for (const id of [...feeds.keys()]) stop(id);
    },
  };
}
