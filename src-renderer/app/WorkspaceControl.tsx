// Toolbar: the project's name with its unsaved mark, and the workspace switcher.
import { useShellActions } from './useShell';
import { useProject, useShellStores, useWorkbench } from './ShellContext';

export function WorkspaceControl() {
  const { workbench } = useShellStores();
  const names = useWorkbench((s) => s.names);
  const current = useWorkbench((s) => s.current);
  const project = useProject((s) => s.name);
  const dirty = useProject((s) => s.dirty);
  const { runView } = useShellActions();
  return (
    <div className="workspace-control">
      <span className="project-title" data-testid="project-title" title={dirty ? 'Unsaved changes' : 'Saved'}>
        {project}
        {dirty ? (
          <span className="unsaved-mark" data-testid="project-unsaved" aria-label="unsaved changes">
            {' •'}
          </span>
        ) : null}
      </span>
      <label className="workspace-select">
        <span>Workspace</span>
        <select data-testid="workspace-select" value={current} onChange={(e) => workbench.getState().actions.switchWorkspace(e.target.value)}>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="tool" data-testid="workspace-save-as" title="Save this layout as a workspace" onClick={() => runView('view-workspace-save-as')}>
        Save as…
      </button>
      <button type="button" className="tool" data-testid="layout-reset" title="View › Reset layout" onClick={() => runView('view-reset-layout')}>
        Reset layout
      </button>
    </div>
  );
}
