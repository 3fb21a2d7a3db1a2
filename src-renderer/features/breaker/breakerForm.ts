// The breaker settings form (config.resilience.breaker): values keep numbers as typed text;
// each trip kind keeps its own fields, so switching Consecutive → Count → Consecutive does
// not lose what was typed. Issues from the shared schema or from the engine
// (`resilience.breaker.watchdogMs`…) land on the same fields (breakerFieldKey).
import type { z } from 'zod';
import {
  BreakerSettingsSchema,
  BreakerTripSchema,
  type BreakerSettings,
  type BreakerSettingsInput,
  type BreakerTrip,
} from '@shared/domain/breaker.js';
import type { FieldIssue } from '@shared/domain/result.js';
import { parseNumber } from '../../ui/forms/parseNumber';
import { FORM_KEY, fieldMessage, issueMessage, mapIssuesToFields } from '../../ui/forms/fieldErrors';
import type { SettingsFormSpec } from '../../ui/forms/settingsForm';

export { FORM_KEY };

export type TripKind = BreakerTrip['kind'];
export const TRIP_KINDS = ['consecutive', 'count', 'sampling'] as const satisfies readonly TripKind[];

/** The numeric settings outside the trip rule, in form order. */
export const NUMBER_FIELDS = ['watchdogMs', 'windowMs', 'badFrameBurst', 'commandTimeoutMs', 'halfOpenInitialMs', 'halfOpenMaxMs', 'probeTimeoutMs', 'probeFrames'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** How the form groups the numeric settings: what counts as a failure, then how the link recovers. */
export const NUMBER_GROUPS: readonly { legend: string; fields: readonly NumberField[] }[] = [
  { legend: 'Failure signals', fields: ['watchdogMs', 'windowMs', 'badFrameBurst', 'commandTimeoutMs'] },
  { legend: 'Recovery', fields: ['halfOpenInitialMs', 'halfOpenMaxMs', 'probeTimeoutMs', 'probeFrames'] },
];

/** Each trip kind's own fields, as typed. */
export interface TripValues {
  consecutive: { failures: string };
  count: { threshold: string; size: string };
  sampling: { threshold: string; durationMs: string; minimumRps: string };
}
export type TripField = { [K in TripKind]: keyof TripValues[K] }[TripKind];

/** The fields each trip kind shows, in form order. */
export const TRIP_FIELDS: { readonly [K in TripKind]: readonly (keyof TripValues[K] & string)[] } = {
  consecutive: ['failures'],
  count: ['threshold', 'size'],
  sampling: ['threshold', 'durationMs', 'minimumRps'],
};

export interface BreakerFormValues {
  enabled: boolean;
  tripKind: TripKind;
  trips: TripValues;
  values: Record<NumberField, string>;
}

const ALL_TRIP_FIELDS: readonly string[] = [...new Set(Object.values(TRIP_FIELDS).flat())];

/** Form field keys (also the suffix of the fields' test ids): `watchdogMs`, `trip-kind`, `trip-failures`… */
export const TRIP_KIND_KEY = 'trip-kind';
export const tripFieldKey = (field: TripField): string => `trip-${field}`;

const str = (n: number): string => String(n);

function tripValues(trip?: BreakerTrip): TripValues {
  const consecutive = BreakerTripSchema.parse({ kind: 'consecutive' }) as Extract<BreakerTrip, { kind: 'consecutive' }>;
  const count = BreakerTripSchema.parse({ kind: 'count' }) as Extract<BreakerTrip, { kind: 'count' }>;
  const sampling = BreakerTripSchema.parse({ kind: 'sampling' }) as Extract<BreakerTrip, { kind: 'sampling' }>;
  const d: TripValues = {
    consecutive: { failures: str(consecutive.failures) },
    count: { threshold: str(count.threshold), size: str(count.size) },
    sampling: { threshold: str(sampling.threshold), durationMs: str(sampling.durationMs), minimumRps: str(sampling.minimumRps) },
  };
  switch (trip?.kind) {
    case 'consecutive':
      d.consecutive = { failures: str(trip.failures) };
      break;
    case 'count':
      d.count = { threshold: str(trip.threshold), size: str(trip.size) };
      break;
    case 'sampling':
      d.sampling = { threshold: str(trip.threshold), durationMs: str(trip.durationMs), minimumRps: str(trip.minimumRps) };
      break;
    case undefined:
      break;
  }
  return d;
}

export function breakerFormValues(settings: BreakerSettings): BreakerFormValues {
  const values = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, str(settings[f])])) as Record<NumberField, string>;
  return { enabled: settings.enabled, tripKind: settings.trip.kind, trips: tripValues(settings.trip), values };
}

/** The schema's defaults as form values (the Defaults button: applied only with Apply). */
export function defaultBreakerValues(): BreakerFormValues {
  return breakerFormValues(BreakerSettingsSchema.parse({}));
}

function tripInput(form: BreakerFormValues): BreakerTrip {
  const t = form.trips;
  switch (form.tripKind) {
    case 'consecutive':
      return { kind: 'consecutive', failures: parseNumber(t.consecutive.failures) };
    case 'count':
      return { kind: 'count', threshold: parseNumber(t.count.threshold), size: parseNumber(t.count.size) };
    case 'sampling':
      return {
        kind: 'sampling',
        threshold: parseNumber(t.sampling.threshold),
        durationMs: parseNumber(t.sampling.durationMs),
        minimumRps: parseNumber(t.sampling.minimumRps),
      };
  }
}

/** The settings the form asks for: blank or non-numeric text becomes NaN, which the schema rejects at its field. */
export function breakerInput(form: BreakerFormValues): BreakerSettingsInput {
  const values = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, parseNumber(form.values[f])])) as Record<NumberField, number>;
  return { enabled: form.enabled, trip: tripInput(form), ...values };
}

/**
 * The form field an issue path points at. Config-level paths (`resilience.breaker.…`)
 * and plain schema paths (`watchdogMs`, `trip.failures`) both work; a bad or missing
 * trip rule belongs to the kind select; anything else is a form-level message.
 */
export function breakerFieldKey(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'resilience') parts.shift();
  if (parts[0] === 'breaker') parts.shift();
  const [head, field] = parts;
  if (head === undefined) return FORM_KEY;
  if (head === 'trip') {
    return field !== undefined && ALL_TRIP_FIELDS.includes(field) ? tripFieldKey(field as TripField) : TRIP_KIND_KEY;
  }
  if (head === 'enabled') return 'enabled';
  return (NUMBER_FIELDS as readonly string[]).includes(head) ? head : FORM_KEY;
}

/** The schema's cross-field message, worded for the field it sits under. */
function breakerMessage(issue: FieldIssue, key: string): string {
  if (key === FORM_KEY) return issueMessage(issue, key);
  const text = fieldMessage(issue);
  const m = /^must be ≥ halfOpenInitialMs \((.+)\)$/.exec(text);
  return m ? `Must be ≥ the first half-open delay (${m[1]} ms)` : text;
}

/** First message per form field. */
export function breakerFieldErrors(issues: readonly FieldIssue[]): Record<string, string> {
  return mapIssuesToFields(issues, breakerFieldKey, breakerMessage);
}

export const breakerFormSpec: SettingsFormSpec<BreakerSettings, BreakerFormValues, BreakerSettingsInput> = {
  schema: BreakerSettingsSchema,
  toValues: breakerFormValues,
  toInput: breakerInput,
  keyFor: breakerFieldKey,
  message: breakerMessage,
};

/** The error keys an edit of a field clears: its own, the form-level one, and the cross-field ones it takes part in. */
export function keysClearedBy(key: string): string[] {
  if (key === 'halfOpenInitialMs' || key === 'halfOpenMaxMs') return ['halfOpenInitialMs', 'halfOpenMaxMs', FORM_KEY];
  if (key === TRIP_KIND_KEY) return [TRIP_KIND_KEY, ...ALL_TRIP_FIELDS.map((f) => tripFieldKey(f as TripField)), FORM_KEY];
  return [key, FORM_KEY];
}

// ---- range hints from the schema ---------------------------------------------------

type NumberSchemaLike = { minValue: number | null; maxValue: number | null };

function numberRange(schema: z.ZodType): NumberSchemaLike | null {
  let s: unknown = schema;
  // Unwrap `.default()` / `.optional()` layers down to the number schema.
  for (let i = 0; i < 4 && s && typeof s === 'object' && 'unwrap' in s && typeof (s as { unwrap: unknown }).unwrap === 'function'; i++) {
    s = (s as { unwrap: () => unknown }).unwrap();
  }
  if (s && typeof s === 'object' && 'minValue' in s && 'maxValue' in s) return s as NumberSchemaLike;
  return null;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

function rangeText(schema: z.ZodType, unit: string): string {
  const r = numberRange(schema);
  if (!r || r.minValue === null || r.maxValue === null || !Number.isFinite(r.minValue) || !Number.isFinite(r.maxValue)) return '';
  return `${fmt(r.minValue)} – ${fmt(r.maxValue)}${unit ? ` ${unit}` : ''}`;
}

const shape = BreakerSettingsSchema.shape;
const [consecutiveSchema, countSchema, samplingSchema] = BreakerTripSchema.options;

/** "100 – 600,000 ms": the allowed range of a numeric field, read from the shared schema (for titles). */
export function numberHint(field: NumberField): string {
  return rangeText(shape[field], field.endsWith('Ms') ? 'ms' : '');
}

export function tripHint(kind: TripKind, field: TripField): string {
  if (field === 'threshold') return 'a share of the checks, between 0 and 1 (exclusive)';
  const s = kind === 'consecutive' ? consecutiveSchema.shape : kind === 'count' ? countSchema.shape : samplingSchema.shape;
  const schema = (s as Record<string, z.ZodType | undefined>)[field];
  return schema ? rangeText(schema, field.endsWith('Ms') ? 'ms' : '') : '';
}
