// Fields every feature may read: the connection to the engine, the configuration and the notices.
import type { AppConfig } from '@shared/config/app-config.js';

export interface Notice {
  id: number;
  message: string;
}

export interface CoreActions {
  /** Subscribes to every event, then loads the snapshot (retrying until it arrives). Returns the disconnect. */
  connect(): () => void;
  dismissNotice(id: number): void;
  reportError(message: string): void;
}

export interface CoreState {
  /** The first snapshot arrived. */
  ready: boolean;
  /** Why the snapshot could not be loaded (retried until it can). */
  loadError: string | null;
  /** Server configuration with not-yet-confirmed chart edits laid over it. */
  config: AppConfig | null;
  /** Failed requests, newest last. */
  notices: Notice[];
  actions: CoreActions;
}
