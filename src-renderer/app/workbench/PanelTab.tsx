// A dock tab: the panel's title, and a close mark for the mouse. The tab itself is the keyboard
// control (dockview's roving focus; Delete closes), so nothing focusable is nested inside it.
import { DockviewDefaultTab, type IDockviewPanelHeaderProps } from 'dockview-react';

export function PanelTab(props: IDockviewPanelHeaderProps) {
  const { api } = props;
  return (
    <div
      className="panel-tab"
      onKeyDown={(e) => {
        if (e.key === 'Delete') {
          e.preventDefault();
          api.close();
        }
      }}
    >
      <DockviewDefaultTab {...props} hideClose />
      <span
        className="panel-tab-close"
        aria-hidden="true"
        title={`Close ${api.title ?? 'panel'} (Delete)`}
        data-testid={`dock-close-${api.component}`}
        onPointerDown={(e) => e.preventDefault()}
        onClick={(e) => {
          e.stopPropagation();
          api.close();
        }}
      >
        ×
      </span>
    </div>
  );
}
