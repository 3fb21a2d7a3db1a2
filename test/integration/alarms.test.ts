// Alarms end to end below the UI: the simulated device (scripted spike, ramp and stall)
// → line framer → real worker threads → in-order release → alarm manager. Alarm times
// must be the timestamps of the samples that crossed, as the workers stamped them.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alarm, JournalEntry } from '@shared/alarms/alarm.js';
import { AlarmRuleSchema } from '@shared/alarms/rules.js';
import { AlarmManager } from '../../src-main/engine/alarms/alarm-manager.js';
import { SimulatedDevice } from '../../src-main/engine/link/simulated-device.js';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { testWorker } from '../helpers/worker.js';

const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function until(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const SPIKE_SEQ = 1000;
const RAMP_FROM = 1300; // ch2 rises 0.01 per frame from here: Hi (5) at seq 1800, HiHi (8) at seq 2100
const STALL_AFTER = 2500;

describe('alarms with real worker threads', () => {
  it('a spike, a ramp through Hi then HiHi, and a stall give the expected alarms at sample time', async () => {
    const pool = new WorkerPool({ workerFile: testWorker.workerFile, execArgv: testWorker.workerExecArgv, threads: 2 });
    pools.push(pool);
    const manager = new AlarmManager();
    const rules = [
      { channel: 0, hi: { value: 50 }, priority: 'critical', message: 'spike' },
      { channel: 1, hi: { value: 5, deadband: 0.5 }, hihi: { value: 8, priority: 'critical' }, onDelaySec: 0.02, priority: 'high', message: 'ramp' },
      { channel: 2, stale: { timeoutSec: 0.8 }, priority: 'medium', message: 'stalled' },
    ].map((r) => AlarmRuleSchema.parse(r));
    manager.configure(rules, 3, Date.now());

    // Every full-resolution sample as the workers stamped it, to check alarm times against.
    const seen: { t: number; v: number[] }[] = [];
    const journal: JournalEntry[] = [];
    let alarms: Alarm[] = [];
    // Where in `seen` the stale alarm went off / came back (sample times are arrival-based and
    // may overlap between batches, so positions, not time order, say which sample it was).
    let staleAtIndex = -1;
    let returnBatchStart = -1;
    const flush = (batchStart = -1): void => {
      const f = manager.flush();
      for (const e of f.journal) {
        if (e.alarmId === 'ch3:stale' && e.action === 'occur' && staleAtIndex < 0) staleAtIndex = seen.length - 1;
        if (e.alarmId === 'ch3:stale' && e.action === 'return' && returnBatchStart < 0) returnBatchStart = batchStart;
      }
      journal.push(...f.journal);
      if (f.alarms) alarms = f.alarms;
    };
    const pipeline = new Pipeline({
      pool,
      channels: 3,
      periodMs: 1,
      bucketMs: 0,
      queueCapacity: 1000,
      overflowPolicy: 'reject',
      publishHz: 60,
      onPublish: () => undefined,
      onFull: ({ data, frames, channels }) => {
        const t = data.subarray(0, frames);
        const values = data.subarray(frames);
        const start = seen.length;
        for (let f = 0; f < frames; f++) seen.push({ t: t[f] as number, v: Array.from(values.subarray(f * channels, (f + 1) * channels)) });
        manager.onFrames(t, values, frames, channels);
        flush(start);
      },
    });
    pipeline.setFullResolution(manager.needsFrames);

    let stalled = false;
    const device = new SimulatedDevice(
      { channels: 3, rateHz: 1000, signals: [] },
      {
        script: {
          value: (seq, c) => {
            if (c === 0) return seq === SPIKE_SEQ ? 100 : 0;
            if (c === 1) return seq < RAMP_FROM ? 0 : (seq - RAMP_FROM) * 0.01;
            return 1;
          },
          silent: () => stalled,
        },
      },
    );
    device.onData((chunk) => pipeline.ingest(chunk));
    await device.open();
    device.setMeasuring(true);
    // The stale clock starts shortly before the stall: on a loaded test machine, worker start-up
    // or a busy event loop can hold releases back long enough to look stale on their own.
    await until(() => device.framesProduced >= STALL_AFTER - 200);
    manager.setMeasuring(true, Date.now());
    const ticker = setInterval(() => {
      manager.tick(Date.now());
      flush();
    }, 20);
    await until(() => device.framesProduced >= STALL_AFTER);
    stalled = true;
    await until(() => alarms.some((a) => a.id === 'ch3:stale' && a.active));
    stalled = false;
    await until(() => journal.some((e) => e.alarmId === 'ch3:stale' && e.action === 'return'));
    device.setMeasuring(false);
    clearInterval(ticker);
    await pipeline.idle();
    pipeline.close();

    const byValue = (c: number, pred: (v: number) => boolean) => seen.find((s) => pred(s.v[c] as number));
    const first = (id: string, action: string) => journal.find((e) => e.alarmId === id && e.action === action);

    // Spike: occurs at the spike sample's own timestamp and returns at the next sample.
    const spike = byValue(0, (v) => v === 100);
    expect(first('ch1:level', 'occur')).toMatchObject({ t: spike?.t, value: 100, limit: 50, condition: 'hi', priority: 'critical', to: 'unack' });
    const afterSpike = seen[seen.indexOf(spike!) + 1];
    expect(first('ch1:level', 'return')).toMatchObject({ t: afterSpike?.t, to: 'rtn-unack' });

    // Ramp: Hi after the 20 ms on-delay counted in sample time from the crossing sample, then escalation to HiHi.
    const after = (s: { t: number }, pred: (x: { t: number }) => boolean) => seen.slice(seen.indexOf(s as (typeof seen)[number])).find(pred);
    const crossHi = byValue(1, (v) => v >= 5)!;
    const hiFire = after(crossHi, (s) => s.t - crossHi.t >= 20) as (typeof seen)[number];
    const hi = first('ch2:level', 'occur');
    expect(hi).toMatchObject({ t: hiFire.t, condition: 'hi', priority: 'high', value: hiFire.v[1] });
    const alarmHi = alarms.find((a) => a.id === 'ch2:level');
    const crossHiHi = byValue(1, (v) => v >= 8)!;
    const hihiFire = after(crossHiHi, (s) => s.t - crossHiHi.t >= 20) as (typeof seen)[number];
    expect(first('ch2:level', 're-alarm')).toMatchObject({ t: hihiFire.t, condition: 'hihi', priority: 'critical', from: 'unack', to: 'unack' });
    expect(alarmHi).toMatchObject({ condition: 'hihi', crossedAt: crossHiHi.t, occurredAt: hihiFire.t, state: 'unack' });

    // Stall: stale from the last sample before the stall + timeout; back to normal at the first sample after.
    const stale = first('ch3:stale', 'occur')!;
    expect(stale.t).toBeCloseTo((seen[staleAtIndex]?.t ?? NaN) + 800, 6);
    expect(first('ch3:stale', 'return')).toMatchObject({ t: seen[returnBatchStart]?.t, to: 'rtn-unack' });

    // The order operators see in the journal.
    expect(journal.map((e) => `${e.alarmId}:${e.action}`)).toEqual([
      'ch1:level:occur',
      'ch1:level:return',
      'ch2:level:occur',
      'ch2:level:re-alarm',
      'ch3:stale:occur',
      'ch3:stale:return',
    ]);
    expect(pipeline.counters.linesDropped).toBe(0);
  }, 30_000);
});
