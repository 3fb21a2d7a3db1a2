// Modal dialog on the native <dialog> element: focus trap and Escape come for free.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

export function Dialog({ title, onClose, children, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);

  // No close() on cleanup: unmounting removes the dialog from the top layer anyway, and
  // StrictMode's test unmount would otherwise fire `close` and dismiss it at once.
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={title}
      data-testid={testId}
      onClose={onClose}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="dialog-body">
        <header className="dialog-title">{title}</header>
        <div className="dialog-content">{children}</div>
        <footer className="dialog-buttons">
          <button type="button" className="btn btn-primary" autoFocus onClick={onClose}>
            Close
          </button>
        </footer>
      </div>
    </dialog>
  );
}
