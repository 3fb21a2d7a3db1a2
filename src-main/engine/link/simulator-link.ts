// The simulator as one more transport behind ReconnectingLink: opening the transport starts the
// instrument, closing it stops it. A "disconnect" fault drops the transport like an unplugged
// cable, and the same reconnecting link (backoff, fault gate, status events) brings it back.
import type { IBackoffFactory } from 'cockatiel';
import { ReconnectingLink } from './reconnect.js';
import type { SimulatedDevice } from './simulated-device.js';
import type { TransportHandlers, TransportOpener } from './transport.js';

export const SIMULATOR_DESCRIPTION = 'the simulated device';

/** Opens `device` as a Transport. The device keeps its listeners for life, so bytes go to the open transport only. */
export function simulatorOpener(device: SimulatedDevice): TransportOpener {
  let current: TransportHandlers | undefined;
  device.onData((chunk) => current?.onData(chunk));
  return async (handlers) => {
    await device.open();
    // A new transport starts unpaused, as a new serial port or socket does (the link re-applies a throttle).
    device.setThrottled(false);
    current = handlers;
    return {
      write: () => Promise.reject(new Error(`${SIMULATOR_DESCRIPTION} takes commands, not raw bytes`)),
      setPaused: (paused) => device.setThrottled(paused),
      close: async () => {
        if (current === handlers) current = undefined;
        await device.close();
      },
    };
  };
}

export interface SimulatorLinkOptions {
  backoff?: IBackoffFactory<unknown> | undefined;
  /** Throws while a "disconnect" fault keeps the simulator unreachable. */
  gate?: (() => void) | undefined;
}

export function createSimulatorLink(device: SimulatedDevice, opts: SimulatorLinkOptions = {}): ReconnectingLink {
  return new ReconnectingLink({
    kind: 'simulated',
    description: SIMULATOR_DESCRIPTION,
    open: simulatorOpener(device),
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
    ...(opts.gate ? { gate: opts.gate } : {}),
  });
}
