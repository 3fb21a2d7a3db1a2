// Buttons at the right of every dock group's tab bar: maximise/restore and pop out into a window
// (dragging a tab splits, tabs or floats it; these make the same moves reachable by keyboard).
import { useEffect, useState } from 'react';
import type { IDockviewHeaderActionsProps } from 'dockview-react';

export const POPOUT_URL = '/popout.html';

export function HeaderActions({ api, containerApi, group, activePanel }: IDockviewHeaderActionsProps) {
  const [maximized, setMaximized] = useState(() => api.isMaximized());
  useEffect(() => {
    const d = containerApi.onDidMaximizedGroupChange(() => setMaximized(api.isMaximized()));
    return () => d.dispose();
  }, [api, containerApi]);
  const location = api.location.type;
  const title = activePanel?.title ?? 'panel';
  const kind = activePanel?.api.component ?? '';
  if (location === 'popout') return null;
  return (
    <div className="dock-actions">
      {location === 'grid' ? (
        <button
          type="button"
          className="dock-action"
          data-testid={`dock-maximize-${kind}`}
          aria-label={maximized ? `Restore ${title}` : `Maximise ${title}`}
          title={maximized ? 'Restore' : 'Maximise'}
          onClick={() => (maximized ? api.exitMaximized() : api.maximize())}
        >
          {maximized ? '❐' : '□'}
        </button>
      ) : null}
      <button
        type="button"
        className="dock-action"
        data-testid={`dock-popout-${kind}`}
        aria-label={`Pop out ${title} into its own window`}
        title="Pop out into a window"
        onClick={() => void containerApi.addPopoutGroup(group, { popoutUrl: POPOUT_URL })}
      >
        ⧉
      </button>
    </div>
  );
}
