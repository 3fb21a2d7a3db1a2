// Start / Stop / Reset / SafeState buttons of the device panel, enabled per device state.
import type { DeviceCommand } from '@shared/domain/device.js';
import { COMMAND_LABELS, isCommandEnabled } from './deviceCommands';
import { useDevice, useDeviceActions } from './useDevice';

const COMMANDS: DeviceCommand[] = ['start', 'stop', 'reset', 'safe'];

export function DeviceCommands() {
  const device = useDevice((s) => s.device);
  const { deviceCommand } = useDeviceActions();
  return (
    <div className="button-row">
      {COMMANDS.map((cmd) => (
        <button
          key={cmd}
          type="button"
          className={cmd === 'safe' ? 'btn btn-danger' : 'btn'}
          data-testid={`device-${cmd}`}
          disabled={!isCommandEnabled(cmd, device)}
          onClick={() => void deviceCommand(cmd)}
        >
          {COMMAND_LABELS[cmd]}
        </button>
      ))}
    </div>
  );
}
