// IPC channel names shared by the preload and the Electron main process. Kept in
// the preload folder because the preload may import nothing but electron and @shared.

/** ipcRenderer.invoke(REQUEST_CHANNEL, name, payload) → ApiResult. */
export const REQUEST_CHANNEL = 'telemetry:request';
/** webContents.send(EVENT_CHANNEL, eventName, payload); samples travel as one encoded ArrayBuffer. */
export const EVENT_CHANNEL = 'telemetry:event';
/** webContents.send(MENU_CHANNEL, viewCommand): the Electron shell's native menu, never on the event channel. */
export const MENU_CHANNEL = 'telemetry:menu';
/** The renderer finds the API at window[EXPOSED_GLOBAL]. */
export const EXPOSED_GLOBAL = 'telemetry';
/** The shell's narrow channel (TelemetryShell: menu commands only) at window[SHELL_GLOBAL]. */
export const SHELL_GLOBAL = 'telemetryShell';
