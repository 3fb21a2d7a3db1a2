import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlarmRuleSchema, type AlarmRuleInput } from '@shared/alarms/rules.js';
import { AlarmEvaluator, type ConditionEvent } from '../../../src-main/engine/alarms/evaluator.js';

const T0 = 1_700_000_000_000;

/** One channel sampled every `periodMs` from T0. */
function feed(ev: AlarmEvaluator, values: number[], periodMs = 1, startIndex = 0, channels = 1, channel = 0): ConditionEvent[] {
  const t = Float64Array.from(values, (_, i) => T0 + (startIndex + i) * periodMs);
  const v = new Float64Array(values.length * channels);
  values.forEach((x, i) => (v[i * channels + channel] = x));
  const out: ConditionEvent[] = [];
  ev.evaluate(t, v, values.length, channels, out);
  return out;
}
const evaluator = (rule: Omit<AlarmRuleInput, 'channel'> & { channel?: number }): AlarmEvaluator => new AlarmEvaluator([AlarmRuleSchema.parse({ channel: 0, ...rule })]);
const brief = (es: ConditionEvent[]) => es.map((e) => `${e.type}:${e.condition}@${e.t - T0}`);

describe('AlarmEvaluator', () => {
  it('raises at the crossing sample and returns when back inside', () => {
    const ev = evaluator({ hi: { value: 10 } });
    const out = feed(ev, [0, 5, 9.99, 10, 12, 11, 9, 3]);
    expect(brief(out)).toEqual(['occur:hi@3', 'return:hi@6']);
    expect(out[0]).toMatchObject({ value: 10, limit: 10, kind: 'level', channel: 0 });
  });

  it('deadband: stays latched until the value is deadband below the limit', () => {
    const ev = evaluator({ hi: { value: 10, deadband: 1 } });
    expect(brief(feed(ev, [11, 9.5, 10.5, 9.1, 10, 8.9, 9.5]))).toEqual(['occur:hi@0', 'return:hi@5']);
  });

  it('low limits work mirrored, and a direct Hi → Lo swing reports both', () => {
    const ev = evaluator({ hi: { value: 10 }, lo: { value: -10, deadband: 1 } });
    expect(brief(feed(ev, [0, -10, -9.5, -8.9, 11, 0]))).toEqual(['occur:lo@1', 'return:hi@3', 'occur:hi@4', 'return:hi@5']);
  });

  it('on-delay: fires at the first sample held for the delay; crossedAt is the crossing sample', () => {
    const ev = evaluator({ hi: { value: 10 }, onDelaySec: 0.005 });
    const out = feed(ev, [0, 11, 11, 11, 11, 11, 11, 11]);
    expect(brief(out)).toEqual(['occur:hi@6']);
    expect(out[0]?.crossedAt).toBe(T0 + 1);
  });

  it('off-delay: returns only after the value stayed inside for the delay', () => {
    const ev = evaluator({ hi: { value: 10 }, offDelaySec: 0.003 });
    expect(brief(feed(ev, [11, 0, 0, 11, 0, 0, 0, 0]))).toEqual(['occur:hi@0', 'return:hi@7']);
  });

  it('delays count in sample time across batches', () => {
    const ev = evaluator({ hi: { value: 10 }, onDelaySec: 0.01 });
    const a = feed(ev, [11, 11, 11, 11], 2, 0);
    const b = feed(ev, [11, 11, 11, 11], 2, 4);
    expect(a).toEqual([]);
    expect(brief(b)).toEqual(['occur:hi@10']);
  });

  it('escalates Hi → HiHi and de-escalates back', () => {
    const ev = evaluator({ hi: { value: 10 }, hihi: { value: 20, priority: 'critical' }, priority: 'high' });
    const out = feed(ev, [0, 12, 21, 15, 5]);
    expect(brief(out)).toEqual(['occur:hi@1', 'occur:hihi@2', 'occur:hi@3', 'return:hi@4']);
    expect(out.map((e) => e.priority)).toEqual(['high', 'critical', 'high', 'high']);
  });

  it('rate of change over a window, sample-accurately', () => {
    const ev = evaluator({ rateOfChange: { maxPerSec: 100, windowSec: 0.01 } }); // 0.1 per ms
    // Flat for 20 ms, then a ramp of 0.25 per ms: the 10 ms window first holds a rise of 1.0 (100/s) at sample 23.
    const values = [...Array(20).fill(0), ...Array.from({ length: 30 }, (_, i) => (i + 1) * 0.25), ...Array(30).fill(7.5)];
    const out = feed(ev, values);
    expect(brief(out)).toEqual(['occur:roc@23', 'return:roc@56']);
    expect(out[0]?.value).toBeCloseTo(100, 6);
  });

  it('remembers the newest sample time per ruled channel', () => {
    const ev = new AlarmEvaluator([AlarmRuleSchema.parse({ channel: 1, stale: { timeoutSec: 1 } })]);
    expect(ev.lastSampleAt(1)).toBeNaN();
    feed(ev, [1, 2, 3], 1, 0, 2, 1);
    expect(ev.lastSampleAt(1)).toBe(T0 + 2);
  });

  it('seeded with an active condition, it returns once the value is inside', () => {
    const ev = evaluator({ hi: { value: 10 } });
    ev.seed(0, 'level', 'hi');
    expect(brief(feed(ev, [11, 5]))).toEqual(['return:hi@1']);
  });

  it('property: noise oscillating within the deadband around a limit gives exactly one alarm', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.99, max: 0.99, noNaN: true }), { minLength: 1, maxLength: 500 }), fc.integer({ min: 0, max: 5 }), (noise, onMs) => {
        const ev = evaluator({ hi: { value: 10, deadband: 1 }, onDelaySec: onMs / 1000 });
        // First a clear excursion above the limit held past the on-delay, then noise within ±deadband around the limit.
        const out = feed(ev, [0, ...Array(onMs + 1).fill(11), ...noise.map((n) => 10 + n * 0.999)]);
        expect(out.filter((e) => e.type === 'occur')).toHaveLength(1);
        expect(out.filter((e) => e.type === 'return')).toHaveLength(0);
      }),
    );
  });

  it('property: an excursion shorter than the on-delay produces no alarm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 1, max: 49 }), fc.double({ min: 10, max: 1e6, noNaN: true }), (onMs, len, peak) => {
        fc.pre(len < onMs);
        const ev = evaluator({ hi: { value: 10 }, onDelaySec: onMs / 1000 });
        // `len` samples 1 ms apart above the limit span len − 1 ms < on-delay.
        expect(feed(ev, [0, ...Array(len).fill(peak), ...Array(100).fill(0)])).toEqual([]);
      }),
    );
  });
});
