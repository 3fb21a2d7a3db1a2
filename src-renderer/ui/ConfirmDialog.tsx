// A yes/no question on the native <dialog>: Escape or the backdrop mean "no".
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
  testId?: string;
}

export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, children, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} data-testid={testId} onClose={onCancel}>
      <div className="dialog-body">
        <header className="dialog-title">{title}</header>
        <div className="dialog-content">{children}</div>
        <footer className="dialog-buttons">
          <button type="button" className="btn" autoFocus onClick={onCancel} data-testid="confirm-cancel">
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={onConfirm} data-testid="confirm-ok">
            {confirmLabel}
          </button>
        </footer>
      </div>
    </dialog>
  );
}
