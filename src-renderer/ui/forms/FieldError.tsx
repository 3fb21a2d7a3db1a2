// A validation message placed right under its field.
export function FieldError({
  field,
  errors,
  testIdPrefix = 'field-error-',
  id,
}: {
  field: string;
  errors: Readonly<Record<string, string>>;
  testIdPrefix?: string;
  /** For the input's aria-describedby. */
  id?: string;
}) {
  const message = errors[field];
  if (!message) return null;
  return (
    <div className="field-error" role="alert" id={id} data-testid={`${testIdPrefix}${field}`}>
      {message}
    </div>
  );
}
