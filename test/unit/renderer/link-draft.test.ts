import { describe, expect, it } from 'vitest';
import { DeviceSettingsSchema } from '@shared/domain/device.js';
import { draftFromSettings, validateDraft } from '../../../src-renderer/features/device/deviceDraft';
import { fieldKeyForPath, mapIssuesToFields } from '../../../src-renderer/ui/forms/fieldErrors';
import { withSerialPath } from '../../../src-renderer/features/device/linkDraft';

const base = () => draftFromSettings(DeviceSettingsSchema.parse({}));

describe('link draft', () => {
  it('round-trips serial settings through the form', () => {
    const settings = DeviceSettingsSchema.parse({
      source: 'serial',
      link: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 250000, parity: 'even', stopBits: 2, flowControl: 'xon-xoff', dtrOnOpen: false, match: { serialNumber: 'X1' } },
    });
    const checked = validateDraft(draftFromSettings(settings));
    // The form always sends explicit signals; everything else comes back as it was.
    expect(checked.ok && DeviceSettingsSchema.parse(checked.input).link).toEqual(settings.link);
    expect(checked.ok && checked.input.source).toBe('serial');
  });

  it('keeps each kind’s edits while switching source, and sends only the chosen one', () => {
    const d = base();
    const edited = { ...d, source: 'tcp', link: { ...d.link, tcp: { host: '10.0.0.5', port: '4000' }, serial: { ...d.link.serial, path: '/dev/ttyACM0' } } };
    const checked = validateDraft(edited);
    expect(checked.ok && checked.input.link).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 4000 });
    const back = validateDraft({ ...edited, source: 'serial' });
    expect(back.ok && back.input.link).toMatchObject({ kind: 'serial', path: '/dev/ttyACM0' });
  });

  it('errors land at the link field that is wrong', () => {
    const d = base();
    const bad = validateDraft({ ...d, source: 'serial', link: { ...d.link, serial: { ...d.link.serial, path: '', baudRate: '-5' } } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const fields = mapIssuesToFields(bad.issues);
    expect(Object.keys(fields).sort()).toEqual(['link.baudRate', 'link.path']);
    expect(fields['link.path']).toBe('choose a serial port');
    const udp = validateDraft({ ...d, source: 'udp', link: { ...d.link, udp: { bindAddress: '0.0.0.0', port: 'abc' } } });
    expect(!udp.ok && Object.keys(mapIssuesToFields(udp.issues))).toEqual(['link.port']);
  });

  it('maps config-level link paths and a bad kind to the form', () => {
    expect(fieldKeyForPath('device.link.host')).toBe('link.host');
    expect(fieldKeyForPath('link.match.vendorId')).toBe('link.match');
    expect(fieldKeyForPath('link.kind')).toBe('source');
  });

  it('picking a listed port remembers its USB identity; typing another path forgets it', () => {
    const ports = [{ path: '/dev/ttyACM0', vendorId: '2341', productId: '0043', serialNumber: 'A1' }];
    const picked = withSerialPath(base().link.serial, '/dev/ttyACM0', ports);
    expect(picked.match).toEqual({ serialNumber: 'A1', vendorId: '2341', productId: '0043' });
    expect(withSerialPath(picked, '/dev/ttyS1', ports).match).toBeUndefined();
  });
});
