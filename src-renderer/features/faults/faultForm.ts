// The fault form model: which fields each kind has (read from the shared request
// schema, so a new parameter shows up without UI changes), the operator's draft as
// text, and draft → FaultRequestInput. Range checks stay with the engine: it answers
// with issues naming the field, which land next to it.
import { z } from 'zod';
import { FAULT_KINDS, FaultRequestSchema, type FaultKind, type FaultRequestInput } from '@shared/domain/faults.js';
import type { FieldIssue } from '@shared/domain/result.js';
import { parseNumber } from '../../ui/forms/parseNumber';
import { fieldMessage, mapIssuesToFields } from '../../ui/forms/fieldErrors';

/** Key for errors that name no field of the form. */
export const FAULT_FORM_KEY = 'form';

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

export type DraftResult = { ok: true; request: FaultRequestInput } | { ok: false; errors: Record<string, string> };

/** The request for a draft; only text that is not a number is refused here (ranges are the engine's call). */
export function draftToRequest(draft: FaultDraft): DraftResult {
  const spec = KIND_SPECS[draft.kind];
  const errors: Record<string, string> = {};
  const out: Record<string, unknown> = { kind: draft.kind };
  for (const p of spec.params) {
    const text = draft.params[p.name] ?? p.initial;
    if (p.options) {
      out[p.name] = text;
      continue;
    }
    const n = parseNumber(text);
    if (!Number.isFinite(n)) errors[p.name] = 'Enter a number';
    else out[p.name] = n;
  }
  const delay = parseNumber(draft.delayMs);
  if (!Number.isFinite(delay)) errors.delayMs = 'Enter a number';
  else out.delayMs = delay;
  if (spec.hasDuration) {
    if (draft.untilStopped) out.durationMs = null;
    else {
      const sec = parseNumber(draft.durationSec);
      if (!Number.isFinite(sec)) errors.durationMs = 'Enter a number of seconds';
      else out.durationMs = Math.round(sec * 1000);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: out as FaultRequestInput };
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

/** First message per form field. */
export function faultFieldErrors(issues: readonly FieldIssue[]): Record<string, string> {
  return mapIssuesToFields(issues, faultFieldForPath, (issue, key) => (key === 'durationMs' ? inSeconds(fieldMessage(issue)) : fieldMessage(issue)));
}

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
