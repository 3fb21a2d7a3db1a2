import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { OverflowPolicy } from '@shared/domain/metrics.js';
import { BoundedQueue } from '../../../src-main/engine/pipeline/bounded-queue.js';

function drain<T>(q: BoundedQueue<T>): T[] {
  const out: T[] = [];
  let item: T | undefined;
  while ((item = q.shift()) !== undefined) out.push(item);
  return out;
}

function fill(q: BoundedQueue<number>, from: number, to: number): void {
  for (let i = from; i < to; i++) q.push(i);
}

describe('BoundedQueue basics', () => {
  it('delivers in FIFO order, across ring wrap-around', () => {
    const q = new BoundedQueue<number>({ capacity: 4, policy: 'reject' });
    fill(q, 0, 3);
    expect(q.shift()).toBe(0);
    expect(q.shift()).toBe(1);
    fill(q, 3, 6); // wraps the ring
    expect(q.depth).toBe(4);
    expect(drain(q)).toEqual([2, 3, 4, 5]);
    expect(q.shift()).toBeUndefined();
    expect(q.depth).toBe(0);
  });

  it('exposes capacity and depth', () => {
    const q = new BoundedQueue<string>({ capacity: 3, policy: 'drop-oldest' });
    expect(q.capacity).toBe(3);
    expect(q.depth).toBe(0);
    q.push('a');
    q.push('b');
    expect(q.depth).toBe(2);
  });

  it('shift on an empty queue does not count a delivery', () => {
    const q = new BoundedQueue<number>({ capacity: 2, policy: 'reject' });
    expect(q.shift()).toBeUndefined();
    expect(q.stats().delivered).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('constructor rejects capacity %s', (capacity) => {
    expect(() => new BoundedQueue<number>({ capacity, policy: 'reject' })).toThrow(RangeError);
  });

  it('accepts capacity 1', () => {
    const q = new BoundedQueue<number>({ capacity: 1, policy: 'drop-oldest' });
    q.push(1);
    q.push(2);
    expect(drain(q)).toEqual([2]);
    expect(q.stats()).toMatchObject({ enqueued: 2, delivered: 1, dropped: 1, depth: 0 });
  });
});

describe('drop-oldest policy', () => {
  it('drops exactly the oldest item and hands it to onDrop', () => {
    const onDrop = vi.fn();
    const q = new BoundedQueue<number>({ capacity: 3, policy: 'drop-oldest', onDrop });
    fill(q, 0, 3);
    expect(onDrop).not.toHaveBeenCalled();
    expect(q.push(3)).toBe(true);
    expect(onDrop).toHaveBeenCalledTimes(1);
    expect(onDrop).toHaveBeenLastCalledWith(0);
    expect(q.push(4)).toBe(true);
    expect(onDrop).toHaveBeenCalledTimes(2);
    expect(onDrop).toHaveBeenLastCalledWith(1);
    expect(q.depth).toBe(3);
    expect(drain(q)).toEqual([2, 3, 4]);
    expect(q.stats()).toMatchObject({ enqueued: 5, delivered: 3, dropped: 2, rejected: 0, depth: 0 });
  });

  it('drops the right items after the ring has wrapped', () => {
    const dropped: number[] = [];
    const q = new BoundedQueue<number>({ capacity: 3, policy: 'drop-oldest', onDrop: (x) => dropped.push(x) });
    fill(q, 0, 3);
    q.shift(); // 0
    q.push(3); // ring now wraps: [1,2,3]
    q.push(4); // drops 1
    q.push(5); // drops 2
    expect(dropped).toEqual([1, 2]);
    expect(drain(q)).toEqual([3, 4, 5]);
  });
});

describe('reject policy', () => {
  it('refuses new items when full, counts them, keeps the old ones', () => {
    const onDrop = vi.fn();
    const q = new BoundedQueue<number>({ capacity: 2, policy: 'reject', onDrop });
    expect(q.push(1)).toBe(true);
    expect(q.push(2)).toBe(true);
    expect(q.push(3)).toBe(false);
    expect(q.push(4)).toBe(false);
    expect(onDrop).not.toHaveBeenCalled();
    expect(q.stats()).toMatchObject({ enqueued: 2, rejected: 2, dropped: 0, depth: 2 });
    expect(drain(q)).toEqual([1, 2]);
    expect(q.push(5)).toBe(true);
    expect(q.stats()).toMatchObject({ enqueued: 3, delivered: 2, rejected: 2, dropped: 0, depth: 1 });
  });
});

describe('stats', () => {
  it('keeps exact counters: enqueued = delivered + dropped + depth', () => {
    const q = new BoundedQueue<number>({ capacity: 5, policy: 'drop-oldest' });
    fill(q, 0, 12); // 7 dropped
    q.shift();
    q.shift();
    const s = q.stats();
    expect(s).toEqual({
      capacity: 5,
      policy: 'drop-oldest',
      depth: 3,
      highWater: 5,
      enqueued: 12,
      delivered: 2,
      dropped: 7,
      rejected: 0,
      // on at depth ≥ 4 (80 %), still on at 3: released only at ≤ 2 (50 %)
      backpressure: true,
    });
  });

  it('tracks the high-water mark and resetCounters starts it at the current depth', () => {
    const q = new BoundedQueue<number>({ capacity: 10, policy: 'reject' });
    fill(q, 0, 7);
    drain(q);
    fill(q, 0, 3);
    expect(q.stats().highWater).toBe(7);
    q.resetCounters();
    expect(q.stats()).toMatchObject({ highWater: 3, enqueued: 0, delivered: 0, dropped: 0, rejected: 0, depth: 3 });
    q.push(9);
    expect(q.stats().highWater).toBe(4);
  });
});

describe('backpressure hysteresis', () => {
  it('turns on at 80 % and off at 50 %, one callback per edge', () => {
    const onBackpressure = vi.fn();
    const q = new BoundedQueue<number>({ capacity: 10, policy: 'drop-oldest', onBackpressure });
    fill(q, 0, 7);
    expect(onBackpressure).not.toHaveBeenCalled();
    expect(q.stats().backpressure).toBe(false);
    q.push(7); // depth 8 = 80 %
    expect(onBackpressure).toHaveBeenCalledTimes(1);
    expect(onBackpressure).toHaveBeenLastCalledWith(true);
    expect(q.stats().backpressure).toBe(true);
    fill(q, 8, 20); // stays full, drops; no new edge
    expect(onBackpressure).toHaveBeenCalledTimes(1);
    // Draining: still on at 9, 8, 7, 6 …
    for (let depth = 9; depth >= 6; depth--) {
      q.shift();
      expect(q.depth).toBe(depth);
      expect(q.stats().backpressure).toBe(true);
    }
    expect(onBackpressure).toHaveBeenCalledTimes(1);
    q.shift(); // depth 5 = 50 %
    expect(onBackpressure).toHaveBeenCalledTimes(2);
    expect(onBackpressure).toHaveBeenLastCalledWith(false);
    expect(q.stats().backpressure).toBe(false);
    // Refilling to 7 does not turn it on again; 8 does.
    fill(q, 0, 2);
    expect(q.depth).toBe(7);
    expect(onBackpressure).toHaveBeenCalledTimes(2);
    q.push(2);
    expect(onBackpressure).toHaveBeenCalledTimes(3);
    expect(onBackpressure).toHaveBeenLastCalledWith(true);
  });

  it('honours custom water ratios', () => {
    const edges: boolean[] = [];
    const q = new BoundedQueue<number>({
      capacity: 100,
      policy: 'reject',
      highWaterRatio: 0.3,
      lowWaterRatio: 0.1,
      onBackpressure: (a) => edges.push(a),
    });
    fill(q, 0, 29);
    expect(edges).toEqual([]);
    q.push(29);
    expect(edges).toEqual([true]);
    while (q.depth > 11) q.shift();
    expect(edges).toEqual([true]);
    q.shift();
    expect(q.depth).toBe(10);
    expect(edges).toEqual([true, false]);
  });

  it('clear releases backpressure', () => {
    const edges: boolean[] = [];
    const q = new BoundedQueue<number>({ capacity: 5, policy: 'reject', onBackpressure: (a) => edges.push(a) });
    fill(q, 0, 5);
    expect(edges).toEqual([true]);
    q.clear();
    expect(edges).toEqual([true, false]);
  });
});

describe('clear', () => {
  it('returns the items in order and counts them as dropped', () => {
    const onDrop = vi.fn();
    const q = new BoundedQueue<number>({ capacity: 4, policy: 'drop-oldest', onDrop });
    fill(q, 0, 6); // drops 0, 1
    expect(q.clear()).toEqual([2, 3, 4, 5]);
    expect(q.depth).toBe(0);
    expect(q.shift()).toBeUndefined();
    expect(q.stats()).toMatchObject({ enqueued: 6, delivered: 0, dropped: 6, depth: 0 });
    // clear hands the items back to the caller instead of onDrop
    expect(onDrop).toHaveBeenCalledTimes(2);
    q.push(7);
    expect(drain(q)).toEqual([7]);
  });
});

describe('reconfigure', () => {
  it('shrinking below the depth drops the oldest, keeps order and counts drops', () => {
    const dropped: number[] = [];
    const q = new BoundedQueue<number>({ capacity: 8, policy: 'reject', onDrop: (x) => dropped.push(x) });
    fill(q, 0, 8);
    q.shift();
    q.shift();
    fill(q, 8, 10); // ring wrapped: 2..9
    q.reconfigure(3, 'drop-oldest');
    expect(dropped).toEqual([2, 3, 4, 5, 6]);
    expect(q.capacity).toBe(3);
    expect(q.depth).toBe(3);
    expect(q.stats()).toMatchObject({ capacity: 3, policy: 'drop-oldest', enqueued: 10, delivered: 2, dropped: 5 });
    q.push(10); // new policy applies: drops 7
    expect(dropped.at(-1)).toBe(7);
    expect(drain(q)).toEqual([8, 9, 10]);
  });

  it('growing keeps every item in order and the new room is usable', () => {
    const q = new BoundedQueue<number>({ capacity: 3, policy: 'drop-oldest' });
    fill(q, 0, 3);
    q.shift();
    q.push(3); // wrapped
    q.reconfigure(6, 'reject');
    expect(q.stats()).toMatchObject({ capacity: 6, policy: 'reject', depth: 3, dropped: 0 });
    fill(q, 4, 7);
    expect(q.push(99)).toBe(false);
    expect(drain(q)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(q.stats()).toMatchObject({ enqueued: 7, delivered: 7, dropped: 0, rejected: 1 });
  });

  it.each([0, -3, 2.5, Number.NaN])('rejects capacity %s and leaves the queue as it was', (capacity) => {
    const dropped: number[] = [];
    const q = new BoundedQueue<number>({ capacity: 4, policy: 'drop-oldest', onDrop: (x) => dropped.push(x) });
    fill(q, 0, 3);
    expect(() => q.reconfigure(capacity, 'reject')).toThrow(RangeError);
    expect(dropped).toEqual([]);
    expect(q.stats()).toMatchObject({ capacity: 4, policy: 'drop-oldest', depth: 3, dropped: 0 });
    fill(q, 3, 5);
    expect(drain(q)).toEqual([1, 2, 3, 4]);
  });

  it('re-evaluates backpressure against the new capacity', () => {
    const edges: boolean[] = [];
    const q = new BoundedQueue<number>({ capacity: 10, policy: 'reject', onBackpressure: (a) => edges.push(a) });
    fill(q, 0, 6);
    q.reconfigure(7, 'reject'); // high = floor(5.6) = 5 → on
    expect(edges).toEqual([true]);
    q.reconfigure(100, 'reject'); // low = 50 → off
    expect(edges).toEqual([true, false]);
    expect(drain(q)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

// ---- model-based property test ------------------------------------------------

type Op = { kind: 'push' } | { kind: 'shift' } | { kind: 'reconfigure'; capacity: number; policy: OverflowPolicy } | { kind: 'clear' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Op>({ kind: 'push' }) },
  { weight: 4, arbitrary: fc.constant<Op>({ kind: 'shift' }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('reconfigure' as const),
      capacity: fc.integer({ min: 1, max: 12 }),
      policy: fc.constantFrom<OverflowPolicy>('drop-oldest', 'reject'),
    }),
  },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'clear' }) },
);

describe('BoundedQueue model', () => {
  it('matches a plain-array model for any sequence of operations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<OverflowPolicy>('drop-oldest', 'reject'),
        fc.array(opArb, { maxLength: 200 }),
        (capacity0, policy0, ops) => {
          const droppedSeen: number[] = [];
          const edges: boolean[] = [];
          const q = new BoundedQueue<number>({
            capacity: capacity0,
            policy: policy0,
            onDrop: (x) => droppedSeen.push(x),
            onBackpressure: (a) => edges.push(a),
          });
          // model
          let model: number[] = [];
          let capacity = capacity0;
          let policy = policy0;
          const m = { enqueued: 0, delivered: 0, dropped: 0, rejected: 0, highWater: 0 };
          const droppedModel: number[] = [];
          let bp = false;
          const edgesModel: boolean[] = [];
          const updateBp = (): void => {
            const high = Math.max(1, Math.floor(capacity * 0.8));
            const low = Math.floor(capacity * 0.5);
            const next = bp ? model.length > low : model.length >= high;
            if (next !== bp) {
              bp = next;
              edgesModel.push(next);
            }
          };
          let nextItem = 1;

          for (const op of ops) {
            switch (op.kind) {
              case 'push': {
                const item = nextItem++;
                const accepted = q.push(item);
                if (model.length === capacity && policy === 'reject') {
                  m.rejected++;
                  expect(accepted).toBe(false);
                } else {
                  if (model.length === capacity) {
                    droppedModel.push(model.shift() as number);
                    m.dropped++;
                  }
                  model.push(item);
                  m.enqueued++;
                  m.highWater = Math.max(m.highWater, model.length);
                  expect(accepted).toBe(true);
                }
                updateBp();
                break;
              }
              case 'shift': {
                const got = q.shift();
                const want = model.shift();
                if (want !== undefined) m.delivered++;
                expect(got).toBe(want);
                updateBp();
                break;
              }
              case 'reconfigure': {
                q.reconfigure(op.capacity, op.policy);
                while (model.length > op.capacity) {
                  droppedModel.push(model.shift() as number);
                  m.dropped++;
                }
                capacity = op.capacity;
                policy = op.policy;
                updateBp();
                break;
              }
              case 'clear': {
                expect(q.clear()).toEqual(model);
                m.dropped += model.length;
                model = [];
                updateBp();
                break;
              }
            }
            const s = q.stats();
            expect(s).toEqual({ capacity, policy, depth: model.length, backpressure: bp, ...m });
            expect(s.enqueued).toBe(s.delivered + s.dropped + s.depth);
            expect(s.depth).toBeLessThanOrEqual(s.capacity);
          }
          expect(droppedSeen).toEqual(droppedModel);
          expect(edges).toEqual(edgesModel);
          // every edge alternates, starting with "on"
          edges.forEach((e, i) => expect(e).toBe(i % 2 === 0));
          expect(q.clear()).toEqual(model);
        },
      ),
      { numRuns: 300 },
    );
  });
});
