import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultRequestSchema, type FaultRequestInput } from '@shared/domain/faults.js';
import { DEVICE_VALUE_LIMIT, DeviceFaultModel, isDeviceFault, type DeviceFault } from '../../../../src-main/engine/faults/device-faults.js';

function fault(input: FaultRequestInput): DeviceFault {
  return FaultRequestSchema.parse(input) as DeviceFault;
}

/** A model on a hand-driven clock. */
function model(random: () => number = () => 0.5): { m: DeviceFaultModel; clock: { t: number } } {
  const clock = { t: 1_000_000 };
  return { m: new DeviceFaultModel({ random, now: () => clock.t }), clock };
}

describe('DeviceFaultModel', () => {
  it('is inactive without faults and returns values unchanged', () => {
    const { m } = model();
    expect(m.active).toBe(false);
    expect(m.transform(0, 0, 1.5)).toBe(1.5);
    expect(m.commandError('START')).toBeUndefined();
  });

  it('isDeviceFault tells device faults from link faults', () => {
    expect(isDeviceFault(FaultRequestSchema.parse({ kind: 'reboot' }))).toBe(true);
    expect(isDeviceFault(FaultRequestSchema.parse({ kind: 'error-replies', percent: 5 }))).toBe(true);
    expect(isDeviceFault(FaultRequestSchema.parse({ kind: 'stall' }))).toBe(false);
  });

  it('a reboot alone does not make the model active (the device handles it)', () => {
    const { m, clock } = model();
    m.setFaults([{ id: 'r', fault: fault({ kind: 'reboot' }), startedAt: clock.t }]);
    expect(m.active).toBe(false);
  });

  it('stuck repeats the value of the first frame after the start, on its channel only', () => {
    const { m, clock } = model();
    m.setFaults([{ id: 's', fault: fault({ kind: 'stuck', channel: 2 }), startedAt: clock.t }]);
    expect(m.active).toBe(true);
    expect(m.transform(10, 2, 4.25)).toBe(4.25);
    expect(m.transform(11, 2, 5)).toBe(4.25);
    expect(m.transform(12, 2, -3)).toBe(4.25);
    expect(m.transform(12, 1, -3)).toBe(-3);
    expect(m.affected('s')).toBe(3);
  });

  it('a stuck fault keeps its held value when the fault list changes around it', () => {
    const { m, clock } = model();
    const stuck = { id: 's', fault: fault({ kind: 'stuck', channel: 0 }), startedAt: clock.t };
    m.setFaults([stuck]);
    m.transform(0, 0, 7);
    m.setFaults([stuck, { id: 'n', fault: fault({ kind: 'noise', channel: 1 }), startedAt: clock.t }]);
    expect(m.transform(1, 0, 9)).toBe(7);
  });

  it('spike adds the magnitude on one frame per interval, the first at the start', () => {
    const { m, clock } = model();
    m.setFaults([{ id: 'p', fault: fault({ kind: 'spike', channel: 0, magnitude: 100, intervalMs: 1000 }), startedAt: clock.t }]);
    const seen: number[] = [];
    // 10 ms per frame for 3.5 s
    for (let f = 0; f < 350; f++) {
      seen.push(m.transform(f, 0, 1));
      clock.t += 10;
    }
    const spikes = seen.flatMap((v, i) => (v === 101 ? [i] : []));
    expect(spikes).toEqual([0, 100, 200, 300]);
    expect(seen.filter((v) => v !== 1 && v !== 101)).toEqual([]);
    expect(m.affected('p')).toBe(4);
  });

  it('spike after a long gap spikes once, not once per missed interval', () => {
    const { m, clock } = model();
    m.setFaults([{ id: 'p', fault: fault({ kind: 'spike', channel: 0, magnitude: 5, intervalMs: 100 }), startedAt: clock.t }]);
    expect(m.transform(0, 0, 0)).toBe(5);
    clock.t += 10_050;
    expect(m.transform(1, 0, 0)).toBe(5);
    expect(m.transform(2, 0, 0)).toBe(0);
    clock.t += 50;
    expect(m.transform(3, 0, 0)).toBe(5);
  });

  it('drift adds perSec × seconds since the start', () => {
    const { m, clock } = model();
    const start = clock.t;
    m.setFaults([{ id: 'd', fault: fault({ kind: 'drift', channel: 1, perSec: 2 }), startedAt: start }]);
    expect(m.transform(0, 1, 10)).toBe(10);
    clock.t = start + 2500;
    expect(m.transform(1, 1, 10)).toBeCloseTo(15, 9);
  });

  it('noise stays within ± amplitude and uses the injected random source', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.999999, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (r, amplitude) => {
        const { m, clock } = model(() => r);
        m.setFaults([{ id: 'n', fault: fault({ kind: 'noise', channel: 0, amplitude }), startedAt: clock.t }]);
        const v = m.transform(0, 0, 50);
        expect(v).toBeCloseTo(50 + (2 * r - 1) * amplitude, 6);
        expect(Math.abs(v - 50)).toBeLessThanOrEqual(amplitude + 1e-9);
      }),
    );
  });

  it('out-of-range reports the value, clamped to what the device can write', () => {
    const { m, clock } = model();
    m.setFaults([
      { id: 'o', fault: fault({ kind: 'out-of-range', channel: 0, value: 123456 }), startedAt: clock.t },
      { id: 'b', fault: fault({ kind: 'out-of-range', channel: 1, value: -1e12 }), startedAt: clock.t },
      { id: 'x', fault: fault({ kind: 'spike', channel: 1, magnitude: -1e9 }), startedAt: clock.t },
    ]);
    expect(m.transform(0, 0, 1)).toBe(123456);
    expect(m.transform(0, 1, 1)).toBe(-DEVICE_VALUE_LIMIT);
  });

  it('faults on one channel compose in the order given', () => {
    const { m, clock } = model();
    m.setFaults([
      { id: 'o', fault: fault({ kind: 'out-of-range', channel: 0, value: 10 }), startedAt: clock.t },
      { id: 'd', fault: fault({ kind: 'drift', channel: 0, perSec: 1 }), startedAt: clock.t - 3000 },
    ]);
    expect(m.transform(0, 0, 1)).toBeCloseTo(13, 9);
  });

  it('removed faults stop applying and are no longer counted', () => {
    const { m, clock } = model();
    m.setFaults([{ id: 'o', fault: fault({ kind: 'out-of-range', channel: 0, value: 9 }), startedAt: clock.t }]);
    m.transform(0, 0, 1);
    m.setFaults([]);
    expect(m.active).toBe(false);
    expect(m.transform(1, 0, 1)).toBe(1);
    expect(m.affected('o')).toBe(0);
  });

  it.each([
    [0, 0],
    [100, 200],
  ])('error-replies at %d %% answers %d of 200 commands with an error naming the command', (percent, errors) => {
    const { m, clock } = model(Math.random);
    m.setFaults([{ id: 'e', fault: fault({ kind: 'error-replies', percent }), startedAt: clock.t }]);
    expect(m.active).toBe(true);
    let n = 0;
    for (let i = 0; i < 200; i++) {
      const err = m.commandError(`SET RATE ${i}`);
      if (err) {
        n++;
        expect(err.message).toMatch(/replied with an error/);
        expect(err.message).toContain(`SET RATE ${i}`);
      }
    }
    expect(n).toBe(errors);
    expect(m.affected('e')).toBe(errors);
  });

  it('error-replies at 30 % fails about 30 % of commands', () => {
    let s = 42;
    const random = (): number => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
    const { m, clock } = model(random);
    m.setFaults([{ id: 'e', fault: fault({ kind: 'error-replies', percent: 30 }), startedAt: clock.t }]);
    let n = 0;
    for (let i = 0; i < 2000; i++) if (m.commandError('PING')) n++;
    expect(n).toBeGreaterThan(500);
    expect(n).toBeLessThan(700);
  });
});

describe('DeviceFaultModel: replacing faults on sparse channels', () => {
  it('a fault on a later channel, then a new set, keeps working (no crash on unused channels)', () => {
    const m = new DeviceFaultModel({ random: () => 0, now: () => 0 });
    m.setFaults([{ id: 'a', fault: FaultRequestSchema.parse({ kind: 'stuck', channel: 3 }) as DeviceFault, startedAt: 0 }]);
    expect(() =>
      m.setFaults([{ id: 'b', fault: FaultRequestSchema.parse({ kind: 'error-replies', percent: 100 }) as DeviceFault, startedAt: 0 }]),
    ).not.toThrow();
    expect(m.commandError('MEAS?')?.message).toMatch(/MEAS\?/);
  });
});
