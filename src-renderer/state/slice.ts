// How a feature's slice of the telemetry store is built. Each feature owns its fields and actions;
// the app composes the slices into one zustand store (app/telemetryStore.ts). Slices stay free of
// DOM and React, so each one unit-tests in node with a fake api.
import type { Snapshot, TelemetryApi } from '@shared/api/contract.js';
import type { EventName, Unsubscribe } from '@shared/api/events.js';
import type { AppConfig, ConfigPatch } from '@shared/config/app-config.js';
import type { ApiResult } from '@shared/domain/result.js';
import type { ConfigCell } from './configCell';

/** What the composer hands every slice. `S` is the part of the state the slice reads and writes. */
export interface SliceContext<S> {
  api: TelemetryApi;
  get(): S;
  set(partial: Partial<S>): void;
  /** Shows a failure in the error banner. */
  notify(message: string): void;
  /** Runs a request; failures (error results or rejections) become a notice. */
  request<T>(label: string, call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>>;
  /** A settings form's save: field errors are the caller's to show, only a failed call becomes a notice. */
  saveConfig(label: string, patch: ConfigPatch): Promise<ApiResult<AppConfig>>;
  /** The server's configuration with unconfirmed edits laid over it. */
  config: ConfigCell;
}

/** A slice: initial fields, actions, and how it follows events and the first snapshot. */
export interface Slice<S extends { actions: object }> {
  state: Omit<S, 'actions'>;
  actions: S['actions'];
  /**
   * Subscribes to the slice's events. `mark(e)` records that event `e` arrived before the
   * snapshot, which then must not overwrite it.
   */
  subscribe?(mark: (event: EventName) => void): Unsubscribe[];
  /**
   * Fields taken from the first snapshot; `seen` lists the events that were newer. `replace`: a
   * reconnected bridge reloaded the whole snapshot (the server may have restarted): take it as it is.
   */
  fromSnapshot?(snap: Snapshot, seen: ReadonlySet<EventName>, replace?: boolean): Partial<Omit<S, 'actions'>>;
  /** Runs on disconnect (flush what is pending). */
  dispose?(): void;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
