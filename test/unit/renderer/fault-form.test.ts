import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, FaultRequestSchema } from '@shared/domain/faults.js';
import {
  draftForKind,
  draftToRequest,
  faultFieldErrors,
  faultFormSpec,
  faultFieldForPath,
  formLevelError,
  KIND_SPECS,
  PARAM_LABELS,
  shownFields,
} from '../../../src-renderer/features/faults/faultForm';
import { FORM_KEY } from '../../../src-renderer/ui/forms/fieldErrors';
import { checkValues } from '../../../src-renderer/ui/forms/settingsForm';

const paramNames = (kind: keyof typeof KIND_SPECS) => KIND_SPECS[kind].params.map((p) => p.name);

describe('fault kinds from the schema', () => {
  it('has a spec for all 14 kinds with the schema parameters', () => {
    expect(Object.keys(KIND_SPECS).sort()).toEqual([...FAULT_KINDS].sort());
    expect(FAULT_KINDS).toHaveLength(14);
    expect(paramNames('drop')).toEqual(['percent', 'unit']);
    expect(paramNames('corrupt')).toEqual(['percent']);
    expect(paramNames('latency')).toEqual(['latencyMs', 'jitterMs']);
    expect(paramNames('stall')).toEqual([]);
    expect(paramNames('disconnect')).toEqual([]);
    expect(paramNames('flood')).toEqual(['factor']);
    expect(paramNames('spike')).toEqual(['channel', 'magnitude', 'intervalMs']);
    expect(paramNames('drift')).toEqual(['channel', 'perSec']);
    expect(paramNames('noise')).toEqual(['channel', 'amplitude']);
    expect(paramNames('out-of-range')).toEqual(['channel', 'value']);
    expect(paramNames('error-replies')).toEqual(['percent']);
    expect(paramNames('reboot')).toEqual(['silentMs']);
  });

  it('every parameter has a label', () => {
    for (const k of FAULT_KINDS) for (const p of KIND_SPECS[k].params) expect(PARAM_LABELS[p.name], `${k}.${p.name}`).toBeTruthy();
  });

  it('reads enum options and defaults, with start values for required parameters', () => {
    const unit = KIND_SPECS.drop.params.find((p) => p.name === 'unit');
    expect(unit?.options).toEqual(['frames', 'bytes']);
    expect(unit?.initial).toBe('frames');
    expect(KIND_SPECS.drop.params[0]).toMatchObject({ name: 'percent', initial: '10', options: undefined });
    expect(KIND_SPECS.latency.params.map((p) => p.initial)).toEqual(['100', '0']);
    expect(KIND_SPECS.spike.params.map((p) => p.initial)).toEqual(['0', '100', '1000']);
  });

  it('knows which kinds have a duration and their default', () => {
    expect(KIND_SPECS.drop).toMatchObject({ hasDuration: true, defaultDurationMs: 10_000, defaultDelayMs: 0 });
    expect(KIND_SPECS.disconnect).toMatchObject({ hasDuration: true, defaultDurationMs: 2000 });
    expect(KIND_SPECS.reboot).toMatchObject({ hasDuration: false, defaultDurationMs: null });
    expect(shownFields('reboot')).toEqual(['kind', 'silentMs', 'delayMs']);
    expect(shownFields('drop')).toEqual(['kind', 'percent', 'unit', 'delayMs', 'durationMs']);
  });
});

describe('draft → request', () => {
  it('turns the default draft of every kind into a request the schema accepts', async () => {
    for (const kind of FAULT_KINDS) {
      const r = await checkValues(faultFormSpec, draftForKind(kind));
      expect(r.ok, kind).toBe(true);
      expect(FaultRequestSchema.safeParse(draftToRequest(draftForKind(kind))).success, kind).toBe(true);
    }
  });

  it('sends numbers, the unit, the delay and the duration in ms', () => {
    const d = draftForKind('drop');
    const r = draftToRequest({ ...d, params: { percent: ' 25.5 ', unit: 'bytes' }, delayMs: '1500', durationSec: '2.5' });
    expect(r).toEqual({ kind: 'drop', percent: 25.5, unit: 'bytes', delayMs: 1500, durationMs: 2500 });
  });

  it('until stopped sends durationMs null', () => {
    const r = draftToRequest({ ...draftForKind('stall'), untilStopped: true, durationSec: 'ignored' });
    expect(r).toEqual({ kind: 'stall', delayMs: 0, durationMs: null });
  });

  it('a kind without a duration sends none (reboot is one-shot)', () => {
    const r = draftToRequest({ ...draftForKind('reboot'), untilStopped: true });
    expect(r).toEqual({ kind: 'reboot', silentMs: 2000, delayMs: 0 });
  });

  it('refuses text that is not a number per field, and ranges with the shared schema', async () => {
    const out = await checkValues(faultFormSpec, { ...draftForKind('latency'), params: { latencyMs: '100', jitterMs: 'abc' }, delayMs: '', durationSec: '1e' });
    expect(out).toEqual({ ok: false, errors: { jitterMs: 'Enter a number', delayMs: 'Enter a number', durationMs: 'Enter a number of seconds' } });
    // The request carries what was typed; the schema names the range.
    expect(draftToRequest({ ...draftForKind('latency'), params: { latencyMs: '99999', jitterMs: '0' } })).toMatchObject({ latencyMs: 99999 });
    const far = await checkValues(faultFormSpec, { ...draftForKind('latency'), params: { latencyMs: '99999', jitterMs: '0' } });
    expect(far).toEqual({ ok: false, errors: { latencyMs: 'Must be ≤ 10000' } });
  });

  it('switching kind resets the parameters and duration but keeps the start delay', () => {
    const before = { ...draftForKind('drop'), delayMs: '750', durationSec: '30', untilStopped: true };
    const after = draftForKind('disconnect', before);
    expect(after).toEqual({ kind: 'disconnect', params: {}, delayMs: '750', durationSec: '2', untilStopped: false });
  });
});

describe('engine issues → fields', () => {
  it('maps issue paths onto form fields', () => {
    expect(faultFieldForPath('percent')).toBe('percent');
    expect(faultFieldForPath('request.latencyMs')).toBe('latencyMs');
    expect(faultFieldForPath('durationMs')).toBe('durationMs');
    expect(faultFieldForPath('delayMs')).toBe('delayMs');
    expect(faultFieldForPath('kind')).toBe('kind');
    expect(faultFieldForPath('')).toBe(FORM_KEY);
    expect(faultFieldForPath('bogus')).toBe(FORM_KEY);
  });

  it('keeps the first message per field, without the path prefix, durations in seconds', () => {
    const errors = faultFieldErrors([
      { path: 'percent', message: 'percent: must be ≤ 100 %' },
      { path: 'percent', message: 'percent: second message' },
      { path: 'durationMs', message: 'durationMs: Too big: expected number to be <=86400000' },
      { path: 'channel', message: 'channel: Invalid input: expected int, received number' },
      { path: '', message: 'Unrecognized key: "extra"' },
    ]);
    expect(errors).toEqual({
      percent: 'must be ≤ 100 %',
      durationMs: 'Must be ≤ 86400 s',
      channel: 'Must be a whole number',
      [FORM_KEY]: 'Unrecognized key: "extra"',
    });
  });

  it('shows messages of fields the current kind lacks on the form line', () => {
    expect(formLevelError({ percent: 'x' }, 'drop')).toBeUndefined();
    expect(formLevelError({ percent: 'bad', [FORM_KEY]: 'refused' }, 'stall')).toBe('percent: bad; refused');
    expect(formLevelError({ durationMs: 'no duration' }, 'reboot')).toBe('durationMs: no duration');
  });
});
