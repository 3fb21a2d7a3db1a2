// Fields bound to the surrounding settings form (FormProvider): each reads and writes its
// value by name and shows the error of its key right under itself. Numbers stay text while
// typed; the form's toInput turns them into numbers with parseNumber.
import type { ReactNode } from 'react';
import { get, useController, useFormContext, useFormState } from 'react-hook-form';
import { FORM_KEY } from './fieldErrors';

/** The message at a field key, if any. */
function useErrorAt(key: string): { message: string | undefined; submitting: boolean } {
  const { errors, isSubmitting } = useFormState({ name: key });
  const found: unknown = key === FORM_KEY ? errors.root : get(errors, key);
  const message = found !== null && typeof found === 'object' && typeof (found as { message?: unknown }).message === 'string' ? (found as { message: string }).message : undefined;
  return { message, submitting: isSubmitting };
}

/** A change clears the field's own error, the form-level one and any it names. */
function useClear(keys: readonly string[]): () => void {
  const { clearErrors, formState } = useFormContext();
  // Reading errors subscribes; clearing only what is there avoids a render per keystroke.
  return () => {
    const present = [...keys, FORM_KEY].filter((k) => get(formState.errors, k) !== undefined);
    if (present.length) clearErrors(present);
  };
}

/** The error of `field` (a key), under its input. */
export function FieldError({ field, id, testIdPrefix = 'field-error-', testId }: { field: string; id?: string; testIdPrefix?: string; testId?: string }) {
  const { message } = useErrorAt(field);
  if (!message) return null;
  return (
    <div className="field-error" role="alert" id={id} data-testid={testId ?? `${testIdPrefix}${field}`}>
      {message}
    </div>
  );
}

/** The form-level message: refusals that name no field. */
export function FormError({ testId = `field-error-${FORM_KEY}` }: { testId?: string }) {
  const { message } = useErrorAt(FORM_KEY);
  if (!message) return null;
  return (
    <div className="field-error" role="alert" data-testid={testId}>
      {message}
    </div>
  );
}

interface InputProps {
  /** Form value path. */
  name: string;
  /** Error key shown under it (default: `name`). */
  error?: string;
  /** Other error keys an edit clears. */
  clears?: readonly string[];
  id?: string;
  testId?: string;
  label?: string;
  numeric?: boolean;
  placeholder?: string;
  title?: string;
  disabled?: boolean;
  errorTestIdPrefix?: string;
  /** Test id of the error (default: prefix + error key). */
  errorTestId?: string;
  /** Instead of setting the value (e.g. a change that also updates others). */
  onValue?: (text: string) => void;
}

/** A text input showing `value` and the error of `error` under it (for values kept outside the form's paths). */
export function TextInput(props: Omit<InputProps, 'name' | 'onValue'> & { error: string; value: string; onValue: (text: string) => void; inputRef?: (el: HTMLInputElement | null) => void; onBlur?: () => void }) {
  const { error, clears = [], id, testId, label, numeric, placeholder, title, disabled, errorTestIdPrefix, errorTestId, value, onValue, inputRef, onBlur } = props;
  const { message, submitting } = useErrorAt(error);
  const clear = useClear([error, ...clears]);
  const errorId = id ? `${id}-error` : undefined;
  return (
    <>
      <input
        id={id}
        ref={inputRef}
        type="text"
        inputMode={numeric ? 'decimal' : undefined}
        spellCheck={false}
        aria-label={label}
        className={message ? 'input-num invalid' : 'input-num'}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? errorId : undefined}
        data-testid={testId ?? id}
        value={value}
        placeholder={placeholder}
        title={title}
        disabled={disabled ?? submitting}
        onBlur={onBlur}
        onChange={(e) => {
          onValue(e.target.value);
          clear();
        }}
      />
      <FieldError field={error} id={errorId} testIdPrefix={errorTestIdPrefix} testId={errorTestId} />
    </>
  );
}

/** A text input bound to `name`, its error under it. */
export function Input(props: InputProps) {
  const { name, error = name, onValue, ...rest } = props;
  const { field } = useController({ name });
  return (
    <TextInput
      {...rest}
      error={error}
      value={(field.value as string | undefined) ?? ''}
      inputRef={field.ref}
      onBlur={field.onBlur}
      onValue={(text) => (onValue ? onValue(text) : field.onChange(text))}
    />
  );
}

interface SelectProps extends Omit<InputProps, 'numeric' | 'placeholder' | 'onValue'> {
  options: readonly (readonly [string, string])[];
  onValue?: (value: string) => void;
  children?: ReactNode;
}

/** A select bound to `name` (string values), its error under it. */
export function Select(props: SelectProps) {
  const { name, error = name, clears = [], id, testId, label, title, disabled, errorTestIdPrefix, errorTestId, options, onValue, children } = props;
  const { field } = useController({ name });
  const { message, submitting } = useErrorAt(error);
  const clear = useClear([error, ...clears]);
  const errorId = id ? `${id}-error` : undefined;
  return (
    <>
      <select
        id={id}
        ref={field.ref}
        data-testid={testId ?? id}
        aria-label={label}
        title={title}
        value={String(field.value ?? '')}
        disabled={disabled ?? submitting}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? errorId : undefined}
        onBlur={field.onBlur}
        onChange={(e) => {
          if (onValue) onValue(e.target.value);
          else field.onChange(e.target.value);
          clear();
        }}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
        {children}
      </select>
      <FieldError field={error} id={errorId} testIdPrefix={errorTestIdPrefix} testId={errorTestId} />
    </>
  );
}

/** A checkbox bound to a boolean `name`, label to its right. */
export function Check(props: {
  name: string;
  error?: string;
  clears?: readonly string[];
  label: ReactNode;
  id?: string;
  testId?: string;
  title?: string;
  disabled?: boolean;
  errorTestIdPrefix?: string;
}) {
  const { name, error = name, clears = [], label, id, testId, title, disabled, errorTestIdPrefix } = props;
  const { field } = useController({ name });
  const { submitting } = useErrorAt(error);
  const clear = useClear([error, ...clears]);
  return (
    <>
      <label className="field-inline" title={title}>
        <input
          type="checkbox"
          id={id}
          ref={field.ref}
          data-testid={testId ?? id}
          checked={field.value === true}
          disabled={disabled ?? submitting}
          onBlur={field.onBlur}
          onChange={(e) => {
            field.onChange(e.target.checked);
            clear();
          }}
        />
        {label}
      </label>
      <FieldError field={error} testIdPrefix={errorTestIdPrefix} />
    </>
  );
}

/** A labelled grid row (label | input + error) of a two-column settings grid. */
export function TextField(props: InputProps & { id: string; label: string }) {
  const { label, ...rest } = props;
  return (
    <>
      <label htmlFor={props.id}>{label}</label>
      <div>
        <Input {...rest} />
      </div>
    </>
  );
}

/** TextField for a number (decimal keyboard); the value stays text until toInput. */
export function NumberField(props: InputProps & { id: string; label: string }) {
  return <TextField {...props} numeric />;
}

export function SelectField(props: SelectProps & { id: string; label: string }) {
  const { label, ...rest } = props;
  return (
    <>
      <label htmlFor={props.id}>{label}</label>
      <div>
        <Select {...rest} />
      </div>
    </>
  );
}

export function CheckField(props: { name: string; label: ReactNode; testId?: string; title?: string; error?: string }) {
  return (
    <>
      <span />
      <div>
        <Check {...props} />
      </div>
    </>
  );
}
