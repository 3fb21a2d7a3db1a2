import { describe, expect, it } from 'vitest';
import { DeviceSettingsSchema } from '@shared/domain/device.js';
import { deviceFieldKey, deviceFormSpec, deviceFormValues as draftFromSettings } from '../../../src-renderer/features/device/deviceForm';
import { checkValues } from '../../../src-renderer/ui/forms/settingsForm';
import { withSerialPath } from '../../../src-renderer/features/device/linkForm';

const validateDraft = (values: Parameters<typeof deviceFormSpec.toInput>[0]) => checkValues(deviceFormSpec, values);

const base = () => draftFromSettings(DeviceSettingsSchema.parse({}));

describe('link form values', () => {
  it('round-trips serial settings through the form', async () => {
    const settings = DeviceSettingsSchema.parse({
      source: 'serial',
      link: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 250000, parity: 'even', stopBits: 2, flowControl: 'xon-xoff', dtrOnOpen: false, match: { serialNumber: 'X1' } },
    });
    const checked = await validateDraft(draftFromSettings(settings));
    // The form always sends explicit signals; everything else comes back as it was.
    expect(checked.ok && DeviceSettingsSchema.parse(checked.input).link).toEqual(settings.link);
    expect(checked.ok && checked.input.source).toBe('serial');
  });

  it('keeps each kind’s edits while switching source, and sends only the chosen one', async () => {
    const d = base();
    const edited = { ...d, source: 'tcp', link: { ...d.link, tcp: { host: '10.0.0.5', port: '4000' }, serial: { ...d.link.serial, path: '/dev/ttyACM0' } } };
    const checked = await validateDraft(edited);
    expect(checked.ok && checked.input.link).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 4000 });
    const back = await validateDraft({ ...edited, source: 'serial' });
    expect(back.ok && back.input.link).toMatchObject({ kind: 'serial', path: '/dev/ttyACM0' });
  });

  it('errors land at the link field that is wrong', async () => {
    const d = base();
    const bad = await validateDraft({ ...d, source: 'serial', link: { ...d.link, serial: { ...d.link.serial, path: '', baudRate: '-5' } } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const fields = bad.errors;
    expect(Object.keys(fields).sort()).toEqual(['link.baudRate', 'link.path']);
    expect(fields['link.path']).toBe('choose a serial port');
    const udp = await validateDraft({ ...d, source: 'udp', link: { ...d.link, udp: { bindAddress: '0.0.0.0', port: 'abc' } } });
    expect(!udp.ok && Object.keys(udp.errors)).toEqual(['link.port']);
  });

  it('maps config-level link paths and a bad kind to the form', () => {
    expect(deviceFieldKey('device.link.host')).toBe('link.host');
    expect(deviceFieldKey('link.match.vendorId')).toBe('link.match');
    expect(deviceFieldKey('link.kind')).toBe('source');
  });

  it('picking a listed port remembers its USB identity; typing another path forgets it', () => {
    const ports = [{ path: '/dev/ttyACM0', vendorId: '2341', productId: '0043', serialNumber: 'A1' }];
    const picked = withSerialPath(base().link.serial, '/dev/ttyACM0', ports);
    expect(picked.match).toEqual({ serialNumber: 'A1', vendorId: '2341', productId: '0043' });
    expect(withSerialPath(picked, '/dev/ttyS1', ports).match).toBeUndefined();
  });
});
