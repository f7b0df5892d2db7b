// Is the portal answering right now? The last time any request got a real answer, so one dossier's bad luck is told from an outage.
import type { Clock } from '../ports';

export type PortalHealth = {
  /** the portal did its part for a request (an upload moved, a dossier was filed, the feed was read, a 4xx) */
  answered(): void;
  /** the portal answered some request within the window */
  answering(): boolean;
};

// 15 s: a pass keeps several requests in flight, so a portal that still works answers one of them well within this;
// a portal that answered nobody for longer is treated as down and the dossiers back off exponentially.
const ANSWERING_WINDOW_MS = 15_000;

export function createPortalHealth(clock: Clock, windowMs = ANSWERING_WINDOW_MS): PortalHealth {
  let lastAnswer = Number.NEGATIVE_INFINITY;
  return {
    answered() {
      lastAnswer = clock.now();
    },
    answering() {
      return clock.now() - lastAnswer <= windowMs;
    },
  };
}
