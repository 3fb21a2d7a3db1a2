// Which device commands make sense in the current status; buttons, menu items and
// shortcuts share this so they never disagree.
import type { DeviceCommand, DeviceStatus } from '@shared/domain/device.js';

export function isCommandEnabled(command: DeviceCommand, status: DeviceStatus | null): boolean {
  if (!status) return false;
  switch (command) {
    case 'connect':
      return status.link !== 'connected';
    case 'disconnect':
      return status.link !== 'disconnected';
    case 'start':
      // Start connects a disconnected simulator itself; only SafeState blocks it (Reset first).
      return status.state === 'idle';
    case 'stop':
      return status.state === 'measuring';
    case 'reset':
      // The way out of SafeState; otherwise it restarts the series, valid in any state.
      return true;
    case 'safe':
      return status.state !== 'safe';
  }
}

export const COMMAND_LABELS: Record<DeviceCommand, string> = {
  connect: 'Connect',
  disconnect: 'Disconnect',
  start: 'Start',
  stop: 'Stop',
  reset: 'Reset',
  safe: 'Enter SafeState',
};
