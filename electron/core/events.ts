// A typed in-process event bus; transports forward its events to the UI.
import type { EventName, EventPayload } from '../common/contract';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
export type EventListener = (event: EventName, payload: unknown) => void;

export type EventBus = { emit: Emit; subscribe(listener: EventListener): () => void };

export function createEventBus(onListenerError: (error: unknown) => void): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const l of listeners) {
        try {
          l(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
