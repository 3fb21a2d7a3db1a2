import { describe, expect, it } from 'vitest';
import { DeviceSettingsSchema } from '@shared/domain/device.js';
import { FrameFormatSchema, type FrameFormatInput } from '@shared/domain/frame-format.js';
import { FRAME_TEMPLATES } from '@shared/domain/frame-templates.js';
import { deviceFieldKey, deviceFormSpec, deviceFormValues as draftFromSettings } from '../../../src-renderer/features/device/deviceForm';
import { checkValues } from '../../../src-renderer/ui/forms/settingsForm';
import { DEFAULT_FORMAT_VALUES as DEFAULT_FORMAT_DRAFT, formatValuesFromSettings as formatDraftFromSettings, formatInput as formatDraftToInput } from '../../../src-renderer/features/device/formatForm';

const validateDraft = (values: Parameters<typeof deviceFormSpec.toInput>[0]) => checkValues(deviceFormSpec, values);

const formats: FrameFormatInput[] = [
  { kind: 'csv' },
  { kind: 'csv', separator: 'tab', header: true, seqField: false, delimiter: '|', maxLineBytes: 200 },
  { kind: 'kv', seqName: 'n', delimiter: 'crlf', channels: [{ name: 'T', unit: '°C', scale: 0.1, offset: 0 }] },
  { kind: 'jsonl', seqPath: 'meta.seq' },
  {
    kind: 'binary',
    framing: 'slip',
    crc: 'crc32',
    layout: [
      { name: 'n', type: 'u16' },
      { name: 't', type: 'i16', endian: 'be', scale: 0.01, offset: -40, unit: '°C' },
    ],
    seqField: 'n',
    maxFrameBytes: 64,
  },
  {
    kind: 'binary',
    framing: 'sync-length',
    sync: 'AA55',
    length: { type: 'u16', endian: 'be', counts: 'frame' },
    crc: 'crc16-modbus',
    crcEndian: 'be',
    crcFrom: 'sync',
    layout: [
      { name: 'ms', type: 'u32' },
      { name: 'v', type: 'f32' },
    ],
    timeField: { name: 'ms', unit: 'ms' },
  },
  { kind: 'binary', framing: 'sync-fixed', sync: 'EB90', crc: 'xor8', layout: [{ name: 'v', type: 'u8' }] },
  ...FRAME_TEMPLATES.filter((t) => t.format.kind === 'sentence' || t.format.kind === 'script').map((t) => t.format),
];

describe('format form values', () => {
  it.each(formats)('round-trips %j through the form state', (input) => {
    const f = FrameFormatSchema.parse(input);
    expect(FrameFormatSchema.parse(formatDraftToInput(formatDraftFromSettings(f)))).toEqual(f);
  });

  it('channel overrides: blank name keeps the decoded one, trailing rows that change nothing are dropped', () => {
    const d = { ...DEFAULT_FORMAT_DRAFT, kind: 'kv' as const, channels: [{ name: '', unit: 'V', scale: '2', offset: '0' }, { name: ' ', unit: '', scale: '1', offset: '0' }] };
    expect(FrameFormatSchema.parse(formatDraftToInput(d)).channels).toEqual([{ unit: 'V', scale: 2, offset: 0 }]);
  });

  it('the default draft is the default CSV', () => {
    expect(FrameFormatSchema.parse(formatDraftToInput(DEFAULT_FORMAT_DRAFT))).toEqual(FrameFormatSchema.parse({ kind: 'csv' }));
  });

  it('applying the device form keeps the configured format', async () => {
    const settings = DeviceSettingsSchema.parse({ format: { kind: 'kv', seqName: 'n' } });
    const checked = await validateDraft(draftFromSettings(settings));
    expect(checked.ok && DeviceSettingsSchema.parse(checked.input).format).toEqual(settings.format);
  });

  it('a bad layout is reported at its field', async () => {
    const settings = DeviceSettingsSchema.parse({});
    const draft = draftFromSettings(settings);
    const format = { ...draft.format, kind: 'binary' as const, layout: [{ ...DEFAULT_FORMAT_DRAFT.layout[0]!, name: '' }, { ...DEFAULT_FORMAT_DRAFT.layout[0]!, scale: 'x' }] };
    const checked = await validateDraft({ ...draft, format });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors)).toEqual(['format.layout.0.name', 'format.layout.1.scale']);
    expect(deviceFieldKey('device.format.separator')).toBe('format.separator');
  });
});
