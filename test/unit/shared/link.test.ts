import { describe, expect, it } from 'vitest';
import { AppConfigSchema } from '@shared/config/app-config.js';
import { DeviceSettingsSchema } from '@shared/domain/device.js';
import { choosePort, encodeSend, LinkSettingsSchema, matchFor, SendToDeviceSchema, type PortInfo } from '@shared/domain/link.js';
import { issuesFromZod } from '@shared/domain/result.js';

function paths(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown): string[] {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return issuesFromZod(r.error as never).map((i) => i.path);
}

describe('LinkSettingsSchema', () => {
  it('fills serial defaults (8N1, no flow control, DTR/RTS on open)', () => {
    expect(LinkSettingsSchema.parse({ kind: 'serial', path: '/dev/ttyUSB0' })).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 115200,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
      dtrOnOpen: true,
      rtsOnOpen: true,
    });
  });

  it('accepts any custom positive integer baud rate and 1.5 stop bits', () => {
    const s = LinkSettingsSchema.parse({ kind: 'serial', path: 'COM3', baudRate: 250000, stopBits: 1.5, parity: 'mark', flowControl: 'rts-cts', dataBits: 7 });
    expect(s).toMatchObject({ baudRate: 250000, stopBits: 1.5, parity: 'mark', flowControl: 'rts-cts', dataBits: 7 });
  });

  it.each<[string, unknown]>([
    ['path', { kind: 'serial', path: ' ' }],
    ['baudRate', { kind: 'serial', path: 'x', baudRate: 0 }],
    ['baudRate', { kind: 'serial', path: 'x', baudRate: 9600.5 }],
    ['dataBits', { kind: 'serial', path: 'x', dataBits: 9 }],
    ['parity', { kind: 'serial', path: 'x', parity: 'evn' }],
    ['stopBits', { kind: 'serial', path: 'x', stopBits: 3 }],
    ['flowControl', { kind: 'serial', path: 'x', flowControl: 'dtr' }],
    ['dtrOnOpen', { kind: 'serial', path: 'x', dtrOnOpen: 'yes' }],
    ['match.vendorId', { kind: 'serial', path: 'x', match: { vendorId: 'zz' } }],
    ['host', { kind: 'tcp', host: '', port: 80 }],
    ['port', { kind: 'tcp', host: 'h', port: 65536 }],
    ['port', { kind: 'udp', port: 0 }],
    ['kind', { kind: 'bluetooth' }],
  ])('names the bad field %s', (path, input) => {
    expect(paths(LinkSettingsSchema, input)).toEqual([path]);
  });

  it('device settings: source must match link.kind, and link errors are named under device.link', () => {
    expect(paths(DeviceSettingsSchema, { source: 'tcp' })).toEqual(['source']);
    expect(paths(AppConfigSchema, { device: { source: 'serial', link: { kind: 'serial', path: '/dev/x', baudRate: -1 } } })).toEqual(['device.link.baudRate']);
    const ok = DeviceSettingsSchema.parse({ source: 'udp', link: { kind: 'udp', port: 9000 } });
    expect(ok.link).toEqual({ kind: 'udp', bindAddress: '0.0.0.0', port: 9000 });
  });
});

describe('choosePort (reconnect only ever opens the same device)', () => {
  const uno: PortInfo = { path: '/dev/ttyACM0', vendorId: '2341', productId: '0043', serialNumber: 'A1', manufacturer: 'Arduino' };
  const otherUno: PortInfo = { ...uno, path: '/dev/ttyACM1', serialNumber: 'B2' };

  it('finds the serial number again, even at a new path', () => {
    expect(choosePort({ path: '/dev/ttyACM0', match: { serialNumber: 'A1' } }, [otherUno, { ...uno, path: '/dev/ttyACM2' }])).toEqual({ ok: true, path: '/dev/ttyACM2' });
  });

  it('never opens a different serial number at the old path', () => {
    const c = choosePort({ path: '/dev/ttyACM0', match: { serialNumber: 'A1' } }, [{ ...otherUno, path: '/dev/ttyACM0' }]);
    expect(c).toEqual({ ok: false, reason: 'no port with USB serial number A1 is present' });
  });

  it('without a serial number: VID:PID must match at the same path', () => {
    const m = { vendorId: '0403', productId: '6001' };
    expect(choosePort({ path: '/dev/ttyUSB0', match: m }, [{ path: '/dev/ttyUSB0', ...m }])).toEqual({ ok: true, path: '/dev/ttyUSB0' });
    expect(choosePort({ path: '/dev/ttyUSB0', match: m }, [{ path: '/dev/ttyUSB1', ...m }]).ok).toBe(false);
    const swapped = choosePort({ path: '/dev/ttyUSB0', match: m }, [{ path: '/dev/ttyUSB0', vendorId: '10c4', productId: 'ea60' }]);
    expect(swapped).toEqual({ ok: false, reason: '/dev/ttyUSB0 is now a different device (10c4:ea60, expected 0403:6001)' });
  });

  it('no USB identity (pty, on-board UART): only the configured path', () => {
    expect(choosePort({ path: '/tmp/dev-b' }, [uno])).toEqual({ ok: true, path: '/tmp/dev-b' });
  });

  it('matchFor remembers what a port offers', () => {
    expect(matchFor(uno)).toEqual({ serialNumber: 'A1', vendorId: '2341', productId: '0043' });
    expect(matchFor({ path: '/dev/ttyS0' })).toBeUndefined();
  });
});

describe('send requests', () => {
  const enc = (input: unknown) => Array.from(encodeSend(SendToDeviceSchema.parse(input)));

  it('text with each line ending', () => {
    expect(enc({ data: 'AB', lineEnding: 'none' })).toEqual([65, 66]);
    expect(enc({ data: 'AB', lineEnding: 'lf' })).toEqual([65, 66, 10]);
    expect(enc({ data: 'AB', lineEnding: 'cr' })).toEqual([65, 66, 13]);
    expect(enc({ data: 'AB', lineEnding: 'crlf' })).toEqual([65, 66, 13, 10]);
    expect(enc({ data: 'é' })).toEqual([0xc3, 0xa9]);
  });

  it('hex bytes with spaces, commas or 0x prefixes', () => {
    expect(enc({ data: '01 a0 FF', encoding: 'hex' })).toEqual([1, 0xa0, 0xff]);
    expect(enc({ data: '0x01,0x02', encoding: 'hex', lineEnding: 'crlf' })).toEqual([1, 2, 13, 10]);
    expect(enc({ data: 'deadbeef', encoding: 'hex' })).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it.each(['0g', 'abc', '1 2 3', 'hello'])('rejects %j as hex, naming data', (data) => {
    expect(paths(SendToDeviceSchema, { data, encoding: 'hex' })).toEqual(['data']);
  });
});
