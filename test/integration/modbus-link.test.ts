// Modbus as a source against a real Modbus TCP server (modbus-serial ServerTCP) and
// Modbus RTU over a socat pty pair: values decoded exactly, exceptions and timeouts
// counted per block and as bad frames, writes reach the device, a lost server reconnects.
import { afterEach, describe, expect, it } from 'vitest';
import { ServerSerial } from 'modbus-serial';
import { ConstantBackoff } from 'cockatiel';
import { ModbusLinkSchema, type ModbusLinkInput } from '@shared/domain/link-modbus.js';
import { ModbusLink } from '../../src-main/engine/link/modbus/modbus-link.js';
import { sourceFormat } from '../../src-main/engine/link/source-format.js';
import { BatchProcessor } from '../../src-main/engine/pipeline/process-batch.js';
import { DEFAULT_FRAME_FORMAT } from '@shared/domain/frame-layout.js';
import type { LinkStatusEvent } from '../../src-main/engine/link/device-link.js';
import { emptyBank, startModbusTcp, vectorFor, words32 } from '../helpers/modbus-server.js';
import { HAVE_SOCAT, startPtyPair, type PtyPair } from '../helpers/pty.js';
import { until } from '../helpers/until.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

const REGISTERS: ModbusLinkInput['registers'] = [
  { name: 'temp', area: 'holding', address: 0, type: 'i16', scale: 0.1, unit: '°C' },
  { name: 'pressure', area: 'holding', address: 10, type: 'f32', wordOrder: 'big', unit: 'bar' },
  { name: 'count', area: 'input', address: 5, type: 'u32', wordOrder: 'little' },
  { name: 'setpoint', area: 'holding', address: 300, type: 'u16', scale: 0.5 },
  { name: 'valve', area: 'coil', address: 3 },
];

/** Decodes what the link delivers, exactly as the pipeline's pool would. */
function collect(link: ModbusLink) {
  const format = sourceFormat(link.settings, DEFAULT_FRAME_FORMAT);
  if (!format) throw new Error('modbus has a wire format');
  const proc = new BatchProcessor();
  const out = { frames: [] as number[][], bad: 0, statuses: [] as LinkStatusEvent[] };
  link.onData((bytes) => {
    const r = proc.process({ bytes, channels: 0, periodMs: 0, arrivedAt: 0, bucketMs: 0, format, full: true });
    out.bad += r.malformed + r.checksumFailures;
    const full = r.full as Float64Array;
    for (let f = 0; f < r.frames; f++) out.frames.push(Array.from(full.subarray(r.frames + f * r.channels, r.frames + (f + 1) * r.channels)));
  });
  link.onStatus((s) => out.statuses.push(s));
  return out;
}

function fillBank() {
  const bank = emptyBank();
  bank.holding.set(0, (-215 & 0xffff) >>> 0); // -21.5 °C
  const [ph, pl] = words32('f32', 3.25);
  bank.holding.set(10, ph);
  bank.holding.set(11, pl);
  const [ch, cl] = words32('u32', 0x12345678);
  bank.input.set(5, cl); // little word order: low word first
  bank.input.set(6, ch);
  bank.holding.set(300, 40); // 20 after scale 0.5
  bank.coils.set(3, true);
  return bank;
}

describe('Modbus TCP source', () => {
  it('polls the register map in blocks and decodes every type exactly', async () => {
    const bank = fillBank();
    const server = await startModbusTcp(bank);
    cleanup.push(() => server.close());
    const link = new ModbusLink(ModbusLinkSchema.parse({ kind: 'modbus', transport: { mode: 'tcp', host: '127.0.0.1', port: server.port }, pollMs: 20, maxGap: 10, registers: REGISTERS }));
    cleanup.push(() => link.close());
    // Holding 0…11 in one block (gap 9 ≤ maxGap), holding 300 apart, input 5…6, coil 3.
    expect(link.blocks.map((b) => [b.area, b.start, b.length])).toEqual([
      ['holding', 0, 12],
      ['holding', 300, 1],
      ['input', 5, 2],
      ['coil', 3, 1],
    ]);
    const got = collect(link);
    await link.open();
    await until(() => got.frames.length >= 3, 10_000, 'three polls');
    expect(got.frames[0]).toEqual([-21.5, 3.25, 0x12345678, 20, 1]);
    expect(got.bad).toBe(0);
    bank.holding.set(0, 250);
    await until(() => got.frames.at(-1)?.[0] === 25, 10_000, 'the new temperature');
    await link.close();
    expect(link.stats.every((s) => s.exceptions === 0 && s.timeouts === 0 && s.ok === s.polls)).toBe(true);
  });

  it('an exception is counted on its block and makes that poll one bad frame', async () => {
    const bank = fillBank();
    bank.failing.add(300);
    const server = await startModbusTcp(bank);
    cleanup.push(() => server.close());
    const link = new ModbusLink(ModbusLinkSchema.parse({ kind: 'modbus', transport: { mode: 'tcp', host: '127.0.0.1', port: server.port }, pollMs: 20, registers: REGISTERS }));
    cleanup.push(() => link.close());
    const got = collect(link);
    await link.open();
    await until(() => got.bad >= 3, 10_000, 'three failed polls');
    bank.failing.clear();
    await until(() => got.frames.length >= 1, 10_000, 'a good poll once the register answers');
    await link.close();
    const blk = link.stats.find((s) => s.channels.includes('setpoint'));
    expect(blk?.channels).toEqual(['setpoint']);
    expect(blk?.exceptions).toBeGreaterThanOrEqual(3);
    // Every poll of the failing block was an exception, and each one cost exactly one bad frame.
    expect(blk?.exceptions).toBe(got.bad);
    expect(blk?.polls).toBe(got.bad + (blk?.ok ?? 0));
    expect(blk?.lastError).toMatch(/^Modbus exception 2/);
    expect(link.stats[0]?.exceptions).toBe(0);
    // A poll with a failed block delivers no frame: frames = good polls.
    expect(got.frames.length).toBe(blk?.ok);
  });

  it('a write command reaches the device register (scaled), and a read-only register refuses it', async () => {
    const bank = fillBank();
    const server = await startModbusTcp(bank);
    cleanup.push(() => server.close());
    const link = new ModbusLink(ModbusLinkSchema.parse({ kind: 'modbus', transport: { mode: 'tcp', host: '127.0.0.1', port: server.port }, pollMs: 50, registers: REGISTERS }));
    cleanup.push(() => link.close());
    const got = collect(link);
    await link.open();
    await link.write(new TextEncoder().encode('write setpoint 12.5\n'));
    await link.write(new TextEncoder().encode('write valve 0'));
    expect(bank.writes).toEqual([
      { kind: 'register', address: 300, value: 25 },
      { kind: 'coil', address: 3, value: 0 },
    ]);
    await until(() => got.frames.at(-1)?.[3] === 12.5 && got.frames.at(-1)?.[4] === 0, 10_000, 'the written values polled back');
    await expect(link.write(new TextEncoder().encode('write count 1'))).rejects.toThrow('"count" is an input register: read-only');
    await expect(link.write(new TextEncoder().encode('write setpoint 1e9'))).rejects.toThrow(/does not fit setpoint/);
  });

  it('a server that goes away is a lost link that reconnects when it is back', async () => {
    const bank = fillBank();
    const server = await startModbusTcp(bank);
    const port = server.port;
    const link = new ModbusLink(ModbusLinkSchema.parse({ kind: 'modbus', transport: { mode: 'tcp', host: '127.0.0.1', port }, pollMs: 20, timeoutMs: 200, registers: REGISTERS }), {
      backoff: new ConstantBackoff(100),
    });
    cleanup.push(() => link.close());
    const got = collect(link);
    await link.open();
    await until(() => got.frames.length >= 2, 10_000, 'polls');
    await server.close();
    await until(() => got.statuses.some((s) => s.phase === 'reconnecting'), 10_000, 'the loss');
    const again = await startModbusTcp(bank, port);
    cleanup.push(() => again.close());
    await until(() => got.statuses.at(-1)?.phase === 'connected', 15_000, () => `reconnected (last: ${JSON.stringify(got.statuses.at(-1))})`);
    const before = got.frames.length;
    await until(() => got.frames.length > before, 10_000, 'polls after the reconnect');
    expect(got.frames.at(-1)).toEqual([-21.5, 3.25, 0x12345678, 20, 1]);
  });
});

describe.skipIf(!HAVE_SOCAT)('Modbus RTU source over a serial line (socat pty pair)', () => {
  it('polls a Modbus RTU slave on the other end of the line and decodes exactly; timeouts are counted', async () => {
    const tag = `${process.pid}-${Date.now()}`;
    const pty: PtyPair = await startPtyPair(`/tmp/mb-dev-${tag}`, `/tmp/mb-app-${tag}`);
    cleanup.push(() => pty.stop());
    const bank = fillBank();
    const slave = new ServerSerial(vectorFor(bank), { path: pty.a, baudRate: 115200, unitID: 7 });
    await new Promise<void>((resolve, reject) => {
      slave.once('initialized', () => resolve());
      slave.once('error', (e: Error | null) => reject(e ?? new Error('serial server error')));
    });
    cleanup.push(() => new Promise<void>((r) => slave.close(() => r())));
    const settings = (unitId: number) =>
      ModbusLinkSchema.parse({ kind: 'modbus', transport: { mode: 'rtu', path: pty.b, baudRate: 115200 }, unitId, pollMs: 30, timeoutMs: 300, lostAfterFailedPolls: 1000, registers: REGISTERS });
    const link = new ModbusLink(settings(7));
    cleanup.push(() => link.close());
    const got = collect(link);
    await link.open();
    await until(() => got.frames.length >= 2, 15_000, 'two RTU polls');
    expect(got.frames[0]).toEqual([-21.5, 3.25, 0x12345678, 20, 1]);
    await link.close();
    // A unit id nobody answers to: every block times out, each poll is one bad frame.
    const silent = new ModbusLink(settings(9));
    cleanup.push(() => silent.close());
    const none = collect(silent);
    await silent.open();
    await until(() => none.bad >= 2, 15_000, 'two timed-out polls');
    await silent.close();
    expect(none.frames.length).toBe(0);
    expect(silent.stats[0]?.timeouts).toBeGreaterThanOrEqual(none.bad);
    expect(silent.stats.reduce((n, s) => n + s.ok, 0)).toBe(0);
  });
});
