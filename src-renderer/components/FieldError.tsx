// A validation message placed right under its field.
export function FieldError({ field, errors }: { field: string; errors: Readonly<Record<string, string>> }) {
  const message = errors[field];
  if (!message) return null;
  return (
    <div className="field-error" role="alert" data-testid={`field-error-${field}`}>
      {message}
    </div>
  );
}
