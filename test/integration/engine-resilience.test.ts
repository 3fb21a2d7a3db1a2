// The engine (real worker threads, simulated device) under operator fault injection:
// the breaker opens on the failure signals, SafeState holds commands and data, the
// half-open probe closes it after recovery, and Isolate/Reset do what they say.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BreakerStatus } from '@shared/domain/breaker.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import type { ActiveFault, FaultJournalEntry } from '@shared/domain/faults.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { testWorker } from '../helpers/worker.js';
import { until as untilPolled } from '../helpers/until.js';

let dataDir: string;
let engine: Engine;
let breaker: BreakerStatus | undefined;
let device: DeviceStatus | undefined;
let frames = 0;
const journal: FaultJournalEntry[] = [];
const faultLists: ActiveFault[][] = [];
const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);

/** Waits for `cond`; a timeout names what was awaited and the breaker and device state then. */
function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  return untilPolled(cond, ms, () => `${what} (breaker ${breaker?.state}: ${breaker?.reason}; device ${device?.link}/${device?.state}: ${device?.reason})`);
}

async function framesFlow(ms = 5000): Promise<void> {
  const start = frames;
  await until(() => frames > start + 50, ms, 'frames to flow');
}

beforeEach(async () => {
  process.on('unhandledRejection', onUnhandled);
  unhandled.length = 0;
  journal.length = 0;
  faultLists.length = 0;
  breaker = undefined;
  device = undefined;
  frames = 0;
  dataDir = await mkdtemp(join(tmpdir(), 'th-resilience-'));
  engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: 'silent' }) });
  engine.api.on('breaker', (b) => (breaker = b));
  engine.api.on('device', (d) => (device = d));
  engine.api.on('samples', (b) => (frames += b.t.length));
  engine.api.on('faultJournal', (e) => journal.push(...e));
  engine.api.on('faults', (l) => faultLists.push(l));
  await engine.start();
  // Fast settings so a test takes seconds: probe soon, short windows.
  const r = await engine.api.updateConfig({
    device: { rateHz: 500 },
    resilience: { breaker: { halfOpenInitialMs: 300, halfOpenMaxMs: 1000, watchdogMs: 600, windowMs: 300, probeTimeoutMs: 1500, probeFrames: 20 } },
  });
  expect(r.ok).toBe(true);
  await framesFlow();
});

afterEach(async () => {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('engine resilience (simulated device)', () => {
  it('"disconnect now": the link drops, the breaker opens into SafeState, and closes once the device is back', async () => {
    const r = await engine.api.injectFault({ kind: 'disconnect', durationMs: 1500 });
    expect(r.ok).toBe(true);
    await until(() => breaker?.state === 'open', 5000, 'breaker open');
    expect(device?.state).toBe('safe');
    expect(device?.reason).toMatch(/Circuit breaker open/);
    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.breaker.stale).toBe(true);
    // No commands in SafeState.
    const sent = await engine.api.sendToDevice({ data: 'PING', encoding: 'text', lineEnding: 'lf' });
    expect(sent.ok).toBe(false);
    expect(!sent.ok && sent.error.message).toMatch(/SafeState sends no commands/);
    await until(() => breaker?.state === 'closed', 15_000, 'breaker closed');
    expect(device).toMatchObject({ link: 'connected', state: 'measuring' });
    await framesFlow();
    const kinds = (breaker as BreakerStatus).transitions.map((t) => t.to);
    expect(kinds[0]).toBe('open');
    expect(kinds).toContain('half-open');
    expect(kinds[kinds.length - 1]).toBe('closed');
    expect((breaker as BreakerStatus).trips).toBe(1);
    expect((breaker as BreakerStatus).failures['link-lost']).toBeGreaterThanOrEqual(1);
    const actions = journal.filter((e) => e.kind === 'disconnect').map((e) => e.action);
    expect(actions).toEqual(['injected', 'started', 'expired']);
  });

  it('"corrupt 50 %": bursts of rejected frames open the breaker; it closes after the fault ends', async () => {
    const r = await engine.api.injectFault({ kind: 'corrupt', percent: 50, durationMs: 2500 });
    expect(r.ok).toBe(true);
    await until(() => breaker?.state === 'open', 5000, 'breaker open');
    // The trip is the bad-frame burst (a watchdog miss during start-up may be one of the three in a row).
    expect((breaker as BreakerStatus).failures['bad-frames'], JSON.stringify(breaker?.failures)).toBeGreaterThanOrEqual(1);
    expect(breaker?.reason).toMatch(/rejected frames/);
    await until(() => breaker?.state === 'closed', 15_000, 'breaker closed');
    await framesFlow();
    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.metrics.integrity.nonNumeric + snap.value.metrics.integrity.malformed).toBeGreaterThan(0);
  });

  it('Isolate holds SafeState with no data and no probes; Reset resumes measuring', async () => {
    const iso = await engine.api.breakerAction({ action: 'isolate' });
    expect(iso.ok && iso.value.state).toBe('isolated');
    await until(() => device?.state === 'safe', 2000, 'SafeState');
    expect(device?.link).toBe('disconnected');
    await sleep(300);
    const before = frames;
    await sleep(1500);
    expect(frames).toBe(before);
    expect(breaker?.state).toBe('isolated');
    const start = await engine.api.deviceCommand('start');
    expect(!start.ok && start.error.message).toMatch(/circuit breaker is isolated/);
    const reset = await engine.api.breakerAction({ action: 'reset' });
    expect(reset.ok && reset.value.state).toBe('closed');
    await until(() => device?.state === 'measuring', 3000, 'measuring again');
    await framesFlow();
    const again = await engine.api.breakerAction({ action: 'reset' });
    expect(!again.ok && again.error.message).toMatch(/already closed/);
  });

  it('refuses faults while disconnected and names out-of-range fields; the journal keeps the refusal', async () => {
    const bad = await engine.api.injectFault({ kind: 'corrupt', percent: 150 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('validation');
    expect(!bad.ok && bad.error.issues?.map((i) => i.path)).toEqual(['percent']);
    const badLatency = await engine.api.injectFault({ kind: 'latency', latencyMs: -5, jitterMs: 20 });
    expect(!badLatency.ok && badLatency.error.issues?.map((i) => i.path)).toEqual(['latencyMs']);
    const off = await engine.api.deviceCommand('disconnect');
    expect(off.ok).toBe(true);
    const refused = await engine.api.injectFault({ kind: 'stall', durationMs: 1000 });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/Connect the device first/);
    expect(journal.some((e) => e.action === 'refused' && e.kind === 'stall')).toBe(true);
  });

  it('faults run for their duration, can be stopped, and the operator disconnect clears them', async () => {
    const a = await engine.api.injectFault({ kind: 'noise', channel: 0, amplitude: 5, durationMs: null });
    const b = await engine.api.injectFault({ kind: 'latency', latencyMs: 20, jitterMs: 10, durationMs: null });
    expect(a.ok && b.ok).toBe(true);
    await until(() => (faultLists.at(-1)?.length ?? 0) === 2, 2000, 'two active faults');
    await framesFlow();
    const stopped = await engine.api.stopFault({ faultId: a.ok ? a.value.id : '' });
    expect(stopped.ok && stopped.value.map((f) => f.kind)).toEqual(['latency']);
    const missing = await engine.api.stopFault({ faultId: 'nope' });
    expect(!missing.ok && missing.error.code).toBe('not-found');
    await engine.api.deviceCommand('disconnect');
    expect(faultLists.at(-1)).toEqual([]);
    expect(journal.some((e) => e.action === 'cleared' && e.kind === 'latency')).toBe(true);
  });

  it('a reboot makes the device silent, then its sequence restarts (counted as a gap, not a crash)', async () => {
    // ch1 carries the sequence number itself (a ramp over 3600 s at 500 Hz): the restart at 0 shows in its values.
    const ramp = { shape: 'ramp', amplitude: 900_000, offset: 900_000, periodSec: 3600 } as const;
    expect((await engine.api.updateConfig({ device: { signals: [ramp] } })).ok).toBe(true);
    await framesFlow();
    const integrity = async () => {
      const s = await engine.api.getSnapshot();
      if (!s.ok) throw new Error(s.error.message);
      const totals = s.value.integrity.links[0]?.totals;
      if (!totals) throw new Error('no integrity totals for the device link');
      return totals;
    };
    const points: { t: number; v: number }[] = [];
    const gapMarks: number[] = [];
    const off = engine.api.on('samples', (b) => {
      for (let i = 0; i < b.t.length; i++) points.push({ t: b.t[i] as number, v: b.y[i] as number });
      gapMarks.push(...(b.gaps ?? []));
    });
    await framesFlow();
    const before = await integrity();
    const r = await engine.api.injectFault({ kind: 'reboot', silentMs: 300 });
    expect(r.ok).toBe(true);
    await sleep(200);
    await framesFlow();
    await framesFlow();
    off();
    expect(breaker?.state ?? 'closed').toBe('closed');
    // The silence: the largest step between plotted points is the reboot. Timestamps are spread back
    // from each batch's arrival by the frame period, so the first frames after it look a little earlier.
    let at = 1;
    for (let i = 2; i < points.length; i++) if (points[i]!.t - points[i - 1]!.t > points[at]!.t - points[at - 1]!.t) at = i;
    expect(points[at]!.t - points[at - 1]!.t).toBeGreaterThanOrEqual(200);
    // Before it the sequence had run on; right after it, it starts again at 0 and counts up.
    expect(points[at - 1]!.v).toBeGreaterThan(100);
    expect(points[at]!.v).toBeCloseTo(0, 3);
    expect(Math.min(...points.slice(at).map((p) => p.v))).toBeCloseTo(0, 3);
    // Exactly one sequence gap, marked where the data resumed; a restart loses no frames by its count.
    await until(() => gapMarks.length > 0, 2000, 'the gap marker');
    expect(gapMarks).toHaveLength(1);
    expect(gapMarks[0]).toBe(points[at]!.t);
    // The integrity report is sampled (≤ 4 Hz) and may predate the restart: wait for one that counts it,
    // then for a later one well past it, and compare exactly (still one gap, nothing lost).
    await expect.poll(async () => (await integrity()).seqGaps - before.seqGaps, { timeout: 3000 }).toBe(1);
    const counted = await integrity();
    await expect.poll(async () => (await integrity()).framesOk, { timeout: 3000 }).toBeGreaterThan(counted.framesOk + 100);
    const after = await integrity();
    expect(after.seqGaps - before.seqGaps).toBe(1);
    expect(after.framesLost - before.framesLost).toBe(0);
  });

  it('error replies to commands are command errors for the breaker; the console shows the replies', async () => {
    let consoleText = '';
    engine.api.on('console', (b) => {
      for (const e of b.entries) consoleText += `${e.dir}:${Buffer.from(e.data, 'base64').toString('latin1')}`;
    });
    const ok1 = await engine.api.sendToDevice({ data: 'PING', encoding: 'text', lineEnding: 'lf' });
    expect(ok1.ok).toBe(true);
    await until(() => consoleText.includes('rx:OK\n'), 2000, 'the OK reply in the console');
    expect(consoleText).toContain('tx:PING\n');
    await engine.api.injectFault({ kind: 'error-replies', percent: 100, durationMs: null });
    for (let i = 0; i < 3; i++) {
      const r = await engine.api.sendToDevice({ data: 'PING', encoding: 'text', lineEnding: 'lf' });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/PING/);
    }
    await until(() => breaker?.state === 'open', 3000, 'breaker open on command errors');
    expect((breaker as BreakerStatus).failures['command-error']).toBe(3);
    await until(() => consoleText.includes('rx:ERR The device replied with an error to the command "PING"'), 2000, 'the error reply in the console');
  });
});
