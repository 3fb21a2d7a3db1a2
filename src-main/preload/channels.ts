// IPC channel names shared by the preload and the Electron main process. Kept in
// the preload folder because the preload may import nothing but electron and @shared.

/** ipcRenderer.invoke(REQUEST_CHANNEL, name, payload) → ApiResult. */
export const REQUEST_CHANNEL = 'telemetry:request';
/** webContents.send(EVENT_CHANNEL, eventName, payload); samples travel as one encoded ArrayBuffer. */
export const EVENT_CHANNEL = 'telemetry:event';
/** The renderer finds the API at window[EXPOSED_GLOBAL]. */
export const EXPOSED_GLOBAL = 'telemetry';
