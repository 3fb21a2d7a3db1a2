// Where alarms, breaker transitions, injected faults, operator actions and link
// errors go to be journaled next to the samples. Later features only need this.

export type RecordedEventKind = 'alarm' | 'breaker' | 'fault' | 'operator' | 'link-error' | (string & {});

export interface RecordedEvent {
  /** Epoch ms. */
  t: number;
  kind: RecordedEventKind;
  /** Anything JSON-serialisable; stored as JSON text. */
  data: unknown;
}

export interface EventSink {
  /** Never throws and never blocks: the event is queued for the recorder (counted if it cannot be). */
  record(event: RecordedEvent): void;
}
