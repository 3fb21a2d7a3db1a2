// The serial link over REAL pseudo-terminals (socat): an emulator process writes
// frames into one end, the link reads the other; unplug/replug by restarting socat.
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConstantBackoff } from 'cockatiel';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialLinkSchema, type PortInfo } from '@shared/domain/link.js';
import type { LinkStatusEvent } from '../../src-main/engine/link/device-link.js';
import { createSerialLink } from '../../src-main/engine/link/serial-link.js';
import { emulatorValue, parseEmulatorLines } from '../helpers/emulator-frames.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { startPtyPair, type PtyPair } from '../helpers/pty.js';

const dir = mkdtempSync(join(tmpdir(), 'th-pty-'));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function pair(name: string): Promise<PtyPair> {
  const p = await startPtyPair(join(dir, `${name}-a`), join(dir, `${name}-b`));
  cleanups.push(() => p.stop());
  return p;
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('serial link over a socat pty', () => {
  it('reads 8 channels from an emulator process with every value exact', async () => {
    const p = await pair('exact');
    const link = createSerialLink(SerialLinkSchema.parse({ kind: 'serial', path: p.b, baudRate: 921600 }));
    let text = '';
    link.onData((chunk) => (text += Buffer.from(chunk).toString('latin1')));
    await link.open();
    cleanups.push(() => link.close());
    const frames = 5000;
    const emu: RunningEmulator = await startEmulator({ mode: 'serial', path: p.a, channels: 8, rateHz: 0, frames, chunkFrames: 64 });
    cleanups.push(() => emu.stop());
    await emu.done();
    await until(() => parseEmulatorLines(text).length >= frames, 20_000, `${frames} frames`);
    const got = parseEmulatorLines(text);
    expect(got).toHaveLength(frames);
    got.forEach((f, i) => {
      expect(f.seq).toBe(i);
      expect(f.values).toEqual(Array.from({ length: 8 }, (_, c) => emulatorValue(i, c)));
    });
  });

  it('sends to the device and receives its echo', async () => {
    const p = await pair('echo');
    const link = createSerialLink(SerialLinkSchema.parse({ kind: 'serial', path: p.b }));
    let text = '';
    link.onData((chunk) => (text += Buffer.from(chunk).toString('latin1')));
    await link.open();
    cleanups.push(() => link.close());
    const emu = await startEmulator({ mode: 'serial', path: p.a, channels: 2, rateHz: 0, frames: 1 });
    cleanups.push(() => emu.stop());
    await link.write(Buffer.from('*IDN?\r\n'));
    await until(() => text.includes('# echo: *IDN?'), 5000, 'the echo');
  });

  it('names the port and the OS error when it cannot be opened', async () => {
    const missing = join(dir, 'no-such-port');
    const link = createSerialLink(SerialLinkSchema.parse({ kind: 'serial', path: missing }));
    const statuses: LinkStatusEvent[] = [];
    link.onStatus((s) => statuses.push(s));
    await expect(link.open()).rejects.toThrow(new RegExp(`Cannot open serial port ${missing}: .*(No such file|ENOENT)`));
    expect(statuses.at(-1)?.phase).toBe('disconnected');
    expect(statuses.at(-1)?.reason).toContain(missing);
  });

  it('a busy port (locked by another open) is reported, not stolen', async () => {
    const p = await pair('busy');
    const first = createSerialLink(SerialLinkSchema.parse({ kind: 'serial', path: p.b }));
    await first.open();
    cleanups.push(() => first.close());
    const second = createSerialLink(SerialLinkSchema.parse({ kind: 'serial', path: p.b }));
    await expect(second.open()).rejects.toThrow(new RegExp(`Cannot open serial port ${p.b}: .*lock`, 'i'));
  });

  it('unplug/replug 20 times: reconnects every time, only ever to the same port', async () => {
    // A second device stays plugged in the whole time; the link must never read from it.
    const other = await pair('other');
    const otherFd = openSync(other.a, 'w');
    cleanups.push(async () => closeSync(otherFd));
    const names = { a: join(dir, 'hot-a'), b: join(dir, 'hot-b') };
    let p = await startPtyPair(names.a, names.b);
    cleanups.push(() => p.stop());
    const link = createSerialLink(SerialLinkSchema.parse({ kind: 'serial', path: names.b }), { backoff: new ConstantBackoff(25) });
    let text = '';
    const phases: string[] = [];
    link.onData((chunk) => (text += Buffer.from(chunk).toString('latin1')));
    link.onStatus((s) => phases.push(s.phase));
    await link.open();
    cleanups.push(() => link.close());

    for (let cycle = 1; cycle <= 20; cycle++) {
      // Bytes on the other device while we are (re)connecting: must never arrive.
      writeSync(otherFd, `other ${cycle}\n`);
      const fd = openSync(p.a, 'w');
      writeSync(fd, `cycle ${cycle}\n`);
      await until(() => text.includes(`cycle ${cycle}\n`), 5000, `cycle ${cycle} data`);
      closeSync(fd);
      await p.stop(); // unplug
      await until(() => phases.at(-1) === 'reconnecting', 5000, `cycle ${cycle} loss`);
      await sleep(30); // a few failed attempts while the device is gone
      p = await startPtyPair(names.a, names.b); // replug
      await until(() => link.connected, 5000, `cycle ${cycle} reconnect`);
    }
    expect(link.reconnects).toBe(20);
    expect(text).not.toContain('other');
    expect(text.match(/cycle \d+\n/g)).toEqual(Array.from({ length: 20 }, (_, i) => `cycle ${i + 1}\n`));
    expect(phases.filter((ph) => ph === 'connected')).toHaveLength(21);
  });

  it('matched by USB serial number: follows the device to a new path, never opens another serial number', async () => {
    // Discovery is faked (ptys have no USB identity); the ports themselves are real.
    const first = await pair('usb-1');
    const moved = await pair('usb-2');
    let listed: PortInfo[] = [{ path: first.b, vendorId: '2341', productId: '0043', serialNumber: 'SN-A' }];
    const link = createSerialLink(SerialLinkSchema.parse({ kind: 'serial', path: first.b }), { backoff: new ConstantBackoff(20), listPorts: async () => listed });
    let text = '';
    link.onData((chunk) => (text += Buffer.from(chunk).toString('latin1')));
    const reasons: string[] = [];
    link.onStatus((st) => reasons.push(st.reason));
    link.onError((e) => reasons.push(`ERR ${e.message}`));
    await link.open();
    cleanups.push(() => link.close());

    // Unplug; a different board (SN-B) appears at the old path: it must not be opened.
    await first.stop();
    listed = [{ path: first.b, vendorId: '2341', productId: '0043', serialNumber: 'SN-B' }];
    await until(() => reasons.filter((r) => r.includes('no port with USB serial number SN-A')).length >= 3, 5000, `refusals: ${reasons.join(' | ')}`);
    expect(link.connected).toBe(false);

    // Our board comes back at another path: the link follows it there.
    listed = [...listed, { path: moved.b, vendorId: '2341', productId: '0043', serialNumber: 'SN-A' }];
    await until(() => link.connected, 5000, 'reconnect at the new path');
    const fd = openSync(moved.a, 'w');
    writeSync(fd, 'from SN-A\n');
    closeSync(fd);
    await until(() => text.includes('from SN-A\n'), 5000, 'data from the moved device');
  });

  it('a device that vanishes right after open, before any byte, is still noticed', async () => {
    const p = await pair('quiet');
    const link = createSerialLink(SerialLinkSchema.parse({ kind: 'serial', path: p.b }), { backoff: new ConstantBackoff(50) });
    const phases: string[] = [];
    link.onStatus((st) => phases.push(st.phase));
    await link.open();
    cleanups.push(() => link.close());
    await p.stop();
    await until(() => phases.includes('reconnecting'), 5000, 'the loss');
    expect(link.connected).toBe(false);
  });
});
