// The one mapping of validation issues (client zod or an engine ApiError) onto form fields:
// each form names its fields by issue path (`rateHz`, `link.path`, `signals.2.periodSec`);
// a path no field shows goes to FORM_KEY, the form-level message.
import type { ApiError, FieldIssue } from '@shared/domain/result.js';

/** Key of the message that belongs to no single field (react-hook-form's root error). */
export const FORM_KEY = 'root';

/** Zod's wording rewritten for a message that sits right under a small field. */
const FRIENDLY: [RegExp, string][] = [
  [/^Too small: expected number to be >=(.+)$/, 'Must be ≥ $1'],
  [/^Too small: expected number to be >(.+)$/, 'Must be > $1'],
  [/^Too big: expected number to be <=(.+)$/, 'Must be ≤ $1'],
  [/^Too big: expected number to be <(.+)$/, 'Must be < $1'],
  [/^Invalid input: expected int, received number$/, 'Must be a whole number'],
  [/^Invalid input: expected number, received (NaN|string|undefined)$/, 'Enter a number'],
];

export function friendlyMessage(message: string): string {
  for (const [re, text] of FRIENDLY) if (re.test(message)) return message.replace(re, text);
  return message;
}

/** Drops the "path: " prefix the shared issue formatter adds (the field already says where), then words it for the field. */
export function fieldMessage(issue: FieldIssue): string {
  const prefix = `${issue.path}: `;
  const message = issue.path && issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
  return friendlyMessage(message);
}

/** The message shown at `key`: a field's without its path, the form-level one with it (no field says where). */
export function issueMessage(issue: FieldIssue, key: string): string {
  return key === FORM_KEY ? issue.message : fieldMessage(issue);
}

/** Default field key: the path itself, or FORM_KEY when there is none. */
export const pathAsKey = (path: string): string => (path === '' ? FORM_KEY : path);

/** First message per field key. */
export function mapIssuesToFields(
  issues: readonly FieldIssue[],
  keyFor: (path: string) => string = pathAsKey,
  message: (issue: FieldIssue, key: string) => string = issueMessage,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = keyFor(issue.path);
    if (!(key in out)) out[key] = message(issue, key);
  }
  return out;
}

/**
 * An engine refusal as field errors: issues at their fields (unknown paths at FORM_KEY);
 * a refusal without issues (a port that will not open, a folder refused) is the form-level message.
 */
export function engineErrors(
  error: ApiError,
  keyFor: (path: string) => string = pathAsKey,
  message: (issue: FieldIssue, key: string) => string = issueMessage,
): Record<string, string> {
  return error.issues?.length ? mapIssuesToFields(error.issues, keyFor, message) : { [FORM_KEY]: error.message };
}

/** `errors` without `keys` (the same object when none of them is there, so React sees no change). */
export function withoutKeys(errors: Record<string, string>, keys: readonly string[]): Record<string, string> {
  if (!keys.some((k) => k in errors)) return errors;
  const next = { ...errors };
  for (const k of keys) delete next[k];
  return next;
}

/** Zod-style issues (path as an array) to FieldIssues. */
export function toFieldIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
