// The whole engine from source with real worker threads and a real data folder:
// device transitions as an operator drives them, and config validation that rejects whole.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SampleBatch } from '@shared/api/samples.js';
import type { Metrics } from '@shared/domain/metrics.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { testWorker } from '../helpers/worker.js';
import { pino } from 'pino';

let dataDir: string;
let engine: Engine;
const samples: SampleBatch[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pointsSince = (from: number) => samples.slice(from).reduce((n, b) => n + b.t.length, 0);

/** Polls until `cond` holds (worker start-up is slow on a loaded machine). */
async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(20);
  }
}

/** Resolves once no sample batch arrived for `quietMs` (in-flight batches have published). */
async function settled(quietMs = 300): Promise<void> {
  let n = -1;
  while (n !== samples.length) {
    n = samples.length;
    await sleep(quietMs);
  }
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'th-engine-'));
  engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: 'silent' }) });
  samples.length = 0;
  engine.api.on('samples', (b) => samples.push(b));
});

afterEach(async () => {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('engine', () => {
  it('starts measuring by default and streams coalesced samples', async () => {
    const metrics: Metrics[] = [];
    engine.api.on('metrics', (m) => metrics.push(m));
    await engine.start();
    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.device).toMatchObject({ link: 'connected', state: 'measuring' });
    await sleep(2300);
    expect(pointsSince(0)).toBeGreaterThan(500);
    // Coalesced: far fewer messages than frames, and never more than publishHz per second.
    expect(samples.length).toBeLessThanOrEqual(2.3 * 60 + 2);
    expect(samples[0]?.reset).toBe(true);
    const last = metrics.at(-1);
    expect(last?.framesPerSec).toBeGreaterThan(500);
    expect(last?.samplesPerSec).toBe((last?.framesPerSec ?? 0) * 8);
    expect(last?.latencyMs.p95).toBeGreaterThan(0);
  });

  it('stop freezes the stream, start resumes it, SafeState refuses start until reset', async () => {
    await engine.start();
    await until(() => samples.length > 0);
    const stop = await engine.api.deviceCommand('stop');
    expect(stop.ok && stop.value.state).toBe('idle');
    await settled(); // let in-flight batches publish
    const frozenAt = samples.length;
    await sleep(400);
    expect(pointsSince(frozenAt)).toBe(0);

    const start = await engine.api.deviceCommand('start');
    expect(start.ok && start.value.state).toBe('measuring');
    await sleep(400);
    expect(pointsSince(frozenAt)).toBeGreaterThan(0);

    const safe = await engine.api.deviceCommand('safe');
    expect(safe.ok && safe.value.state).toBe('safe');
    const refused = await engine.api.deviceCommand('start');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/SafeState.*Reset/);

    const reset = await engine.api.deviceCommand('reset');
    expect(reset.ok && reset.value.state).toBe('idle');
    const resetAt = samples.length;
    await engine.api.deviceCommand('start');
    await sleep(400);
    // After a reset the chart is told to restart.
    expect(samples[resetAt]?.reset).toBe(true);
  });

  it('rejects invalid configuration whole, naming the field, and keeps running config and file', async () => {
    await engine.start();
    const fileBefore = await readFile(join(dataDir, 'config.json'), 'utf8');
    const bad = await engine.api.updateConfig({ device: { rateHz: 500_000 }, pipeline: { queueCapacity: 10 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('validation');
      expect(bad.error.issues?.map((i) => i.path)).toEqual(['device.rateHz']);
    }
    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.config.pipeline.queueCapacity).toBe(1000);
    expect(snap.ok && snap.value.device.state).toBe('measuring');
    expect(await readFile(join(dataDir, 'config.json'), 'utf8')).toBe(fileBefore);

    const badDevice = await engine.api.configureDevice({ channels: 40, rateHz: 10 });
    expect(!badDevice.ok && badDevice.error.issues?.map((i) => i.path)).toEqual(['channels']);
  });

  it('applies device settings live and persists them for the next start', async () => {
    await engine.start();
    const channelsEvents: number[] = [];
    engine.api.on('channels', (c) => channelsEvents.push(c.length));
    const res = await engine.api.configureDevice({ channels: 3, rateHz: 2000 });
    expect(res.ok && res.value.state).toBe('measuring');
    expect(channelsEvents).toEqual([3]);
    await until(() => samples.at(-1)?.channels === 3);
    const last = samples.at(-1);
    expect(last?.channels).toBe(3);
    await engine.close();

    engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: 'silent' }) });
    await engine.start();
    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.config.device).toMatchObject({ channels: 3, rateHz: 2000 });
    expect(snap.ok && snap.value.channels.map((c) => c.name)).toEqual(['ch1', 'ch2', 'ch3']);
  });
});
