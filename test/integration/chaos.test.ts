// Chaos matrix: every fault × {simulated device, real serial pty}, through the whole
// engine with real worker threads. For each: no crash, no unhandled rejection; a
// fault that should trip the breaker opens it within the configured threshold and
// it closes after recovery (one that should not leaves it closed); every frame is
// accounted for; memory stays bounded. Then 100 unplug/replug cycles on a pty.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConstantBackoff } from 'cockatiel';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BreakerSettingsInput, BreakerStatus } from '@shared/domain/breaker.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { faultScope, type FaultRequestInput, type FaultJournalEntry } from '@shared/domain/faults.js';
import { createEngine, type Engine, type EngineDiagnostics } from '../../src-main/engine/index.js';
import { HAVE_SOCAT, startPtyPair, type PtyPair } from '../helpers/pty.js';
import { startPtyFeeder, type PtyFeeder } from '../helpers/pty-feeder.js';
import { testWorker } from '../helpers/worker.js';
import { until } from '../helpers/until.js';


/** Fast, known breaker settings: the threshold below is what "opens within the threshold" is checked against. */
const BREAKER: BreakerSettingsInput = {
  trip: { kind: 'consecutive', failures: 3 },
  watchdogMs: 500,
  windowMs: 250,
  badFrameBurst: 10,
  halfOpenInitialMs: 200,
  halfOpenMaxMs: 800,
  probeTimeoutMs: 1500,
  probeFrames: 20,
};
/** Worst case for 3 consecutive failures: three watchdog periods (the slowest signal here), plus scheduling slack. */
const OPEN_WITHIN_MS = 3 * 500 + 1500;
const CHANNELS = 4;

interface Case {
  name: string;
  fault: FaultRequestInput;
  /** The fault is strong enough that the breaker must open. */
  trips: boolean;
  /** Commands are sent while it runs (error replies). */
  commands?: boolean;
}

const CASES: Case[] = [
  { name: 'drop 100 % frames', fault: { kind: 'drop', percent: 100, unit: 'frames', durationMs: 2500 }, trips: true },
  { name: 'drop 30 % bytes', fault: { kind: 'drop', percent: 30, unit: 'bytes', durationMs: 1500 }, trips: true },
  { name: 'corrupt 60 %', fault: { kind: 'corrupt', percent: 60, durationMs: 1500 }, trips: true },
  { name: 'corrupt 1 %', fault: { kind: 'corrupt', percent: 1, durationMs: 1500 }, trips: false },
  { name: 'latency 2500 ms', fault: { kind: 'latency', latencyMs: 2500, jitterMs: 50, durationMs: 2500 }, trips: true },
  { name: 'jitter 20 ms', fault: { kind: 'latency', latencyMs: 5, jitterMs: 20, durationMs: 1500 }, trips: false },
  { name: 'stall', fault: { kind: 'stall', durationMs: 2500 }, trips: true },
  { name: 'disconnect now', fault: { kind: 'disconnect', durationMs: 1500 }, trips: true },
  { name: 'flood ×4', fault: { kind: 'flood', factor: 4, durationMs: 1500 }, trips: false },
  { name: 'truncate 100 %', fault: { kind: 'truncate', percent: 100, durationMs: 1500 }, trips: true },
  { name: 'stuck channel', fault: { kind: 'stuck', channel: 1, durationMs: 1000 }, trips: false },
  { name: 'spike', fault: { kind: 'spike', channel: 0, magnitude: 1e4, intervalMs: 100, durationMs: 1000 }, trips: false },
  { name: 'drift', fault: { kind: 'drift', channel: 2, perSec: 50, durationMs: 1000 }, trips: false },
  { name: 'extra noise', fault: { kind: 'noise', channel: 3, amplitude: 10, durationMs: 1000 }, trips: false },
  { name: 'out-of-range', fault: { kind: 'out-of-range', channel: 0, value: 1e9, durationMs: 1000 }, trips: false },
  { name: 'error replies', fault: { kind: 'error-replies', percent: 100, durationMs: 3000 }, trips: true, commands: true },
  { name: 'reboot', fault: { kind: 'reboot', silentMs: 2500 }, trips: true },
];

const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);
let heapAtStart = 0;

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  heapAtStart = process.memoryUsage().heapUsed;
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

interface Rig {
  engine: Engine;
  dataDir: string;
  breaker: () => BreakerStatus | undefined;
  device: () => DeviceStatus | undefined;
  frames: () => number;
  journal: FaultJournalEntry[];
  close(): Promise<void>;
}

async function makeRig(prefix: string, opts: { backoff?: boolean } = {}): Promise<Rig> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const engine = await createEngine({
    dataDir,
    ...testWorker,
    logger: pino({ level: 'silent' }),
    ...(opts.backoff ? { reconnectBackoff: new ConstantBackoff(50) } : {}),
  });
  let breaker: BreakerStatus | undefined;
  let device: DeviceStatus | undefined;
  let frames = 0;
  const journal: FaultJournalEntry[] = [];
  engine.api.on('breaker', (b) => (breaker = b));
  engine.api.on('device', (d) => (device = d));
  engine.api.on('samples', (b) => (frames += b.t.length));
  engine.api.on('faultJournal', (e) => journal.push(...e));
  await engine.start();
  return {
    engine,
    dataDir,
    breaker: () => breaker,
    device: () => device,
    frames: () => frames,
    journal,
    async close() {
      await engine.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Frames in = frames out, by category, between two quiescent points. */
function accountFor(before: EngineDiagnostics, after: EngineDiagnostics, produced: number): { into: number; out: number; detail: string } {
  const d = <K extends keyof EngineDiagnostics['pipeline']>(k: K) => after.pipeline[k] - before.pipeline[k];
  const f = <K extends keyof EngineDiagnostics['faults']>(k: K) => after.faults[k] - before.faults[k];
  const ignored = after.ignoredFrames - before.ignoredFrames;
  // What reached the framer: produced, plus replays, minus what faults swallowed and what arrived while not measuring.
  const into = produced + f('framesReplayed') - f('framesDropped') - f('framesStalled') - ignored;
  // Where it went: decoded (valid or rejected as corrupt), dropped/rejected by the queue policy, failed in the pool, over-long.
  const out = d('linesProcessed') + d('linesDropped') + d('linesRejected') + d('linesFailed') + d('overlongLines');
  const detail = JSON.stringify({
    produced,
    replayed: f('framesReplayed'),
    faultDropped: f('framesDropped'),
    stalled: f('framesStalled'),
    ignored,
    processed: d('linesProcessed'),
    valid: d('frames'),
    rejectedCorrupt: d('decodeErrors'),
    policyDropped: d('linesDropped'),
    policyRejected: d('linesRejected'),
    failed: d('linesFailed'),
    overlong: d('overlongLines'),
  });
  return { into, out, detail };
}

async function runCase(rig: Rig, c: Case, link: 'simulated' | 'serial'): Promise<void> {
  const { engine } = rig;
  const transitionsBefore = rig.breaker()?.transitions.length ?? 0;
  const injectedAt = Date.now();
  const r = await engine.api.injectFault(c.fault);
  if (link === 'serial' && faultScope(c.fault.kind) === 'device') {
    // Device faults change the simulated instrument only: refused on a real link, with the reason.
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/simulated instrument/);
    return;
  }
  expect(r.ok, JSON.stringify(r)).toBe(true);
  if (c.commands) {
    for (let i = 0; i < 3; i++) {
      const sent = await engine.api.sendToDevice({ data: 'MEAS?', lineEnding: 'lf' });
      expect(sent.ok).toBe(false);
    }
  }
  const what = () => `${c.name} on ${link}: breaker ${rig.breaker()?.state} (${rig.breaker()?.reason}), device ${rig.device()?.link}/${rig.device()?.state}`;
  if (c.trips) {
    await until(() => rig.breaker()?.state !== 'closed' && (rig.breaker()?.transitions.length ?? 0) > transitionsBefore, OPEN_WITHIN_MS, what);
    const opened = (rig.breaker() as BreakerStatus).transitions[transitionsBefore];
    expect(opened?.to).toBe('open');
    expect((opened?.t ?? 0) - injectedAt).toBeLessThanOrEqual(OPEN_WITHIN_MS);
    await until(() => rig.breaker()?.state === 'closed', 20_000, what);
  } else {
    const end = injectedAt + (c.fault.durationMs ?? 1000) + 300;
    while (Date.now() < end) {
      expect(rig.breaker()?.state ?? 'closed', what()).toBe('closed');
      await sleep(50);
    }
  }
  await until(() => rig.journal.some((e) => e.kind === c.fault.kind && e.action === 'expired'), 10_000, () => `${c.name} to expire`);
  // Recovered: measuring again with data flowing.
  await until(() => rig.device()?.state === 'measuring' && rig.device()?.link === 'connected', 10_000, what);
  const start = rig.frames();
  await until(() => rig.frames() > start + 20, 10_000, () => `frames after ${c.name} on ${link}`);
}

describe.sequential('chaos matrix', () => {
  afterEach(() => {
    expect(unhandled).toEqual([]);
  });

  describe.sequential('simulated device', () => {
    let rig: Rig;
    beforeAll(async () => {
      rig = await makeRig('th-chaos-sim-');
      const r = await rig.engine.api.updateConfig({ device: { rateHz: 500, channels: CHANNELS }, resilience: { breaker: BREAKER } });
      expect(r.ok).toBe(true);
      await until(() => rig.frames() > 50, 5000, () => 'first frames');
    });
    afterAll(async () => {
      await rig.close();
    });

    for (const c of CASES) {
      it(`${c.name}: ${c.trips ? 'opens and recovers' : 'stays closed'}; every frame accounted for`, async () => {
        // Quiescent start: nothing in flight, the simulator's count is exact.
        await rig.engine.api.deviceCommand('stop');
        const before = await rig.engine.diagnostics();
        await rig.engine.api.deviceCommand('start');
        await runCase(rig, c, 'simulated');
        await rig.engine.api.deviceCommand('stop');
        const after = await rig.engine.diagnostics();
        const acc = accountFor(before, after, after.simulatorFrames - before.simulatorFrames);
        expect(acc.out, acc.detail).toBe(acc.into);
        expect(after.pipeline.linesProcessed - before.pipeline.linesProcessed, acc.detail).toBe(
          after.pipeline.frames - before.pipeline.frames + (after.pipeline.decodeErrors - before.pipeline.decodeErrors),
        );
        await rig.engine.api.deviceCommand('start');
      });
    }
  });

  describe.skipIf(!HAVE_SOCAT).sequential('serial pty', () => {
    let rig: Rig;
    let pty: PtyPair;
    let feeder: PtyFeeder | undefined;
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'th-chaos-pty-'));
      pty = await startPtyPair(join(dir, 'dev-a'), join(dir, 'dev-b'));
      rig = await makeRig('th-chaos-serial-', { backoff: true });
      const r = await rig.engine.api.updateConfig({
        device: { source: 'serial', link: { kind: 'serial', path: pty.b, baudRate: 115200 }, channels: CHANNELS, autoStart: false },
        resilience: { breaker: BREAKER },
      });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const started = await rig.engine.api.deviceCommand('start');
      expect(started.ok, JSON.stringify(started)).toBe(true);
    });
    afterAll(async () => {
      await feeder?.stop();
      await rig.close();
      await pty.stop();
      await rm(dir, { recursive: true, force: true });
    });

    for (const c of CASES) {
      it(`${c.name}: ${faultScope(c.fault.kind) === 'device' ? 'refused on a real link' : c.trips ? 'opens and recovers' : 'stays closed'}; every frame accounted for`, async () => {
        const before = await rig.engine.diagnostics();
        feeder = await startPtyFeeder(pty.a, { channels: CHANNELS, perTick: 5, tickMs: 10 });
        await until(() => rig.device()?.state === 'measuring', 5000, () => 'measuring');
        await runCase(rig, c, 'serial');
        await feeder.stop();
        const written = feeder.written;
        feeder = undefined;
        const arrived = async () => (await rig.engine.diagnostics()).linkFrames - before.linkFrames;
        // While the link stays open nothing may be lost inside the pty: every frame the feeder wrote
        // arrives (waited for, not slept on). A case that trips closes the port for SafeState, and the
        // pty discards what is written while nobody has it open: there the engine's own arrivals count.
        // (A device fault is refused on a real link: nothing trips there either.)
        const linkStaysOpen = !c.trips || faultScope(c.fault.kind) === 'device';
        const deadline = Date.now() + 10_000;
        let last = -1;
        for (let n = await arrived(); linkStaysOpen ? n < written : n !== last; n = await arrived()) {
          if (Date.now() > deadline) break;
          last = n;
          await sleep(linkStaysOpen ? 20 : 500);
        }
        const after = await rig.engine.diagnostics();
        const got = after.linkFrames - before.linkFrames;
        if (linkStaysOpen) expect(got, `${c.name}: frames the feeder wrote vs frames that crossed the pty`).toBe(written);
        else expect(got).toBeLessThanOrEqual(written);
        const acc = accountFor(before, after, linkStaysOpen ? written : got);
        expect(acc.out, acc.detail).toBe(acc.into);
      });
    }
  });

  it('memory stays bounded over the whole matrix', () => {
    const growthMb = (process.memoryUsage().heapUsed - heapAtStart) / 1e6;
    expect(growthMb).toBeLessThan(150);
  });
});

describe.skipIf(!HAVE_SOCAT)('100 unplug/replug cycles on a real pty', () => {
  // Two devices, each on its own pty pair and engine, with different channel counts: a reconnect that
  // landed on the other device's port would decode its frames as malformed (the field count differs).
  interface Device {
    name: string;
    a: string;
    b: string;
    channels: number;
    pty: PtyPair;
    rig: Rig;
    feeder?: PtyFeeder | undefined;
    connects: number;
    /** Why each counted reconnect happened (the status reason), for the failure message. */
    reasons: string[];
    prevLink: string;
  }

  it('reconnects 100 times, every time on the same port', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'th-replug-'));
    const devices: Device[] = [];
    for (const [name, channels] of [['one', CHANNELS], ['two', CHANNELS - 1]] as const) {
      const a = join(dir, `${name}-a`);
      const b = join(dir, `${name}-b`);
      const dev: Device = { name, a, b, channels, pty: await startPtyPair(a, b), rig: await makeRig(`th-replug-${name}-`, { backoff: true }), connects: 0, reasons: [], prevLink: 'connected' };
      // A reconnect is a transition into connected + measuring (repeated status events are not).
      dev.rig.engine.api.on('device', (d) => {
        if (d.link === 'connected' && dev.prevLink !== 'connected' && d.state === 'measuring') {
          dev.connects++;
          dev.reasons.push(`${dev.connects}: ${d.reason}`);
        }
        dev.prevLink = d.link;
      });
      devices.push(dev);
    }
    const diag = (d: Device) => d.rig.engine.diagnostics();
    try {
      for (const d of devices) {
        const r = await d.rig.engine.api.updateConfig({
          device: { source: 'serial', link: { kind: 'serial', path: d.b, baudRate: 115200 }, channels: d.channels, autoStart: false },
          // The link's own reconnects are counted here: a breaker that tripped on the unplug's failed reopens
          // would add its probe's reconnect now and then (the breaker's path has its own cases above).
          resilience: { breaker: { ...BREAKER, trip: { kind: 'consecutive', failures: 1000 } } },
        });
        expect(r.ok).toBe(true);
        await d.rig.engine.api.deviceCommand('start');
        d.feeder = await startPtyFeeder(d.a, { channels: d.channels, perTick: 5, tickMs: 10 });
      }
      // Counting starts once both are measuring (the first start is not a reconnect).
      for (const d of devices) await until(() => d.rig.device()?.state === 'measuring', 5000, () => `${d.name} measuring`);
      for (const d of devices) {
        d.connects = 0;
        d.reasons.length = 0;
      }
      const decodeErrorsAtStart = await Promise.all(devices.map(async (d) => (await diag(d)).pipeline.decodeErrors));
      let seq = 100_000;
      for (let cycle = 0; cycle < 100; cycle++) {
        const before = devices.map((d) => d.connects);
        const framesBefore = await Promise.all(devices.map(async (d) => (await diag(d)).pipeline.frames));
        for (const d of devices) {
          await d.feeder?.stop().catch(() => undefined);
          await d.pty.stop();
        }
        for (const d of devices) await until(() => d.rig.device()?.link !== 'connected', 5000, () => `unplug ${cycle} of ${d.name} noticed`);
        // Replug in alternating order, so "the port that appeared first" is not always the right one.
        for (const d of cycle % 2 === 0 ? devices : [...devices].reverse()) {
          d.pty = await startPtyPair(d.a, d.b);
          d.feeder = await startPtyFeeder(d.a, { channels: d.channels, perTick: 5, tickMs: 10, firstSeq: seq });
          seq += 100_000;
        }
        for (const [i, d] of devices.entries()) {
          await until(() => d.connects > before[i]! && d.rig.device()?.state === 'measuring', 15_000, () => `replug ${cycle} of ${d.name}: ${d.rig.device()?.link} ${d.rig.device()?.reason}`);
          // Its own device's frames arrive: valid frames with its channel count, no malformed ones.
          const deadline = Date.now() + 10_000;
          while ((await diag(d)).pipeline.frames <= framesBefore[i]! + 10) {
            if (Date.now() > deadline) throw new Error(`no frames from ${d.name} after replug ${cycle}`);
            await sleep(20);
          }
          expect((await diag(d)).pipeline.decodeErrors, `${d.name} decoded another device's frames in cycle ${cycle}`).toBe(decodeErrorsAtStart[i]);
        }
      }
      expect(devices.map((d) => d.connects), JSON.stringify(devices.map((d) => d.reasons))).toEqual([100, 100]);
      // Every reconnect names its own device's port.
      for (const d of devices) expect(d.reasons.filter((r) => !r.includes(`Reconnected to serial ${d.b} @`))).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      for (const d of devices) {
        await d.feeder?.stop().catch(() => undefined);
        await d.rig.close();
        await d.pty.stop();
      }
      await rm(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
