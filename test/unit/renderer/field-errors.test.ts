import { describe, expect, it } from 'vitest';
import { fieldKeyForPath, FORM_KEY, mapIssuesToFields } from '../../../src-renderer/ui/forms/fieldErrors';
import { draftFromSettings, draftToInput, validateDraft, withSignalRows } from '../../../src-renderer/features/device/deviceDraft';
import { DeviceSettingsSchema } from '@shared/domain/device.js';

describe('fieldKeyForPath', () => {
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
    expect(fieldKeyForPath(path)).toBe(key);
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

describe('device draft', () => {
  const settings = DeviceSettingsSchema.parse({ channels: 3, rateHz: 500 });

  it('round-trips settings through the draft', () => {
    const input = draftToInput(draftFromSettings(settings));
    expect(DeviceSettingsSchema.parse(input)).toEqual(DeviceSettingsSchema.parse({ ...settings, signals: input.signals }));
    expect(input.signals).toHaveLength(3);
  });

  it('maps schema failures to the offending fields', () => {
    const draft = draftFromSettings(settings);
    draft.rateHz = '500000';
    draft.channels = '';
    const signals = draft.signals.map((s) => ({ ...s }));
    signals[2] = { ...signals[2]!, periodSec: '0' };
    const result = validateDraft({ ...draft, channels: '3', signals });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = mapIssuesToFields(result.issues);
    expect(Object.keys(fields).sort()).toEqual(['rateHz', 'signals.2.periodSec']);

    const blank = validateDraft({ ...draftFromSettings(settings), channels: '' });
    expect(blank.ok || Object.keys(mapIssuesToFields(blank.issues))).toEqual(['channels']);
  });

  it('grows signal rows with the channel count and sends one per channel', () => {
    const grown = withSignalRows({ ...draftFromSettings(settings), channels: '5' });
    expect(grown.signals).toHaveLength(5);
    const shrunk = { ...grown, channels: '2' };
    expect(draftToInput(shrunk).signals).toHaveLength(2);
    // Out-of-range counts still show a bounded number of rows.
    expect(withSignalRows({ ...grown, channels: '999' }).signals).toHaveLength(32);
  });
});
