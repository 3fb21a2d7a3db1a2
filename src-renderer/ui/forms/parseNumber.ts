// The one number parser of every form: a field's text to a number, NaN when empty or not a
// number (so the shared schema names the field instead of a blank turning into 0).
export function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}
