import { describe, expect, it } from 'vitest';
import { STATS_FIELDS } from '../../../src-main/engine/pipeline/batch-stats.js';
import { BatchProcessor } from '../../../src-main/engine/pipeline/process-batch.js';
import type { DecodeTask } from '../../../src-main/engine/pipeline/task.js';

const enc = new TextEncoder();

function task(text: string, extra: Partial<DecodeTask> = {}): DecodeTask {
  return { bytes: enc.encode(text), channels: 2, periodMs: 10, arrivedAt: 1_000_000, bucketMs: 0, ...extra };
}

function column(y: Float64Array, n: number, c: number): number[] {
  return Array.from(y.subarray(c * n, (c + 1) * n));
}

describe('BatchProcessor', () => {
  it('decodes, timestamps each line back from the arrival by the frame period, and passes through', () => {
    const r = new BatchProcessor().process(task('0,1,10\n1,2,20\n2,3,30\n3,4,40\n'));
    expect(r).toMatchObject({ lines: 4, frames: 4, errors: 0, channels: 2, firstSeq: 0, lastSeq: 3, seqGaps: 0, n: 4 });
    expect(Array.from(r.t)).toEqual([999_970, 999_980, 999_990, 1_000_000]);
    expect(column(r.y, 4, 0)).toEqual([1, 2, 3, 4]);
    expect(column(r.y, 4, 1)).toEqual([10, 20, 30, 40]);
    expect(r.busyMs).toBeGreaterThanOrEqual(0);
  });

  it('malformed lines are counted as errors but still take their time slot', () => {
    const r = new BatchProcessor().process(task('0,1,10\ngarbage\n2,3,30\n,,\n'));
    expect(r).toMatchObject({ lines: 4, frames: 2, errors: 2, firstSeq: 0, lastSeq: 2 });
    // lines 0 and 2 of 4: 3 and 1 periods before arrival
    expect(Array.from(r.t)).toEqual([999_970, 999_990]);
    expect(column(r.y, 2, 0)).toEqual([1, 3]);
  });

  it('counts jumps in the sequence number', () => {
    const r = new BatchProcessor().process(task('5,0,0\n6,0,0\n9,0,0\n10,0,0\n0,0,0\n1,0,0\n'));
    expect(r).toMatchObject({ frames: 6, firstSeq: 5, lastSeq: 1, seqGaps: 2 });
  });

  it('a batch with no valid frame has NaN sequence bounds and empty output', () => {
    const r = new BatchProcessor().process(task('x\ny\n'));
    expect(r).toMatchObject({ lines: 2, frames: 0, errors: 2, seqGaps: 0, n: 0 });
    expect(r.firstSeq).toBeNaN();
    expect(r.lastSeq).toBeNaN();
    expect(Array.from(r.stats)).toEqual([0, Infinity, -Infinity, 0, Number.NaN, 0, Infinity, -Infinity, 0, Number.NaN]);
  });

  it('computes stats over every valid frame', () => {
    const r = new BatchProcessor().process(task('0,1,-1\n1,5,-5\n2,3,-3\n'));
    expect(r.stats.length).toBe(STATS_FIELDS * 2);
    expect(Array.from(r.stats)).toEqual([3, 1, 5, 9, 3, 3, -5, -1, -9, -3]);
  });

  it('decimates min-max when a bucket would hold more than two frames', () => {
    // period 1 ms, bucket 5 ms: 10 frames from t = 999_991 … 1_000_000
    const lines = Array.from({ length: 10 }, (_, i) => `${i},${i === 3 ? 100 : i},${-i}`).join('\n');
    const r = new BatchProcessor().process(task(`${lines}\n`, { periodMs: 1, bucketMs: 5 }));
    expect(r.frames).toBe(10);
    // buckets [999_990, 999_995): t 991..994; [999_995, 1_000_000): 995..999; [1_000_000, …): 1_000_000
    expect(r.n).toBe(5);
    expect(Array.from(r.t)).toEqual([999_991, 999_994, 999_995, 999_999, 1_000_000]);
    expect(column(r.y, 5, 0)).toEqual([0, 100, 4, 8, 9]);
    expect(column(r.y, 5, 1)).toEqual([0, -3, -4, -8, -9]);
  });

  it('passes every frame through when the bucket is at most two periods', () => {
    const lines = Array.from({ length: 6 }, (_, i) => `${i},${i},${i}`).join('\n');
    const r = new BatchProcessor().process(task(`${lines}\n`, { periodMs: 5, bucketMs: 10 }));
    expect(r.n).toBe(6);
  });

  it('is reusable across batches of different sizes (scratch buffers grow)', () => {
    const p = new BatchProcessor();
    const big = Array.from({ length: 5000 }, (_, i) => `${i},${i},${-i}`).join('\n');
    const r1 = p.process(task(`${big}\n`, { periodMs: 1 }));
    expect(r1).toMatchObject({ frames: 5000, n: 5000, firstSeq: 0, lastSeq: 4999, seqGaps: 0 });
    expect(r1.t[0]).toBe(1_000_000 - 4999);
    const r2 = p.process(task('7,1,2\n'));
    expect(r2).toMatchObject({ frames: 1, n: 1, firstSeq: 7 });
    expect(Array.from(r2.t)).toEqual([1_000_000]);
    expect(Array.from(r2.y)).toEqual([1, 2]);
    // the first result is not overwritten by the second batch
    expect(r1.t[4999]).toBe(1_000_000);
    expect(r1.y[1]).toBe(1);
  });

  it('returns every valid frame in its own buffer (timestamps, then row-major values) only when asked', () => {
    const text = '0,1,10\nbad\n2,3,30\n3,4,40\n';
    expect(new BatchProcessor().process(task(text)).full).toBeUndefined();
    const r = new BatchProcessor().process(task(text, { full: true, bucketMs: 1000 }));
    const full = r.full as Float64Array;
    expect(full.length).toBe(3 * (1 + 2));
    // Line 0, 2 and 3 of 4 lines: spread back from the arrival by the 10 ms period.
    expect(Array.from(full.subarray(0, 3))).toEqual([1_000_000 - 30, 1_000_000 - 10, 1_000_000]);
    expect(Array.from(full.subarray(3))).toEqual([1, 10, 3, 30, 4, 40]);
    // Owns its buffer, so it can be transferred on to the recorder.
    expect(full.byteOffset).toBe(0);
    expect(full.buffer.byteLength).toBe(full.byteLength);
  });
});

