// A toolbar button that sends one device command, enabled per device state.
import type { DeviceCommand } from '@shared/domain/device.js';
import { COMMAND_LABELS, isCommandEnabled } from './deviceCommands';
import { useDevice, useDeviceActions } from './useDevice';
import { Icon, type IconName } from '../../ui/Icon';

export function CommandButton({ command, icon, danger }: { command: DeviceCommand; icon: IconName; danger?: boolean }) {
  const device = useDevice((s) => s.device);
  const { deviceCommand } = useDeviceActions();
  return (
    <button
      type="button"
      className={danger ? 'tool tool-danger' : 'tool'}
      data-testid={`btn-${command}`}
      disabled={!isCommandEnabled(command, device)}
      onClick={() => void deviceCommand(command)}
    >
      <Icon name={icon} />
      {COMMAND_LABELS[command]}
    </button>
  );
}
