import { describe, expect, it } from 'vitest';
import { BreakerSettingsSchema, type BreakerSettings } from '@shared/domain/breaker.js';
import { issuesFromZod } from '@shared/domain/result.js';
import {
  breakerFieldErrors,
  breakerFieldKey,
  breakerFormSpec,
  breakerFormValues as draftFromSettings,
  breakerInput as draftToInput,
  defaultBreakerValues,
  FORM_KEY,
  keysClearedBy,
  NUMBER_FIELDS,
  NUMBER_GROUPS,
  numberHint,
  tripHint,
  type BreakerFormValues,
  type NumberField,
  type TripField,
  type TripKind,
} from '../../../src-renderer/features/breaker/breakerForm';
import { checkValues } from '../../../src-renderer/ui/forms/settingsForm';

const defaults = (): BreakerSettings => BreakerSettingsSchema.parse({});
const validateBreakerDraft = (values: BreakerFormValues) => checkValues(breakerFormSpec, values);
// What the form's fields do to the values (react-hook-form setValue at `tripKind`, `trips.<kind>.<field>`, `values.<field>`).
const withTripKind = (d: BreakerFormValues, tripKind: TripKind): BreakerFormValues => ({ ...d, tripKind });
const withTripField = (d: BreakerFormValues, field: TripField, value: string): BreakerFormValues => ({
  ...d,
  trips: { ...d.trips, [d.tripKind]: { ...d.trips[d.tripKind], [field]: value } },
});
const withNumber = (d: BreakerFormValues, field: NumberField, value: string): BreakerFormValues => ({ ...d, values: { ...d.values, [field]: value } });

describe('breaker settings form', () => {
  it('round-trips the settings through the form', async () => {
    const settings: BreakerSettings = {
      ...defaults(),
      enabled: false,
      trip: { kind: 'sampling', threshold: 0.25, durationMs: 5000, minimumRps: 2 },
      watchdogMs: 750,
      halfOpenInitialMs: 200,
      halfOpenMaxMs: 4000,
    };
    const draft = draftFromSettings(settings);
    expect(draft.tripKind).toBe('sampling');
    expect(draft.values.watchdogMs).toBe('750');
    expect(draft.trips.sampling).toEqual({ threshold: '0.25', durationMs: '5000', minimumRps: '2' });
    // The kinds not in use start from their defaults.
    expect(draft.trips.consecutive).toEqual({ failures: '3' });
    expect(draftToInput(draft)).toEqual(settings);
    const checked = await validateBreakerDraft(draft);
    expect(checked.ok && BreakerSettingsSchema.parse(checked.input)).toEqual(settings);
  });

  it('keeps what was typed for each trip kind when switching kinds', () => {
    let d = draftFromSettings(defaults());
    d = withTripField(d, 'failures', '7');
    d = withTripKind(d, 'count');
    d = withTripField(d, 'size', '40');
    expect(draftToInput(d).trip).toEqual({ kind: 'count', threshold: 0.5, size: 40 });
    d = withTripKind(d, 'consecutive');
    expect(draftToInput(d).trip).toEqual({ kind: 'consecutive', failures: 7 });
    expect(d.trips.count.size).toBe('40');
  });

  it('refuses bad values at their fields, before anything is sent', async () => {
    let d = draftFromSettings(defaults());
    d = withNumber(d, 'watchdogMs', '5');
    d = withNumber(d, 'probeFrames', 'lots');
    d = withNumber(d, 'windowMs', '');
    d = withNumber(d, 'commandTimeoutMs', '12.5');
    d = withTripField(d, 'failures', '0');
    const checked = await validateBreakerDraft(d);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      watchdogMs: 'Must be ≥ 100',
      probeFrames: 'Enter a number',
      windowMs: 'Enter a number',
      commandTimeoutMs: 'Must be a whole number',
      'trip-failures': 'Must be ≥ 1',
    });
  });

  it('puts the cross-field rule under the half-open maximum, in words', async () => {
    let d = draftFromSettings(defaults());
    d = withNumber(d, 'halfOpenInitialMs', '5000');
    d = withNumber(d, 'halfOpenMaxMs', '1000');
    const checked = await validateBreakerDraft(d);
    expect(checked).toEqual({ ok: false, errors: { halfOpenMaxMs: 'Must be ≥ the first half-open delay (5000 ms)' } });
  });

  it('validates the trip fields of the kind in use only', async () => {
    let d = draftFromSettings(defaults());
    d = withTripKind(d, 'count');
    d = withTripField(d, 'threshold', '1.5');
    d = withTripKind(d, 'sampling');
    expect((await validateBreakerDraft(d)).ok).toBe(true);
    d = withTripField(d, 'threshold', '1');
    d = withTripField(d, 'durationMs', '10');
    expect((await validateBreakerDraft(d))).toEqual({ ok: false, errors: { 'trip-threshold': 'Must be < 1', 'trip-durationMs': 'Must be ≥ 1000' } });
  });

  it('Defaults fills in the schema defaults', () => {
    expect(draftToInput(defaultBreakerValues())).toEqual(defaults());
  });
});

describe('breaker field errors', () => {
  it.each([
    ['resilience.breaker.watchdogMs', 'watchdogMs'],
    ['watchdogMs', 'watchdogMs'],
    ['breaker.halfOpenMaxMs', 'halfOpenMaxMs'],
    ['resilience.breaker.trip.failures', 'trip-failures'],
    ['trip.durationMs', 'trip-durationMs'],
    ['resilience.breaker.trip.kind', 'trip-kind'],
    ['resilience.breaker.trip', 'trip-kind'],
    ['resilience.breaker.enabled', 'enabled'],
    ['resilience.breaker', FORM_KEY],
    ['resilience.breaker.bogus', FORM_KEY],
    ['', FORM_KEY],
  ])('%s → %s', (path, key) => {
    expect(breakerFieldKey(path)).toBe(key);
  });

  it('maps the engine’s issues (config paths, prefixed messages) onto the fields', () => {
    const parsed = BreakerSettingsSchema.safeParse({ watchdogMs: 5, trip: { kind: 'consecutive', failures: 0 } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const issues = issuesFromZod(parsed.error, 'resilience.breaker');
    expect(issues[0]?.message).toMatch(/^resilience\.breaker\./);
    expect(breakerFieldErrors(issues)).toEqual({ 'trip-failures': 'Must be ≥ 1', watchdogMs: 'Must be ≥ 100' });
    expect(breakerFieldErrors([{ path: 'resilience', message: 'Something else' }])).toEqual({ [FORM_KEY]: 'Something else' });
  });

  it('clears the messages an edit makes obsolete', () => {
    expect(keysClearedBy('watchdogMs')).toEqual(['watchdogMs', FORM_KEY]);
    expect(keysClearedBy('halfOpenInitialMs')).toEqual(expect.arrayContaining(['halfOpenInitialMs', 'halfOpenMaxMs']));
    expect(keysClearedBy('trip-kind')).toEqual(expect.arrayContaining(['trip-kind', 'trip-failures', 'trip-threshold', 'trip-size', 'trip-durationMs', 'trip-minimumRps']));
  });
});

describe('breaker form layout', () => {
  it('groups every numeric setting exactly once', () => {
    const grouped = NUMBER_GROUPS.flatMap((g) => g.fields);
    expect([...grouped].sort()).toEqual([...NUMBER_FIELDS].sort());
  });

  it('reads the ranges for the hints from the shared schema', () => {
    expect(numberHint('watchdogMs')).toBe('100 – 600,000 ms');
    expect(numberHint('probeFrames')).toBe('1 – 1,000,000');
    expect(tripHint('consecutive', 'failures')).toBe('1 – 1,000');
    expect(tripHint('sampling', 'durationMs')).toBe('1,000 – 600,000 ms');
    expect(tripHint('count', 'threshold')).toMatch(/between 0 and 1/);
  });
});
