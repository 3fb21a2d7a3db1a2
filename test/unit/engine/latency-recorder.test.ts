import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from '../../../src-main/engine/metrics/latency-recorder.js';

describe('LatencyRecorder', () => {
  it('reports zeros when empty', () => {
    const r = new LatencyRecorder(16);
    expect(r.count).toBe(0);
    expect(r.percentiles()).toEqual({ p50: 0, p95: 0, p99: 0 });
  });

  it('gives nearest-rank percentiles of 1..100 exactly, whatever the insertion order', () => {
    const r = new LatencyRecorder(1000);
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    // a fixed shuffle
    for (let i = 0; i < 100; i++) r.record(values[(i * 37) % 100] as number);
    expect(r.count).toBe(100);
    expect(r.percentiles()).toEqual({ p50: 50, p95: 95, p99: 99 });
  });

  it('sorts numerically, not as strings', () => {
    const r = new LatencyRecorder(16);
    for (const v of [9, 10, 100, 2, 1000, 30, 0.5, 25, 7, 11]) r.record(v);
    // sorted: 0.5 2 7 9 10 11 25 30 100 1000 → ranks ceil(q·10)
    expect(r.percentiles()).toEqual({ p50: 10, p95: 1000, p99: 1000 });
  });

  it('one sample is every percentile', () => {
    const r = new LatencyRecorder(4);
    r.record(3.25);
    expect(r.percentiles()).toEqual({ p50: 3.25, p95: 3.25, p99: 3.25 });
  });

  it('uses nearest rank on 1000 samples', () => {
    const r = new LatencyRecorder(1000);
    for (let i = 1000; i >= 1; i--) r.record(i / 10);
    expect(r.percentiles()).toEqual({ p50: 50, p95: 95, p99: 99 });
  });

  it('keeps only the most recent `capacity` samples', () => {
    const r = new LatencyRecorder(10);
    for (let i = 0; i < 10; i++) r.record(1000);
    for (let i = 1; i <= 10; i++) r.record(i);
    expect(r.count).toBe(10);
    expect(r.percentiles()).toEqual({ p50: 5, p95: 10, p99: 10 });
    for (let i = 0; i < 25; i++) r.record(7);
    expect(r.count).toBe(10);
    expect(r.percentiles()).toEqual({ p50: 7, p95: 7, p99: 7 });
  });

  it('percentiles do not disturb the ring', () => {
    const r = new LatencyRecorder(4);
    for (const v of [4, 3, 2, 1]) r.record(v);
    r.percentiles();
    r.record(100); // overwrites the oldest sample (4), not the largest
    expect(r.percentiles()).toEqual({ p50: 2, p95: 100, p99: 100 });
  });

  it('clear forgets everything', () => {
    const r = new LatencyRecorder(8);
    for (let i = 0; i < 20; i++) r.record(50);
    r.clear();
    expect(r.count).toBe(0);
    expect(r.percentiles()).toEqual({ p50: 0, p95: 0, p99: 0 });
    r.record(1);
    r.record(2);
    expect(r.count).toBe(2);
    expect(r.percentiles()).toEqual({ p50: 1, p95: 2, p99: 2 });
  });
});
