import { describe, expect, it } from 'vitest';
import { FORM_KEY, engineErrors, mapIssuesToFields } from '../../../src-renderer/ui/forms/fieldErrors';
import { checkValues, nestErrors, valuesAfterApply } from '../../../src-renderer/ui/forms/settingsForm';
import { parseNumber } from '../../../src-renderer/ui/forms/parseNumber';
import { deviceFieldKey, deviceFormSpec, deviceFormValues, deviceInput, withSignalRows } from '../../../src-renderer/features/device/deviceForm';
import { DeviceSettingsSchema } from '@shared/domain/device.js';

describe('deviceFieldKey', () => {
  it.each([
    ['rateHz', 'rateHz'],
    ['channels', 'channels'],
    ['device.rateHz', 'rateHz'],
    ['signals.2.periodSec', 'signals.2.periodSec'],
    ['device.signals.0.shape', 'signals.0.shape'],
    ['signals.3', 'signals.3'],
    ['signals', 'signals'],
    ['', FORM_KEY],
    ['pipeline.queueCapacity', FORM_KEY],
  ])('%s → %s', (path, key) => {
    expect(deviceFieldKey(path)).toBe(key);
  });
});

describe('mapIssuesToFields', () => {
  it('keeps the first message per field and strips the "path: " prefix', () => {
    const fields = mapIssuesToFields([
      { path: 'rateHz', message: 'rateHz: Too big' },
      { path: 'rateHz', message: 'second' },
      { path: 'signals.1.amplitude', message: 'Too small' },
    ]);
    expect(fields).toEqual({ rateHz: 'Too big', 'signals.1.amplitude': 'Too small' });
  });

  it('words schema messages for a field', () => {
    const fields = mapIssuesToFields([
      { path: 'rateHz', message: 'rateHz: Too big: expected number to be <=100000' },
      { path: 'channels', message: 'Invalid input: expected int, received number' },
      { path: 'signals.0.periodSec', message: 'Too small: expected number to be >=0.001' },
      { path: 'signals.0.amplitude', message: 'Invalid input: expected number, received NaN' },
    ]);
    expect(fields).toEqual({
      rateHz: 'Must be ≤ 100000',
      channels: 'Must be a whole number',
      'signals.0.periodSec': 'Must be ≥ 0.001',
      'signals.0.amplitude': 'Enter a number',
    });
  });
});

describe('the forms kit', () => {
  it('one number parser: blank and junk are NaN (the schema names the field), numbers parse', () => {
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('  ')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber(' 12.5 ')).toBe(12.5);
    expect(parseNumber('-3e2')).toBe(-300);
  });

  it('an engine refusal lands at its field through the form’s mapping; one without issues is the form message', () => {
    const refusal = {
      code: 'validation' as const,
      message: 'device.link.path: no such port; device.bogus: x',
      issues: [
        { path: 'device.link.path', message: 'device.link.path: no such port /dev/ttyNOPE' },
        { path: 'device.bogus', message: 'device.bogus: x' },
      ],
    };
    expect(engineErrors(refusal, deviceFieldKey)).toEqual({ 'link.path': 'no such port /dev/ttyNOPE', [FORM_KEY]: 'device.bogus: x' });
    expect(engineErrors({ code: 'io', message: 'Cannot open /dev/ttyNOPE: ENOENT' }, deviceFieldKey)).toEqual({ [FORM_KEY]: 'Cannot open /dev/ttyNOPE: ENOENT' });
  });

  it('nests field keys as react-hook-form errors, a row’s own error keeping its cells’', () => {
    expect(nestErrors({ 'signals.2.periodSec': 'Must be > 0', 'signals.2': 'bad row', rateHz: 'Enter a number' })).toEqual({
      rateHz: { type: 'validate', message: 'Enter a number' },
      signals: { 2: { type: 'validate', message: 'bad row', periodSec: { type: 'validate', message: 'Must be > 0' } } },
    });
  });

  it('after a successful apply the form follows: the newer running config wins over the applied values', () => {
    const before = { v: '1' };
    const applied = { v: '2' };
    const newer = { v: '2.0' };
    expect(valuesAfterApply(before, before, applied)).toBe(applied);
    expect(valuesAfterApply(before, newer, applied)).toBe(newer);
    expect(valuesAfterApply(undefined, undefined, applied)).toBe(applied);
  });
});

describe('device form values', () => {
  const settings = DeviceSettingsSchema.parse({ channels: 3, rateHz: 500 });

  it('round-trips settings through the form values', () => {
    const input = deviceInput(deviceFormValues(settings));
    expect(DeviceSettingsSchema.parse(input)).toEqual(DeviceSettingsSchema.parse({ ...settings, signals: input.signals }));
    expect(input.signals).toHaveLength(3);
  });

  it('maps schema failures to the offending fields', async () => {
    const values = deviceFormValues(settings);
    values.rateHz = '500000';
    values.channels = '';
    const signals = values.signals.map((s) => ({ ...s }));
    signals[2] = { ...signals[2]!, periodSec: '0' };
    const result = await checkValues(deviceFormSpec, { ...values, channels: '3', signals });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['rateHz', 'signals.2.periodSec']);
    expect(result.errors.rateHz).toBe('Must be ≤ 100000');

    const blank = await checkValues(deviceFormSpec, { ...deviceFormValues(settings), channels: '' });
    expect(blank.ok || Object.keys(blank.errors)).toEqual(['channels']);
  });

  it('grows signal rows with the channel count and sends one per channel', () => {
    const grown = withSignalRows({ ...deviceFormValues(settings), channels: '5' });
    expect(grown.signals).toHaveLength(5);
    const shrunk = { ...grown, channels: '2' };
    expect(deviceInput(shrunk).signals).toHaveLength(2);
    // Out-of-range counts still show a bounded number of rows.
    expect(withSignalRows({ ...grown, channels: '999' }).signals).toHaveLength(32);
  });
});
