// How the renderer gets its TelemetryApi: the Electron preload's window.telemetry,
// else (plain browser, served by the host) a WebSocket client to the same host. The native menu
// reaches the window on the shell's own channel (window.telemetryShell), only in Electron.
import type { TelemetryApi } from '@shared/api/contract.js';
import type { TelemetryShell } from '@shared/api/shell.js';
import { WS_PATH } from '@shared/api/wire.js';
import { takeAccessToken, withToken } from './accessToken.js';
import { createWsApi } from './ws.js';

declare global {
  interface Window {
    /** Set by the Electron preload script; absent in a plain browser. */
    telemetry?: TelemetryApi;
    /** Set by the Electron preload script: the native menu's commands. Absent in a plain browser. */
    telemetryShell?: TelemetryShell;
  }
}

let api: TelemetryApi | undefined;
let token: string | undefined | null = null;

/** The host's access token of this tab, if it was opened with one (never in Electron). */
function accessToken(): string | undefined {
  if (token === null) token = window.telemetry ? undefined : takeAccessToken({ location: window.location, storage: window.sessionStorage, history: window.history });
  return token;
}

/** ws: or wss: to the page's own host, on the API path (with the access token when there is one). */
export function wsUrl(loc: Pick<Location, 'protocol' | 'host'>, accessToken?: string): string {
  return withToken(`${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${WS_PATH}`, accessToken);
}

/** A host URL (an export download) carrying the access token. */
export function authorizedUrl(url: string): string {
  return withToken(url, accessToken());
}

/** True inside Electron (the native menu handles accelerators there). */
export function isElectron(): boolean {
  return window.telemetry !== undefined;
}

/** The one TelemetryApi of this page (memoised). */
export function getApi(): TelemetryApi {
  api ??= window.telemetry ?? createWsApi(wsUrl(window.location, accessToken()));
  return api;
}

/** The Electron shell's menu channel; undefined in a browser (the host has no native menu). */
export function getShell(): TelemetryShell | undefined {
  return window.telemetryShell;
}
