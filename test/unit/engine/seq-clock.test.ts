// Sample time from a sequence number at a known rate: the device's timebase exactly while it
// agrees with arrival, wrap and restarts handled, drift corrected slowly, never backwards.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLEW_DOWN, SLEW_UP, SeqClock } from '../../../src-main/engine/pipeline/seq-clock.js';

const T0 = 1_765_000_000_000;

describe('SeqClock', () => {
  it('a device at its rate, arriving in batches: anchored at the first arrival, each step within the slew of the 1 ms period', () => {
    const c = new SeqClock({ rateHz: 1000 });
    // Frames arrive in batches of 10 (the arrival is the batch's newest frame + 3 ms).
    const times: number[] = [];
    for (let seq = 0; seq < 100; seq++) times.push(c.place(seq, T0 + 3 + Math.floor(seq / 10) * 10 + 9));
    // The first frame anchors at its arrival (T0 + 12); the others follow the device's 1 ms step.
    // Earlier frames of each batch arrived late, which may only nudge the anchor by SLEW_UP per frame.
    expect(times[0]).toBe(T0 + 12);
    for (let k = 1; k < 100; k++) {
      const step = (times[k] as number) - (times[k - 1] as number);
      expect(step).toBeGreaterThanOrEqual(1 - SLEW_DOWN - 0.001);
      expect(step).toBeLessThanOrEqual(1 + SLEW_UP + 0.001);
    }
  });

  it('with one arrival per frame and a constant delay the times are the device timebase to the microsecond', () => {
    const c = new SeqClock({ rateHz: 250 });
    const times = Array.from({ length: 50 }, (_, seq) => c.place(seq, T0 + seq * 4 + 1.5));
    expect(times).toEqual(Array.from({ length: 50 }, (_, seq) => T0 + 1.5 + seq * 4));
  });

  it('lost frames keep their time: a jump of 5 in the sequence is 5 periods', () => {
    const c = new SeqClock({ rateHz: 100 });
    expect([c.place(7, T0), c.place(8, T0 + 10), c.place(13, T0 + 60), c.place(14, T0 + 70)]).toEqual([T0, T0 + 10, T0 + 60, T0 + 70]);
  });

  it('a u16 counter wraps from 65535 to 0 without a step back', () => {
    const c = new SeqClock({ rateHz: 1000, modulo: 65536 });
    const seqs = [65533, 65534, 65535, 0, 1, 2];
    expect(seqs.map((s, k) => c.place(s, T0 + k))).toEqual([T0, T0 + 1, T0 + 2, T0 + 3, T0 + 4, T0 + 5]);
    expect(c.restarts).toBe(0);
  });

  it('a restart (the counter back at 0) re-anchors at the arrival, still after the last time', () => {
    const c = new SeqClock({ rateHz: 1000 });
    const before = [c.place(500, T0), c.place(501, T0 + 1), c.place(502, T0 + 2)];
    // Rebooted: counting from 0 again, 2 s later.
    const after = [c.place(0, T0 + 2002), c.place(1, T0 + 2003)];
    expect(before).toEqual([T0, T0 + 1, T0 + 2]);
    expect(after).toEqual([T0 + 2002, T0 + 2003]);
    expect(c.restarts).toBe(1);
    // A restart whose arrival is not after the last time: placed one period after it.
    const d = new SeqClock({ rateHz: 1000 });
    expect([d.place(9, T0 + 5), d.place(3, T0 + 5)]).toEqual([T0 + 5, T0 + 6]);
  });

  it('a device clock 200 ppm slow is followed: after 100 000 frames time is within a period of arrival (uncorrected it would be 20 ms behind)', () => {
    const c = new SeqClock({ rateHz: 1000 });
    let last = 0;
    for (let seq = 0; seq <= 100_000; seq++) last = c.place(seq, T0 + seq * 1.0002);
    expect(Math.abs(last - (T0 + 100_000 * 1.0002))).toBeLessThan(1);
  });

  it('a device clock 500 ppm fast never puts a sample after its arrival by more than a period', () => {
    const c = new SeqClock({ rateHz: 1000 });
    let worst = 0;
    for (let seq = 0; seq <= 100_000; seq++) {
      const arrival = T0 + seq * 0.9995;
      worst = Math.max(worst, c.place(seq, arrival) - arrival);
    }
    expect(worst).toBeLessThan(1);
  });

  it('for any arrivals, gaps, wraps and restarts the times are strictly increasing whole microseconds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 40 }), fc.integer({ min: -70_000, max: 70_000 })), jitter: fc.integer({ min: -5_000, max: 50_000 }) }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0, 256, 65536),
        (frames, modulo) => {
          const c = new SeqClock({ rateHz: 500, modulo, maxJump: 1000 });
          let seq = 0;
          let arrival = T0;
          let prev = Number.NEGATIVE_INFINITY;
          for (const f of frames) {
            seq = modulo > 0 ? (((seq + f.step) % modulo) + modulo) % modulo : Math.max(0, seq + f.step);
            arrival += f.jitter / 1000;
            const t = c.place(seq, arrival);
            expect(t).toBeGreaterThan(prev);
            expect(Number.isInteger(Math.round(t * 1000)) && Math.abs(t * 1000 - Math.round(t * 1000)) < 1e-3).toBe(true);
            prev = t;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
