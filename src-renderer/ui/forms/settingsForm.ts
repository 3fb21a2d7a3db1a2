// A settings form described once: how the running config becomes form values, how the
// values become the request, which shared zod schema checks it and which field shows
// each issue path. The same spec validates in the browser (zodResolver) and maps the
// engine's refusals, so both land at the same field.
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, FieldValues, Resolver, ResolverOptions } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldIssue } from '@shared/domain/result.js';
import { issueMessage, mapIssuesToFields, pathAsKey } from './fieldErrors';

export interface SettingsFormSpec<Running, Values extends FieldValues, Input> {
  /** The shared schema of the request (from src-shared). */
  schema: z.ZodType;
  /** Form values (numbers as typed text) for a running config. */
  toValues: (running: Running) => Values;
  /** The request payload; numbers go through parseNumber so a blank is named by the schema. */
  toInput: (values: Values) => Input;
  /** The field key that shows an issue path (default: the path itself); `values` are the ones sent. */
  keyFor?: (path: string, values: Values) => string;
  /** A message worded for its field (default: issueMessage). */
  message?: (issue: FieldIssue, key: string) => string;
}

export type Checked<Input> = { ok: true; input: Input } | { ok: false; errors: Record<string, string> };

/** Flattens react-hook-form's nested errors back to `path → message`. */
export function flatten(errors: unknown, prefix: string, out: FieldIssue[]): FieldIssue[] {
  if (errors === null || typeof errors !== 'object') return out;
  const node = errors as Record<string, unknown>;
  if (typeof node.message === 'string' && typeof node.type === 'string') out.push({ path: prefix, message: node.message });
  for (const [k, v] of Object.entries(node)) {
    if (k === 'message' || k === 'type' || k === 'ref' || k === 'types') continue;
    flatten(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

const RESOLVER_OPTIONS: ResolverOptions<FieldValues> = { fields: {}, shouldUseNativeValidation: false };

/** Validates form values with the shared schema through zodResolver; errors keyed by field. */
export async function checkValues<R, V extends FieldValues, I>(spec: SettingsFormSpec<R, V, I>, values: V): Promise<Checked<I>> {
  const input = spec.toInput(values);
  const resolve = zodResolver(spec.schema as never) as unknown as Resolver<FieldValues>;
  const result = await resolve(input as FieldValues, undefined, RESOLVER_OPTIONS);
  const issues = flatten(result.errors, '', []);
  if (issues.length === 0) return { ok: true, input };
  const keyFor = spec.keyFor ?? pathAsKey;
  return { ok: false, errors: mapIssuesToFields(issues, (path) => keyFor(path, values), spec.message ?? issueMessage) };
}

/** react-hook-form's errors as `key → message` (the form-level one at FORM_KEY). */
export function flatErrors(errors: unknown): Record<string, string> {
  return Object.fromEntries(flatten(errors, '', []).map((i) => [i.path, i.message]));
}

/** `key → message` as react-hook-form's nested errors (shorter keys first so a row's own error keeps its cells'). */
export function nestErrors(flat: Record<string, string>, type = 'validate'): FieldErrors {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(flat).sort((a, b) => a.length - b.length)) {
    const parts = key.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) {
      const next = node[p];
      node = (next !== null && typeof next === 'object' ? next : (node[p] = {})) as Record<string, unknown>;
    }
    const last = parts[parts.length - 1] as string;
    const existing = node[last];
    node[last] = { ...(existing !== null && typeof existing === 'object' ? existing : {}), type, message: flat[key] };
  }
  return out as FieldErrors;
}

/** The react-hook-form resolver of a spec: values in, the (unparsed) request out. */
export function settingsResolver<R, V extends FieldValues, I>(spec: SettingsFormSpec<R, V, I>): Resolver<V, unknown, I> {
  return async (values) => {
    const checked = await checkValues(spec, values);
    return checked.ok ? { values: checked.input, errors: {} } : { values: {}, errors: nestErrors(checked.errors) as FieldErrors<V> };
  };
}

/**
 * What the form shows after a successful apply: the running config if it already changed
 * while the request was out, else the applied values (the next config change is followed).
 */
export function valuesAfterApply<V>(baseAtSubmit: V | undefined, latestBase: V | undefined, applied: V): V {
  return latestBase !== undefined && latestBase !== baseAtSubmit ? latestBase : applied;
}
