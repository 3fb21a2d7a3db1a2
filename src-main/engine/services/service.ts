// The one shape every engine service has; compose.ts builds them and joins their parts.
import type { RequestHandlers } from '@shared/api/contract.js';
import type { Snapshot } from '@shared/api/snapshot.js';

export interface Service<K extends keyof RequestHandlers = never, S extends keyof Snapshot = never> {
  /** The requests this service answers (validated values in; see the contract table). */
  readonly handlers: Pick<RequestHandlers, K>;
  /** Its part of the snapshot a freshly connected UI loads. */
  snapshot(): Pick<Snapshot, S>;
  start(): Promise<void> | void;
  close(): Promise<void> | void;
}
