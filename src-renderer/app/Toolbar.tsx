// Main toolbar: link, measurement and chart controls; the project and workspace on the right.
import { useShell, useShellActions } from './useShell';
import { CommandButton } from '../features/device';
import { Icon } from '../ui/Icon';
import { WorkspaceControl } from './WorkspaceControl';

export function Toolbar() {
  const paused = useShell((s) => s.paused);
  const { setPaused } = useShellActions();
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
      <span className="tool-spacer" />
      <WorkspaceControl />
    </div>
  );
}
