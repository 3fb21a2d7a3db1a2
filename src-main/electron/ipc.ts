// The IPC half of the contract in the main process: one invoke channel for
// requests (sender checked, payload validated by dispatchRequest), one event
// channel pushing engine events to the window, and the shell's own menu channel.
// The only module that touches ipcMain and webContents.send (eslint enforces it).
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Logger } from 'pino';
import { dispatchRequest, type TelemetryApi } from '@shared/api/contract.js';
import { EVENT_NAMES, type EventName, type TelemetryEvents, type Unsubscribe } from '@shared/api/events.js';
import { encodeSampleBatch } from '@shared/api/samples.js';
import { fail, type ApiResult } from '@shared/domain/result.js';
import type { ViewCommand } from '@shared/ui/menu.js';
import { EVENT_CHANNEL, MENU_CHANNEL, REQUEST_CHANNEL } from '../preload/channels.js';

export type IpcLogger = Pick<Logger, 'warn'>;

/**
 * Why a request must be refused, or undefined when it comes from the main frame
 * of our window showing our renderer. Anything else (an iframe, another window,
 * a page navigated elsewhere) never reaches the engine.
 */
export function senderProblem(event: IpcMainInvokeEvent, win: BrowserWindow | null, isTrustedUrl: (url: string) => boolean): string | undefined {
  if (!win || win.isDestroyed()) return 'there is no main window';
  const contents = win.webContents;
  if (event.sender.id !== contents.id) return 'the sender is not the main window';
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  const main = contents.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return 'the sender is not the main frame';
  }
  if (!isTrustedUrl(frame.url)) return 'the sender shows an untrusted page';
  return undefined;
}

/** Wires the contract to ipcMain for one window; the returned disposer undoes everything. */
export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  api: TelemetryApi,
  getWindow: () => BrowserWindow | null,
  isTrustedUrl: (url: string) => boolean,
  logger?: IpcLogger,
): () => void {
  ipcMain.handle(REQUEST_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, payload: unknown): Promise<ApiResult<unknown>> => {
    const problem = senderProblem(event, getWindow(), isTrustedUrl);
    if (problem) {
      logger?.warn({ request: typeof name === 'string' ? name : typeof name, url: event.senderFrame?.url, problem }, 'refused IPC request');
      return fail('invalid-state', `forbidden: ${problem}`);
    }
    return dispatchRequest(api, name, payload);
  });

  const send = (name: EventName, payload: unknown): void => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    win.webContents.send(EVENT_CHANNEL, name, payload);
  };
  const forward = <E extends EventName>(name: E): Unsubscribe => api.on(name, (payload: TelemetryEvents[E]) => send(name, payload));
  // One ArrayBuffer per publish (the engine already coalesces), never one message per sample.
  const unsubscribers = EVENT_NAMES.map((name) =>
    name === 'samples' ? api.on('samples', (batch) => send('samples', encodeSampleBatch(batch))) : forward(name),
  );

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    ipcMain.removeHandler(REQUEST_CHANNEL);
    for (const off of unsubscribers) off();
  };
}

/** A native-menu view command to the window, on the shell's channel (never among the engine's events). */
export function sendMenuCommand(win: BrowserWindow | null, command: ViewCommand): void {
  if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
  win.webContents.send(MENU_CHANNEL, command);
}
