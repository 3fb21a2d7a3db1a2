// The engine's internal event bus: low-rate facts one service announces and others react to
// (never per frame: samples go through direct callbacks). Typed like the contract's EventHub.
import type { DeviceStatus } from '@shared/domain/device.js';
import type { RecordedEvent } from '../recorder/event-sink.js';

export interface EngineBusEvents {
  /** Something worth journaling next to the samples: breaker transitions, faults, alarms, operator actions. */
  journal: RecordedEvent;
  /** The device status settled after a change (link, state, breaker hold): sessions and alarms follow it. */
  status: DeviceStatus;
  /** The channel layout changed (names, count, overrides): a recording session has one layout. */
  layout: undefined;
}

type Handler<E extends keyof EngineBusEvents> = (payload: EngineBusEvents[E]) => void;

export class EngineBus {
  private readonly handlers: { [E in keyof EngineBusEvents]?: Handler<E>[] } = {};

  constructor(private readonly onError: (event: keyof EngineBusEvents, err: unknown) => void) {}

  on<E extends keyof EngineBusEvents>(event: E, handler: Handler<E>): void {
    const list = (this.handlers[event] ??= []) as Handler<E>[];
    list.push(handler);
  }

  emit<E extends keyof EngineBusEvents>(event: E, payload: EngineBusEvents[E]): void {
    for (const h of (this.handlers[event] ?? []) as Handler<E>[]) {
      try {
        h(payload);
      } catch (err) {
        this.onError(event, err);
      }
    }
  }
}
