// Sample times never run backwards: for any arrival pattern the times handed out are
// strictly increasing whole microseconds, and they never run ahead of the arrivals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SampleClock } from '../../../src-main/engine/pipeline/sample-clock.js';

/** Slot times of a batch in whole microseconds, as the pool computes them (t0 + k·step) and the export rounds them. */
function micros(t0: number, step: number, slots: number): number[] {
  return Array.from({ length: slots }, (_, k) => Math.round((t0 + k * step) * 1000));
}

const arrivalPattern = fc.array(
  fc.record({
    // Gap since the previous batch: bursts (0), jitter, stalls; negative = the wall clock stepped back.
    gapMs: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 50, max: 3000, noNaN: true }), fc.double({ min: -20, max: 0, noNaN: true })),
    slots: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 100, max: 3000 })),
  }),
  { minLength: 1, maxLength: 60 },
);

describe('SampleClock', () => {
  it('for any arrival pattern and period, times are strictly increasing microseconds', () => {
    fc.assert(
      fc.property(arrivalPattern, fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 20, noNaN: true })), (batches, periodMs) => {
        const clock = new SampleClock();
        let arrival = 1_765_000_000_000.123;
        let last = Number.NEGATIVE_INFINITY;
        for (const b of batches) {
          arrival += b.gapMs;
          const { t0, step } = clock.assign(arrival, b.slots, periodMs);
          for (const t of micros(t0, step, b.slots)) {
            if (!(t > last)) expect.fail(`time ${t} µs after ${last} µs (batch of ${b.slots} at ${arrival}, period ${periodMs})`);
            last = t;
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('with room, a batch ends at its arrival and is spread back by the period', () => {
    const clock = new SampleClock();
    expect(clock.assign(1000, 5, 0.2)).toEqual({ t0: 999.2, step: 0.2 });
    // Next batch 10 ms later: no overlap, the same rule.
    expect(clock.assign(1010, 3, 0.2)).toEqual({ t0: 1009.6, step: 0.2 });
  });

  it('overlapping batches are squeezed between the last sample and the arrival, never before it', () => {
    const clock = new SampleClock();
    clock.assign(1000, 5, 1); // 996 … 1000
    // 10 frames 2 ms later would start at 993: they go between 1000 and 1002 instead.
    const { t0, step } = clock.assign(1002, 10, 1);
    expect(step).toBe(0.2);
    expect(t0).toBe(1000.2);
    expect(t0 + 9 * step).toBeCloseTo(1002, 9);
  });

  it('a wall clock that steps back still yields later times (1 µs apart)', () => {
    const clock = new SampleClock();
    clock.assign(1000, 2, 1);
    expect(clock.assign(990, 3, 1)).toEqual({ t0: 1000.001, step: 0.001 });
  });

  it('reset starts over from the next arrival', () => {
    const clock = new SampleClock();
    clock.assign(5000, 2, 1);
    clock.reset();
    expect(clock.assign(100, 1, 1)).toEqual({ t0: 100, step: 1 });
  });
});
