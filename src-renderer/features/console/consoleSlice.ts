// The raw link console: bytes received from and sent to the link, bounded.
import type { SendToDeviceInput } from '@shared/domain/link.js';
import type { ApiResult } from '@shared/domain/result.js';
import type { Slice, SliceContext } from '../../state/slice';
import { appendConsole, EMPTY_CONSOLE, type ConsoleLog } from './consoleLog';

export interface ConsoleActions {
  /** Returns the result so the console can put a hex error at its field. */
  sendToDevice(request: SendToDeviceInput): Promise<ApiResult<{ bytes: number }>>;
  clearConsole(): void;
}

export interface ConsoleState {
  consoleLog: ConsoleLog;
  actions: ConsoleActions;
}

export function createConsoleSlice(ctx: SliceContext<ConsoleState>): Slice<ConsoleState> {
  const { api, set, get, request } = ctx;
  return {
    state: { consoleLog: EMPTY_CONSOLE },
    actions: {
      sendToDevice: (req) => request('Sending to the device', () => api.sendToDevice(req)),
      clearConsole() {
        set({ consoleLog: EMPTY_CONSOLE });
      },
    },
    subscribe: () => [api.on('console', (batch) => set({ consoleLog: appendConsole(get().consoleLog, batch) }))],
  };
}
