// The whole engine (real worker threads) reading a device emulator through a real
// socat pty: values reach the published samples exactly, the console shows sent and
// echoed bytes, and an unplug shows as reconnecting, then connected again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConstantBackoff } from 'cockatiel';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SampleBatch } from '@shared/api/samples.js';
import type { BreakerStatus } from '@shared/domain/breaker.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import type { ConsoleBatch } from '@shared/domain/link.js';
import type { Metrics } from '@shared/domain/metrics.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { emulatorValue } from '../helpers/emulator-frames.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { startPtyPair, type PtyPair } from '../helpers/pty.js';
import { until } from '../helpers/until.js';
import { testWorker } from '../helpers/worker.js';

let dataDir: string;
let engine: Engine;
let pty: PtyPair;
let emu: RunningEmulator | undefined;
const samples: SampleBatch[] = [];
const consoleBatches: ConsoleBatch[] = [];
const statuses: DeviceStatus[] = [];
let metrics: Metrics | undefined;

const consoleText = (dir: 'rx' | 'tx') =>
  consoleBatches
    .flatMap((b) => b.entries)
    .filter((e) => e.dir === dir)
    .map((e) => Buffer.from(e.data, 'base64').toString('latin1'))
    .join('');

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'th-engine-serial-'));
  pty = await startPtyPair(join(dataDir, 'dev-a'), join(dataDir, 'dev-b'));
  engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: 'silent' }), reconnectBackoff: new ConstantBackoff(25) });
  samples.length = 0;
  consoleBatches.length = 0;
  statuses.length = 0;
  engine.api.on('samples', (b) => samples.push(b));
  engine.api.on('console', (b) => consoleBatches.push(b));
  engine.api.on('device', (s) => statuses.push(s));
  engine.api.on('metrics', (m) => (metrics = m));
  await engine.start();
});

afterEach(async () => {
  await emu?.stop();
  emu = undefined;
  await engine.close();
  await pty.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('engine with a serial source', () => {
  it('plots the emulator’s 8 channels with exact values, then console send/echo', async () => {
    const configured = await engine.api.configureDevice({
      source: 'serial',
      link: { kind: 'serial', path: pty.b, baudRate: 115200 },
      channels: 8,
      rateHz: 200,
      autoStart: false,
    });
    expect(configured.ok && configured.value).toMatchObject({ source: 'serial', link: 'disconnected', state: 'idle' });
    const started = await engine.api.deviceCommand('start');
    expect(started.ok && started.value).toMatchObject({ link: 'connected', state: 'measuring' });

    const frames = 600;
    emu = await startEmulator({ mode: 'serial', path: pty.a, channels: 8, rateHz: 400, frames });
    await emu.done();
    await until(() => (metrics?.framesTotal ?? 0) >= frames, 15_000, 'all frames counted');
    await sleep(200);
    expect(metrics?.framesTotal).toBe(frames);
    expect(metrics?.decodeErrors).toBe(0);
    // Every published value is exactly one the emulator sent, and every sent value is published
    // (buckets hold at most two frames at this rate, so min/max keep them all).
    for (let c = 0; c < 8; c++) {
      const got = new Set<number>();
      for (const b of samples) for (let i = 0; i < b.t.length; i++) got.add(b.y[c * b.t.length + i] as number);
      const want = new Set(Array.from({ length: frames }, (_, s) => emulatorValue(s, c)));
      expect(got).toEqual(want);
    }

    const sent = await engine.api.sendToDevice({ data: 'MEAS?', lineEnding: 'crlf' });
    expect(sent).toEqual({ ok: true, value: { bytes: 7 } });
    const hex = await engine.api.sendToDevice({ data: '48 49', encoding: 'hex', lineEnding: 'lf' });
    expect(hex).toEqual({ ok: true, value: { bytes: 3 } });
    await until(() => consoleText('rx').includes('# echo: HI\n'), 5000, 'echo in the console');
    expect(consoleText('rx')).toContain('# echo: MEAS?\n');
    expect(consoleText('tx')).toBe('MEAS?\r\nHI\n');
    // Raw data is in the console too, and it was coalesced (far fewer messages than frames).
    expect(consoleText('rx')).toContain('599,');
    expect(consoleBatches.length).toBeLessThan(frames / 4);
  });

  it('shows reconnecting after an unplug and measures again after the replug', async () => {
    await engine.api.configureDevice({ source: 'serial', link: { kind: 'serial', path: pty.b }, channels: 8, rateHz: 100, autoStart: false });
    await engine.api.deviceCommand('start');
    await pty.stop();
    await until(() => statuses.at(-1)?.link === 'reconnecting', 5000, 'reconnecting');
    expect(statuses.at(-1)?.reconnect?.attempt).toBeGreaterThanOrEqual(1);
    expect(statuses.at(-1)?.reason).toContain(pty.b);
    expect(statuses.at(-1)?.state).toBe('measuring');
    pty = await startPtyPair(pty.a, pty.b);
    // The replugged device sends at once: if the breaker opened meanwhile, its probe needs valid frames.
    emu = await startEmulator({ mode: 'serial', path: pty.a, channels: 8, rateHz: 200, frames: 0 });
    await until(() => statuses.at(-1)?.link === 'connected', 10_000, 'reconnected');
    expect(statuses.at(-1)?.reconnect).toBeUndefined();
    await until(() => (metrics?.framesTotal ?? 0) >= 100, 10_000, 'frames after the replug');
    // The operator can cancel: disconnect stops it for good.
    const off = await engine.api.deviceCommand('disconnect');
    expect(off.ok && off.value.link).toBe('disconnected');
  });

  it('a replug after the breaker opened: SafeState meanwhile, then the half-open probe reconnects and measures', async () => {
    let breaker: BreakerStatus | undefined;
    engine.api.on('breaker', (b) => (breaker = b));
    await engine.api.updateConfig({ resilience: { breaker: { halfOpenInitialMs: 200, halfOpenMaxMs: 400 } } });
    await engine.api.configureDevice({ source: 'serial', link: { kind: 'serial', path: pty.b }, channels: 8, rateHz: 100, autoStart: false });
    await engine.api.deviceCommand('start');
    await pty.stop();
    await until(() => breaker?.state === 'open', 5000, 'the breaker to open on failed reopens');
    expect(statuses.at(-1)).toMatchObject({ state: 'safe', link: 'reconnecting' });
    const send = await engine.api.sendToDevice({ data: 'MEAS?' });
    expect(!send.ok && send.error.message).toMatch(/SafeState sends no commands/);
    pty = await startPtyPair(pty.a, pty.b);
    emu = await startEmulator({ mode: 'serial', path: pty.a, channels: 8, rateHz: 200, frames: 0 });
    await until(() => breaker?.state === 'closed', 15_000, 'the probe to close the breaker');
    expect(statuses.at(-1)).toMatchObject({ link: 'connected', state: 'measuring' });
    expect(statuses.at(-1)?.reason).toContain(`Reconnected to serial ${pty.b}`);
    const before = metrics?.framesTotal ?? 0;
    await until(() => (metrics?.framesTotal ?? 0) > before + 100, 10_000, 'frames after the probe');
  });

  it('an unopenable port is a clear error in the answer and the status', async () => {
    const path = join(dataDir, 'missing-port');
    await engine.api.configureDevice({ source: 'serial', link: { kind: 'serial', path }, autoStart: false });
    const r = await engine.api.deviceCommand('connect');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('io');
    expect(r.error.message).toMatch(new RegExp(`Cannot open serial port ${path}: .*No such file`));
    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.device).toMatchObject({ link: 'disconnected', reason: r.error.message });
    const send = await engine.api.sendToDevice({ data: 'x' });
    expect(send.ok).toBe(false);
  });
});
