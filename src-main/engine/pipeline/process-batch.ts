// The work one pool thread does on a batch: decode, stats, decimate. Kept apart
// from worker.ts so it is unit-testable and benchmarkable without threads.
import { DecodeScratch, decodeCsvFrames } from '../protocol/csv-frame-decoder.js';
import { STATS_FIELDS, computeBatchStats } from './batch-stats.js';
import { decimateMinMax, passThrough } from './decimate.js';
import type { DecodeResult, DecodeTask } from './task.js';

export class BatchProcessor {
  private scratch = new DecodeScratch();
  private times = new Float64Array(1024);

  process(task: DecodeTask): DecodeResult {
    const started = performance.now();
    const { channels, periodMs, arrivedAt, bucketMs } = task;
    const d = decodeCsvFrames(task.bytes, channels, this.scratch);
    const { values, seqs, lineIndex } = this.scratch;

    if (this.times.length < d.frames) this.times = new Float64Array(Math.max(d.frames, this.times.length * 2));
    const t = this.times;
    // Lines of a batch arrived over time: spread them back from the arrival by the frame period.
    const lastLine = d.lines - 1;
    let seqGaps = 0;
    for (let f = 0; f < d.frames; f++) {
      t[f] = arrivedAt - (lastLine - (lineIndex[f] as number)) * periodMs;
      if (f > 0 && seqs[f] !== (seqs[f - 1] as number) + 1) seqGaps++;
    }

    const stats = new Float64Array(STATS_FIELDS * channels);
    computeBatchStats(values, d.frames, channels, stats);
    const input = { values, t, frames: d.frames, channels, bucketMs };
    // Decimate only when a bucket would hold more than two frames.
    const dec = bucketMs > 2 * periodMs ? decimateMinMax(input) : passThrough(input);

    let full: Float64Array | undefined;
    if (task.full) {
      full = new Float64Array(d.frames * (1 + channels));
      full.set(t.subarray(0, d.frames), 0);
      full.set(values.subarray(0, d.frames * channels), d.frames);
    }

    return {
      ...(full ? { full } : {}),
      lines: d.lines,
      frames: d.frames,
      errors: d.errors,
      channels,
      firstSeq: d.frames ? (seqs[0] as number) : NaN,
      lastSeq: d.frames ? (seqs[d.frames - 1] as number) : NaN,
      seqGaps,
      busyMs: performance.now() - started,
      n: dec.n,
      t: dec.t,
      y: dec.y,
      stats,
    };
  }
}
