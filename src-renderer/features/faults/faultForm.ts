// The fault form model: which fields each kind has (read from the shared request
// schema, so a new parameter shows up without UI changes), the form values as text,
// values → FaultRequestInput, and where each issue of the schema or the engine lands.
import { z } from 'zod';
import { FAULT_KINDS, FaultRequestSchema, type FaultKind, type FaultRequestInput } from '@shared/domain/faults.js';
import type { FieldIssue } from '@shared/domain/result.js';
import { parseNumber } from '../../ui/forms/parseNumber';
import { FORM_KEY, fieldMessage, issueMessage, mapIssuesToFields } from '../../ui/forms/fieldErrors';
import type { SettingsFormSpec } from '../../ui/forms/settingsForm';

/** Key for errors that name no field of the form. */
export const FAULT_FORM_KEY = FORM_KEY;

export interface ParamSpec {
  name: string;
  /** Select options for enum parameters (`unit`); undefined: a number field. */
  options?: readonly string[];
  /** Schema default, or a sensible start value for required parameters. */
  initial: string;
}

export interface KindSpec {
  kind: FaultKind;
  params: ParamSpec[];
  /** False for kinds without a duration (reboot is a one-shot). */
  hasDuration: boolean;
  defaultDelayMs: number;
  /** Schema default duration; null means "until stopped". */
  defaultDurationMs: number | null;
}

/** Start values for parameters the schema requires without a default. */
const REQUIRED_START: Record<string, string> = { percent: '10', channel: '0' };
const TIMING = new Set(['kind', 'delayMs', 'durationMs']);

export const PARAM_LABELS: Record<string, string> = {
  percent: 'Percent (%)',
  unit: 'Unit',
  latencyMs: 'Latency (ms)',
  jitterMs: 'Jitter (ms)',
  factor: 'Factor (×)',
  channel: 'Channel index',
  magnitude: 'Magnitude',
  intervalMs: 'Interval (ms)',
  perSec: 'Drift per s',
  amplitude: 'Amplitude (±)',
  value: 'Value',
  silentMs: 'Silent for (ms)',
};

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}

function defaultOf(schema: z.ZodType): unknown {
  const r = schema.safeParse(undefined);
  return r.success ? r.data : undefined;
}

function specFor(option: (typeof FaultRequestSchema.options)[number]): KindSpec {
  const shape = option.shape as Record<string, z.ZodType>;
  const kind = (shape.kind as z.ZodLiteral<FaultKind>).value;
  const params: ParamSpec[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    if (TIMING.has(name)) continue;
    const inner = unwrap(schema);
    const d = defaultOf(schema);
    const options = inner instanceof z.ZodEnum ? (inner.options as string[]) : undefined;
    params.push({ name, options, initial: d === undefined ? (REQUIRED_START[name] ?? (options?.[0] ?? '0')) : String(d) });
  }
  const duration = shape.durationMs as z.ZodType;
  const delay = defaultOf(shape.delayMs as z.ZodType);
  const dur = defaultOf(duration);
  return {
    kind,
    params,
    hasDuration: duration.safeParse(1000).success,
    defaultDelayMs: typeof delay === 'number' ? delay : 0,
    defaultDurationMs: typeof dur === 'number' ? dur : null,
  };
}

export const KIND_SPECS: Record<FaultKind, KindSpec> = Object.fromEntries(
  FaultRequestSchema.options.map((o) => {
    const spec = specFor(o);
    return [spec.kind, spec];
  }),
) as Record<FaultKind, KindSpec>;

/** Every parameter name any kind has (fields whose issues belong to the form). */
const ALL_PARAM_NAMES: ReadonlySet<string> = new Set(FAULT_KINDS.flatMap((k) => KIND_SPECS[k].params.map((p) => p.name)));

/** What the operator typed, as text so a half-typed number survives re-renders. */
export interface FaultDraft {
  kind: FaultKind;
  params: Record<string, string>;
  delayMs: string;
  /** Seconds (the field is in seconds; the request in ms). */
  durationSec: string;
  untilStopped: boolean;
}

export function draftForKind(kind: FaultKind, previous?: FaultDraft): FaultDraft {
  const spec = KIND_SPECS[kind];
  return {
    kind,
    params: Object.fromEntries(spec.params.map((p) => [p.name, p.initial])),
    // The start delay is about timing, not the kind: keep what the operator set.
    delayMs: previous?.delayMs ?? String(spec.defaultDelayMs),
    durationSec: spec.defaultDurationMs === null ? '10' : String(spec.defaultDurationMs / 1000),
    untilStopped: spec.hasDuration && spec.defaultDurationMs === null,
  };
}

/** The request of the form values: numbers via parseNumber (text that is not one is named by the schema), the duration in ms. */
export function draftToRequest(draft: FaultDraft): FaultRequestInput {
  const spec = KIND_SPECS[draft.kind];
  const out: Record<string, unknown> = { kind: draft.kind };
  for (const p of spec.params) {
    const text = draft.params[p.name] ?? p.initial;
    out[p.name] = p.options ? text : parseNumber(text);
  }
  out.delayMs = parseNumber(draft.delayMs);
  if (spec.hasDuration) out.durationMs = draft.untilStopped ? null : Math.round(parseNumber(draft.durationSec) * 1000);
  return out as FaultRequestInput;
}

/** The form field an issue path names: `percent`, `durationMs`…; a leading `request.`/`fault.` is ignored. */
export function faultFieldForPath(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'request' || parts[0] === 'fault') parts.shift();
  const head = parts[0];
  if (head === 'kind') return 'kind';
  if (head === 'delayMs' || head === 'durationMs') return head;
  return head !== undefined && ALL_PARAM_NAMES.has(head) ? head : FAULT_FORM_KEY;
}

/** The duration field is in seconds while the engine speaks ms: rewrite the bounds. */
function inSeconds(message: string): string {
  return message.replace(/([≥≤<>]=?\s*)(-?\d+(?:\.\d+)?)(?![\d.])/g, (_m, op: string, n: string) => `${op}${Number(n) / 1000} s`);
}

/** A message worded for its field: the duration field is in seconds. */
export function faultMessage(issue: FieldIssue, key: string): string {
  if (key !== 'durationMs') return issueMessage(issue, key);
  const text = fieldMessage(issue);
  return text === 'Enter a number' ? 'Enter a number of seconds' : inSeconds(text);
}

/** First message per form field. */
export function faultFieldErrors(issues: readonly FieldIssue[]): Record<string, string> {
  return mapIssuesToFields(issues, faultFieldForPath, faultMessage);
}

/** The fault form: starts from a kind's defaults (there is no running config to follow). */
export const faultFormSpec: SettingsFormSpec<FaultKind, FaultDraft, FaultRequestInput> = {
  schema: FaultRequestSchema,
  toValues: (kind) => draftForKind(kind),
  toInput: draftToRequest,
  keyFor: faultFieldForPath,
  message: faultMessage,
};

/** The fields the form shows for a kind (errors keyed otherwise go to the form line). */
export function shownFields(kind: FaultKind): string[] {
  const spec = KIND_SPECS[kind];
  return ['kind', ...spec.params.map((p) => p.name), 'delayMs', ...(spec.hasDuration ? ['durationMs'] : [])];
}

/** Messages of fields the form does not show, with the form-level one: nothing is lost. */
export function formLevelError(errors: Readonly<Record<string, string>>, kind: FaultKind): string | undefined {
  const shown = new Set(shownFields(kind));
  const rest = Object.entries(errors)
    .filter(([k]) => !shown.has(k))
    .map(([k, m]) => (k === FAULT_FORM_KEY ? m : `${k}: ${m}`));
  return rest.length > 0 ? rest.join('; ') : undefined;
}
