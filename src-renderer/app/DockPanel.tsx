// A side panel with a title bar and a close button, like a Qt dock widget.
import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** `stack`: one of several docks sharing a column; `bottom`: under the chart. */
  side: 'left' | 'right' | 'bottom' | 'stack';
  onClose: () => void;
  children: ReactNode;
}

export function DockPanel({ title, side, onClose, children }: Props) {
  return (
    <aside className={`dock dock-${side}`} aria-label={title}>
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
