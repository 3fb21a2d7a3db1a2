import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleBatch } from '@shared/domain/link.js';
import { ConsoleTap } from '../../../src-main/engine/console/console-tap.js';

let batches: ConsoleBatch[];
beforeEach(() => {
  vi.useFakeTimers();
  batches = [];
});
afterEach(() => vi.useRealTimers());

const text = (b: ConsoleBatch) => b.entries.map((e) => `${e.dir}:${Buffer.from(e.data, 'base64').toString()}`);

describe('ConsoleTap', () => {
  it('coalesces chunks into at most 30 messages a second', async () => {
    const tap = new ConsoleTap({ emit: (b) => batches.push(b), hz: 30, maxBytesPerFlush: 1 << 20, now: () => Date.now() });
    // 10,000 chunks over one second (one every 0.1 ms).
    for (let i = 0; i < 1000; i++) {
      for (let k = 0; k < 10; k++) tap.rx(Buffer.from('x'));
      await vi.advanceTimersByTimeAsync(1);
    }
    // One at once, then one per 33.3 ms.
    expect(batches.length).toBeLessThanOrEqual(31);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches.reduce((n, b) => n + b.entries.reduce((m, e) => m + Buffer.from(e.data, 'base64').length, 0), 0)).toBe(10_000);
  });

  it('keeps direction order and merges neighbours of the same direction', async () => {
    const tap = new ConsoleTap({ emit: (b) => batches.push(b) });
    tap.rx(Buffer.from('a'));
    tap.rx(Buffer.from('b'));
    tap.tx(Buffer.from('CMD\n'));
    tap.rx(Buffer.from('c'));
    await vi.advanceTimersByTimeAsync(50);
    expect(batches.map(text)).toEqual([['rx:ab', 'tx:CMD\n', 'rx:c']]);
  });

  it('is bounded: a flood beyond the budget is counted as skipped, sent bytes always shown', async () => {
    const tap = new ConsoleTap({ emit: (b) => batches.push(b), maxBytesPerFlush: 8 });
    tap.rx(Buffer.from('0123456789'));
    tap.tx(Buffer.from('SEND'));
    await vi.advanceTimersByTimeAsync(50);
    expect(batches).toHaveLength(1);
    expect(text(batches[0] as ConsoleBatch)).toEqual(['rx:01234567', 'tx:SEND']);
    expect(batches[0]?.skippedBytes).toBe(2);
  });

  it('copies bytes: a reused link buffer does not change what was captured', async () => {
    const tap = new ConsoleTap({ emit: (b) => batches.push(b) });
    const buf = Buffer.from('abc');
    tap.rx(buf);
    buf.write('xyz');
    await vi.advanceTimersByTimeAsync(50);
    expect(text(batches[0] as ConsoleBatch)).toEqual(['rx:abc']);
  });
});
