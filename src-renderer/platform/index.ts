// How the renderer gets its TelemetryApi: the Electron preload's window.telemetry,
// else (plain browser, served by the host) a WebSocket client to the same host.
import type { TelemetryApi } from '@shared/api/contract.js';
import { WS_PATH } from '@shared/api/wire.js';
import { createWsApi } from './ws.js';

declare global {
  interface Window {
    /** Set by the Electron preload script; absent in a plain browser. */
    telemetry?: TelemetryApi;
  }
}

let api: TelemetryApi | undefined;

/** ws: or wss: to the page's own host, on the API path. */
export function wsUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${WS_PATH}`;
}

/** True inside Electron (the native menu handles accelerators there). */
export function isElectron(): boolean {
  return window.telemetry !== undefined;
}

/** The one TelemetryApi of this page (memoised). */
export function getApi(): TelemetryApi {
  api ??= window.telemetry ?? createWsApi(wsUrl(window.location));
  return api;
}
