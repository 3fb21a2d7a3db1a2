// Typed fan-out of the contract's event streams, shared by the engine and both
// client bridges. A throwing listener is reported and never stops delivery to the others.
import { EVENT_NAMES, type EventName, type Listener, type TelemetryEvents, type Unsubscribe } from './events.js';

const KNOWN_EVENTS: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && KNOWN_EVENTS.has(name);
}

export class EventHub {
  private listeners = new Map<EventName, Set<(payload: never) => void>>();

  constructor(private readonly onListenerError: (event: EventName, err: unknown) => void = () => {}) {}

  on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  emit<E extends EventName>(event: E, payload: TelemetryEvents[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const l of set) {
      try {
        (l as Listener<E>)(payload);
      } catch (err) {
        this.onListenerError(event, err);
      }
    }
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
