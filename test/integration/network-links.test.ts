// TCP and UDP links against a local emulator process on 127.0.0.1.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConstantBackoff } from 'cockatiel';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpLinkSchema, UdpLinkSchema } from '@shared/domain/link.js';
import { createTcpLink } from '../../src-main/engine/link/tcp-link.js';
import { UdpLink } from '../../src-main/engine/link/udp-link.js';
import { emulatorValue, parseEmulatorLines } from '../helpers/emulator-frames.js';
import { startEmulator } from '../helpers/emulator.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function expectExact(text: string, frames: number, channels: number): void {
  const got = parseEmulatorLines(text);
  expect(got).toHaveLength(frames);
  got.forEach((f, i) => {
    expect(f.seq).toBe(i);
    expect(f.values).toEqual(Array.from({ length: channels }, (_, c) => emulatorValue(i, c)));
  });
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('TCP link', () => {
  it('reads 8 exact channels, echoes a command, and reconnects after the server drops it', async () => {
    const emu = await startEmulator({ mode: 'tcp', channels: 8, rateHz: 0, frames: 3000 });
    cleanups.push(() => emu.stop());
    const link = createTcpLink(TcpLinkSchema.parse({ kind: 'tcp', host: '127.0.0.1', port: emu.port }), { backoff: new ConstantBackoff(20) });
    let text = '';
    const phases: string[] = [];
    link.onData((c) => (text += Buffer.from(c).toString('latin1')));
    link.onStatus((s) => phases.push(s.phase));
    await link.open();
    cleanups.push(() => link.close());
    await emu.done();
    await until(() => parseEmulatorLines(text).length >= 3000, 10_000, 'frames');
    expectExact(text, 3000, 8);

    await link.write(Buffer.from('STATUS\n'));
    await until(() => text.includes('# echo: STATUS'), 5000, 'echo');

    emu.dropClient();
    await until(() => phases.includes('reconnecting'), 5000, 'loss');
    await until(() => link.connected && link.reconnects === 1, 5000, 'reconnect');
    await link.write(Buffer.from('AGAIN\n'));
    await until(() => text.includes('# echo: AGAIN'), 5000, 'echo after reconnect');
  });

  it('names host, port and the OS error when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    await new Promise<void>((r) => server.close(() => r()));
    const link = createTcpLink(TcpLinkSchema.parse({ kind: 'tcp', host: '127.0.0.1', port }));
    await expect(link.open()).rejects.toThrow(`Cannot connect to tcp 127.0.0.1:${port}: connect ECONNREFUSED`);
  });
});

describe('UDP link', () => {
  it('takes one or several frames per datagram, exactly', async () => {
    const port = await freeUdpPort();
    const link = new UdpLink(UdpLinkSchema.parse({ kind: 'udp', bindAddress: '127.0.0.1', port }));
    let text = '';
    link.onData((c) => (text += Buffer.from(c).toString('latin1')));
    await link.open();
    cleanups.push(() => link.close());
    // 5 frames per datagram, paced so the local socket buffer never overflows.
    const emu = await startEmulator({ mode: 'udp', udpPort: port, channels: 8, rateHz: 2000, frames: 1000, framesPerDatagram: 5 });
    cleanups.push(() => emu.stop());
    await emu.done();
    await until(() => parseEmulatorLines(text).length >= 1000, 10_000, 'frames');
    expectExact(text, 1000, 8);
    expect(link.datagrams).toBe(200);
    await link.write(Buffer.from('PING\n'));
    await until(() => text.includes('# echo: PING'), 5000, 'echo to the last sender');
  });

  it('ends an unterminated datagram at its boundary so frames never join', async () => {
    const port = await freeUdpPort();
    const link = new UdpLink(UdpLinkSchema.parse({ kind: 'udp', bindAddress: '127.0.0.1', port }));
    const chunks: string[] = [];
    link.onData((c) => chunks.push(Buffer.from(c).toString('latin1')));
    await link.open();
    cleanups.push(() => link.close());
    const s = createSocket('udp4');
    cleanups.push(async () => void s.close());
    for (const d of ['1,2', '3,4\n5,6']) await new Promise<void>((r) => s.send(d, port, '127.0.0.1', () => r()));
    await until(() => chunks.length === 2, 5000, 'datagrams');
    expect(chunks.join('')).toBe('1,2\n3,4\n5,6\n');
  });

  it('names the address when it cannot bind', async () => {
    const port = await freeUdpPort();
    const holder = createSocket('udp4');
    await new Promise<void>((r) => holder.bind(port, '127.0.0.1', () => r()));
    cleanups.push(async () => void holder.close());
    const link = new UdpLink(UdpLinkSchema.parse({ kind: 'udp', bindAddress: '127.0.0.1', port }));
    await expect(link.open()).rejects.toThrow(`Cannot listen on udp 127.0.0.1:${port}: bind EADDRINUSE`);
  });
});
