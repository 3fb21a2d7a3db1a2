// Sandboxed preload (bundled to CJS): exposes TelemetryApi as window.telemetry and the shell's
// menu channel as window.telemetryShell.
// It only forwards; the main process validates every request.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { requestProxy, type TelemetryApi } from '@shared/api/contract.js';
import type { ApiResult } from '@shared/domain/result.js';
import { EventHub, isEventName } from '@shared/api/event-hub.js';
import type { EventName, Listener, TelemetryEvents } from '@shared/api/events.js';
import { decodeSampleBatch } from '@shared/api/samples.js';
import { isViewCommand, type TelemetryShell } from '@shared/api/shell.js';
import type { ViewCommand } from '@shared/ui/menu.js';
import { EVENT_CHANNEL, EXPOSED_GLOBAL, MENU_CHANNEL, REQUEST_CHANNEL, SHELL_GLOBAL } from './channels.js';

const hub = new EventHub((name, err) => console.error(`telemetry: ${name} listener threw`, err));

/** IPC may hand binary data over as an ArrayBuffer or as a view on one. */
function toArrayBuffer(data: unknown): ArrayBuffer | undefined {
  if (data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) {
    const copy = new Uint8Array(data.byteLength);
    copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return copy.buffer;
  }
  return undefined;
}

function decodePayload(name: EventName, payload: unknown): TelemetryEvents[EventName] | undefined {
  if (name !== 'samples') return payload as TelemetryEvents[EventName];
  const buf = toArrayBuffer(payload);
  if (!buf) return undefined;
  try {
    return decodeSampleBatch(buf);
  } catch (err) {
    console.error('telemetry: dropping a malformed sample batch', err);
    return undefined;
  }
}

// One IPC listener for all events; it fans out to the registered callbacks.
ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (!isEventName(name) || hub.listenerCount(name) === 0) return;
  const value = decodePayload(name, payload);
  if (value !== undefined) hub.emit(name, value);
});

// One method per request of the contract table; the main process answers with dispatchRequest's ApiResult.
const api: TelemetryApi = {
  ...requestProxy((name, payload) => ipcRenderer.invoke(REQUEST_CHANNEL, name, payload) as Promise<ApiResult<unknown>>),
  on<E extends EventName>(event: E, listener: Listener<E>) {
    if (!isEventName(event) || typeof listener !== 'function') throw new TypeError(`telemetry.on: unknown event ${String(event)}`);
    return hub.on(event, listener);
  },
};

contextBridge.exposeInMainWorld(EXPOSED_GLOBAL, api);

// The native menu's view commands on their own channel: one IPC listener, unknown commands dropped.
const menuListeners = new Set<(command: ViewCommand) => void>();
ipcRenderer.on(MENU_CHANNEL, (_event: IpcRendererEvent, command: unknown) => {
  if (!isViewCommand(command)) return;
  for (const l of menuListeners) {
    try {
      l(command);
    } catch (err) {
      console.error('telemetryShell: menu listener threw', err);
    }
  }
});

const shell: TelemetryShell = {
  onMenu(listener) {
    if (typeof listener !== 'function') throw new TypeError('telemetryShell.onMenu: listener must be a function');
    menuListeners.add(listener);
    return () => {
      menuListeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld(SHELL_GLOBAL, shell);
