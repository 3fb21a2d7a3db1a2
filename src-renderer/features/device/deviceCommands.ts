// Which device commands make sense in the current status; buttons, menu items and
// shortcuts share this so they never disagree.
import { commandVerdict, type BreakerView } from '@shared/domain/device-commands.js';
import type { DeviceCommand, DeviceStatus } from '@shared/domain/device.js';

/** The engine's own rule (src-shared): Connect and Start wait while the breaker holds the link. */
export function isCommandEnabled(command: DeviceCommand, status: DeviceStatus | null, breaker?: BreakerView | null): boolean {
  return commandVerdict(command, status, breaker).ok;
}

/** Why a command is not available now (a button's tooltip), or undefined. */
export function commandBlockedReason(command: DeviceCommand, status: DeviceStatus | null, breaker?: BreakerView | null): string | undefined {
  const v = commandVerdict(command, status, breaker);
  return v.ok ? undefined : v.reason;
}

export const COMMAND_LABELS: Record<DeviceCommand, string> = {
  connect: 'Connect',
  disconnect: 'Disconnect',
  start: 'Start',
  stop: 'Stop',
  reset: 'Reset',
  safe: 'Enter SafeState',
};
