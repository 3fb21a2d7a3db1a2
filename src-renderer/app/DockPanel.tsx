// A panel's frame: title bar and close button, like a Qt dock widget. Its root carries the
// registry id (`data-panel-id`) that tests and external checks use.
import type { ReactNode } from 'react';

interface Props {
  panelId: string;
  title: string;
  /** `stack`: one of several docks sharing a column; `bottom`: under the chart; `center`: the chart's place. */
  side: 'left' | 'right' | 'bottom' | 'stack' | 'center';
  onClose: () => void;
  children: ReactNode;
}

export function DockPanel({ panelId, title, side, onClose, children }: Props) {
  return (
    <aside className={`dock dock-${side}`} aria-label={title} data-panel-id={panelId}>
      <header className="dock-title">
        <span>{title}</span>
        <button type="button" className="dock-close" aria-label={`Hide ${title}`} title={`Hide ${title}`} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dock-body">{children}</div>
    </aside>
  );
}
