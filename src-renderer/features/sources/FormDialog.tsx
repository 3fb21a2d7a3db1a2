// A modal form on the native <dialog>: the caller's fields, then Cancel and a submit button.
// Escape cancels; the backdrop does not (a half-filled form is not thrown away by a stray click).
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface Props {
  title: string;
  submitLabel: string;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
  children: ReactNode;
  testId?: string;
  busy?: boolean;
}

export function FormDialog({ title, submitLabel, onSubmit, onCancel, children, testId, busy }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);
  // Rendered into <body>, not where it is used: inside the device <form> its own <form> was a
  // nested form, whose OK submitted natively (the page reloaded to `/?`, losing the pending source).
  return createPortal(
    <dialog ref={ref} className="dialog source-dialog" aria-label={title} data-testid={testId} onClose={onCancel}>
      <form
        className="dialog-body"
        noValidate
        onSubmit={(e) => {
          // React events still bubble through the device form's React tree: its submit must not apply that form too.
          e.stopPropagation();
          onSubmit(e);
        }}
      >
        <header className="dialog-title">{title}</header>
        <div className="dialog-content">{children}</div>
        <footer className="dialog-buttons">
          <button type="button" className="btn" onClick={onCancel} data-testid="source-dialog-cancel">
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="source-dialog-ok">
            {submitLabel}
          </button>
        </footer>
      </form>
    </dialog>,
    document.body,
  );
}
