// Maps validation issues (from zod or an ApiError) onto device-form fields.
import type { FieldIssue } from '@shared/domain/result.js';

/** Key for errors that belong to no single field. */
export const FORM_KEY = '_form';

const TOP_FIELDS = new Set(['source', 'channels', 'rateHz', 'autoStart', 'signals']);
const SIGNAL_FIELDS = new Set(['shape', 'amplitude', 'offset', 'periodSec']);
const LINK_FIELDS = new Set(['path', 'baudRate', 'dataBits', 'parity', 'stopBits', 'flowControl', 'dtrOnOpen', 'rtsOnOpen', 'match', 'host', 'port', 'bindAddress']);

/**
 * The form field an issue path points at: `rateHz`, `channels`, `signals.2.periodSec`…
 * A `device.` prefix (config-level paths) is ignored; unknown paths go to FORM_KEY.
 */
export function fieldKeyForPath(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'device') parts.shift();
  const [head, index, field] = parts;
  if (head === undefined) return FORM_KEY;
  if (head === 'signals' && index !== undefined && /^\d+$/.test(index)) {
    if (field !== undefined && SIGNAL_FIELDS.has(field)) return `signals.${index}.${field}`;
    return `signals.${index}`;
  }
  // Link fields: `link.path`, `link.baudRate`… (a bad `kind` belongs to the source select).
  if (head === 'link') return index !== undefined && LINK_FIELDS.has(index) ? `link.${index}` : 'source';
  // Frame format fields keep their full path: `format.separator`, `format.layout.2.type`.
  if (head === 'format') return parts.join('.');
  return TOP_FIELDS.has(head) ? head : FORM_KEY;
}

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

/** First message per field key (by default the device form's keys and wording; other forms pass their own). */
export function mapIssuesToFields(
  issues: readonly FieldIssue[],
  keyFor: (path: string) => string = fieldKeyForPath,
  message: (issue: FieldIssue, key: string) => string = fieldMessage,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = keyFor(issue.path);
    if (!(key in out)) out[key] = message(issue, key);
  }
  return out;
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
