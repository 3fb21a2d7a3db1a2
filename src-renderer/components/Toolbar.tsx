// Main toolbar: link, measurement and chart controls.
import type { DeviceCommand } from '@shared/domain/device.js';
import { COMMAND_LABELS, isCommandEnabled } from '../commands/deviceCommands';
import { useActions, useTelemetry } from '../store/StoreContext';
import { Icon, type IconName } from './Icon';

function CommandButton({ command, icon, danger }: { command: DeviceCommand; icon: IconName; danger?: boolean }) {
  const device = useTelemetry((s) => s.device);
  const { deviceCommand } = useActions();
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

export function Toolbar() {
  const paused = useTelemetry((s) => s.ui.paused);
  const { setPaused } = useActions();
  return (
    <div className="toolbar" role="toolbar" aria-label="Main toolbar" data-testid="toolbar">
      <CommandButton command="connect" icon="connect" />
      <CommandButton command="disconnect" icon="disconnect" />
      <span className="tool-sep" />
      <CommandButton command="start" icon="start" />
      <CommandButton command="stop" icon="stop" />
      <span className="tool-sep" />
      <button
        type="button"
        className={paused ? 'tool tool-active' : 'tool'}
        data-testid="btn-pause"
        aria-pressed={paused}
        title="Freeze the chart; data keeps buffering (F8)"
        onClick={() => setPaused(!paused)}
      >
        <Icon name={paused ? 'resume' : 'pause'} />
        {paused ? 'Resume' : 'Pause'}
      </button>
      <CommandButton command="reset" icon="reset" />
      <span className="tool-sep" />
      <CommandButton command="safe" icon="safe" danger />
    </div>
  );
}
