// Asks for a name (a workspace, a project). Validated with the caller's zod schema through the
// forms stack; a refusal from the caller (e.g. a name in use) lands at the field too.
import { useEffect, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';

interface Props {
  title: string;
  label: string;
  initial: string;
  schema: z.ZodType<string, string>;
  submitLabel: string;
  /** Returns an error text to show at the field, or null when done. */
  onSubmit(name: string): string | null | Promise<string | null>;
  onClose(): void;
  testId: string;
}

export function NameDialog({ title, label, initial, schema, submitLabel, onSubmit, onClose, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const form = useForm<{ name: string }>({ resolver: zodResolver(z.object({ name: schema })), defaultValues: { name: initial } });
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);
  const error = form.formState.errors.name?.message;
  const submit = form.handleSubmit(async ({ name }) => {
    const refused = await onSubmit(name);
    if (refused) form.setError('name', { message: refused });
    else onClose();
  });
  return (
    <dialog ref={ref} className="dialog" aria-label={title} data-testid={testId} onClose={onClose}>
      <form className="dialog-body" onSubmit={(e) => void submit(e)} noValidate>
        <header className="dialog-title">{title}</header>
        <div className="dialog-content">
          <label className="field-stack">
            <span>{label}</span>
            <input type="text" autoFocus data-testid={`${testId}-name`} aria-invalid={error ? true : undefined} {...form.register('name')} />
          </label>
          {error ? (
            <div className="field-error" role="alert" data-testid={`${testId}-error`}>
              {error}
            </div>
          ) : null}
        </div>
        <footer className="dialog-buttons">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid={`${testId}-submit`}>
            {submitLabel}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
