// A message under an input that is not part of a settings form (e.g. the console's send box);
// settings forms use Fields.tsx's FieldError, bound to the form.
export function MessageError({
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
