// Fields every feature may read: the connection to the engine, the configuration and the notices.
import type { AppConfig, ConfigPatch } from '@shared/config/app-config.js';
import type { ApiResult } from '@shared/domain/result.js';

export interface Notice {
  id: number;
  message: string;
}

export interface CoreActions {
  /** Subscribes to every event, then loads the snapshot (retrying until it arrives). Returns the disconnect. */
  connect(): () => void;
  dismissNotice(id: number): void;
  reportError(message: string): void;
  /** Applies settings (validated whole by the engine); field issues are the caller's to show. */
  updateConfig(label: string, patch: ConfigPatch): Promise<ApiResult<AppConfig>>;
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
