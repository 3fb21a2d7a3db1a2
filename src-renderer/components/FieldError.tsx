// A validation message placed right under its field.
export function FieldError({ field, errors, testIdPrefix = 'field-error-' }: { field: string; errors: Readonly<Record<string, string>>; testIdPrefix?: string }) {
  const message = errors[field];
  if (!message) return null;
  return (
    <div className="field-error" role="alert" data-testid={`${testIdPrefix}${field}`}>
      {message}
    </div>
  );
}
