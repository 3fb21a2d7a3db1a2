// Backpressure end to end: a flood fault overruns a tiny queue; the link is asked to
// slow down (simulator) or pause reading (serial pty), the status says so, the drop
// policy's discards are counted, and breaker events still arrive on their own stream.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BreakerStatus } from '@shared/domain/breaker.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import type { QueueStats } from '@shared/domain/metrics.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { HAVE_SOCAT, startPtyPair, type PtyPair } from '../helpers/pty.js';
import { startPtyFeeder, type PtyFeeder } from '../helpers/pty-feeder.js';
import { testWorker } from '../helpers/worker.js';
import { until } from '../helpers/until.js';


let dataDir: string;
let engine: Engine;
let statuses: DeviceStatus[] = [];
let queues: QueueStats[] = [];
let breakers: BreakerStatus[] = [];

beforeEach(async () => {
  statuses = [];
  queues = [];
  breakers = [];
  dataDir = await mkdtemp(join(tmpdir(), 'th-backpressure-'));
  engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: 'silent' }) });
  engine.api.on('device', (d) => statuses.push(d));
  engine.api.on('queue', (q) => queues.push(q));
  engine.api.on('breaker', (b) => breakers.push(b));
  await engine.start();
});

afterEach(async () => {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('backpressure end to end', () => {
  it('simulator: a flood overruns the queue, the device is throttled, drops are counted, breaker events still arrive', async () => {
    const r = await engine.api.updateConfig({
      device: { rateHz: 50_000, channels: 8 },
      pipeline: { queueCapacity: 2, workers: 1, overflowPolicy: 'drop-oldest' },
    });
    expect(r.ok).toBe(true);
    // 100×: even a throttled tick (a quarter of 250 frames) replays into ~6 full 64 KB batches
    // synchronously, more than the 2 in flight + 2 queued can hold, so the overrun is certain
    // however fast the worker is (at 30× a warm worker on a quick machine kept up once throttled).
    const flood = await engine.api.injectFault({ kind: 'flood', factor: 100, durationMs: null });
    expect(flood.ok).toBe(true);
    await until(() => statuses.some((s) => s.throttled), 10_000, 'the device to be throttled');
    await until(() => queues.some((q) => q.backpressure), 10_000, 'queue backpressure');
    // Throttling starts at the high-water mark, before the queue is full: wait for the overrun itself.
    await until(() => queues.some((q) => q.dropped > 0), 10_000, 'the drop policy to discard a batch');
    // Operator action in the middle of the overload: its events are not behind the samples.
    const iso = await engine.api.breakerAction({ action: 'isolate' });
    expect(iso.ok).toBe(true);
    await until(() => breakers.some((b) => b.state === 'isolated'), 2000, 'the isolated event');
    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.queue.dropped + snap.value.queue.rejected).toBeGreaterThan(0);
    // The UI counts what the drop policy discarded in frames: every dropped batch held at least one.
    const q = snap.ok ? snap.value.queue : undefined;
    expect(q?.framesDropped).toBeGreaterThanOrEqual(q?.dropped ?? Infinity);
    expect(q?.framesRejected).toBe(0);
    // SafeState stops the flood at its source: the queue drains and the throttle lifts.
    await until(() => statuses.at(-1)?.throttled === false, 10_000, 'throttle released');
    await engine.api.stopFault({ all: true });
    const reset = await engine.api.breakerAction({ action: 'reset' });
    expect(reset.ok).toBe(true);
    await until(() => statuses.at(-1)?.state === 'measuring', 5000, 'measuring again');
  });

  describe.skipIf(!HAVE_SOCAT)('serial pty', () => {
    let pty: PtyPair;
    let feeder: PtyFeeder | undefined;
    afterEach(async () => {
      await feeder?.stop().catch(() => undefined);
      await pty.stop();
    });

    it('a flood on a real serial link pauses reading (throttled) and resumes when the fault stops', async () => {
      pty = await startPtyPair(join(dataDir, 'dev-a'), join(dataDir, 'dev-b'));
      const r = await engine.api.updateConfig({
        device: { source: 'serial', link: { kind: 'serial', path: pty.b, baudRate: 115200 }, channels: 8, autoStart: false },
        pipeline: { queueCapacity: 2, workers: 1, overflowPolicy: 'drop-oldest' },
        // Overload is not a link failure: keep the breaker out of this test.
        resilience: { breaker: { enabled: false } },
      });
      expect(r.ok).toBe(true);
      expect((await engine.api.deviceCommand('start')).ok).toBe(true);
      feeder = await startPtyFeeder(pty.a, { channels: 8, perTick: 200, tickMs: 5 });
      const flood = await engine.api.injectFault({ kind: 'flood', factor: 50, durationMs: null });
      expect(flood.ok).toBe(true);
      await until(() => statuses.some((s) => s.throttled && s.source === 'serial'), 15_000, 'serial reading paused');
      await engine.api.stopFault({ all: true });
      await feeder.stop();
      feeder = undefined;
      await until(() => statuses.at(-1)?.throttled === false, 15_000, 'reading resumed');
      expect(statuses.at(-1)).toMatchObject({ link: 'connected', state: 'measuring' });
    });
  });
});
