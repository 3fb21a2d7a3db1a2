// Labelled text and select fields for the device forms' two-column grids; each shows
// its own error (by issue path) under the input.
import { FieldError } from './FieldError';

type Errors = Readonly<Record<string, string>>;

export function TextField(props: {
  id: string;
  label: string;
  field: string;
  value: string;
  errors: Errors;
  disabled: boolean;
  numeric?: boolean;
  placeholder?: string;
  /** Shown on hover, e.g. the allowed range. */
  title?: string;
  /** Test id prefix of the error under the field (default `field-error-`). */
  errorTestIdPrefix?: string;
  onChange: (v: string) => void;
}) {
  const { id, label, field, value, errors, disabled, numeric, placeholder, title, errorTestIdPrefix, onChange } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div>
        <input
          id={id}
          type="text"
          inputMode={numeric ? 'numeric' : undefined}
          spellCheck={false}
          className={errors[field] ? 'input-num invalid' : 'input-num'}
          aria-invalid={errors[field] ? true : undefined}
          aria-describedby={errors[field] ? `${id}-error` : undefined}
          data-testid={id}
          value={value}
          placeholder={placeholder}
          title={title}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        />
        <FieldError field={field} errors={errors} testIdPrefix={errorTestIdPrefix} id={`${id}-error`} />
      </div>
    </>
  );
}

export function SelectField(props: {
  id: string;
  label: string;
  field: string;
  value: string;
  options: readonly (readonly [string, string])[];
  errors: Errors;
  disabled: boolean;
  errorTestIdPrefix?: string;
  onChange: (v: string) => void;
}) {
  const { id, label, field, value, options, errors, disabled, errorTestIdPrefix, onChange } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div>
        <select
          id={id}
          data-testid={id}
          value={value}
          disabled={disabled}
          aria-invalid={errors[field] ? true : undefined}
          aria-describedby={errors[field] ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
        <FieldError field={field} errors={errors} testIdPrefix={errorTestIdPrefix} id={`${id}-error`} />
      </div>
    </>
  );
}
