// The work one pool thread does on a batch: decode (per the frame format), scale,
// sequence checks, stats, decimate. Kept apart from worker.ts so it is unit-testable
// and benchmarkable without threads.
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { DEFAULT_FRAME_FORMAT } from '@shared/domain/frame-layout.js';
import { numberedNames } from '../protocol/csv-decoder.js';
import { DecodeScratch, droppedFrames } from '../protocol/decode-types.js';
import { createFrameDecoder } from '../protocol/frame-decoder.js';
import { STATS_FIELDS, computeBatchStats } from './batch-stats.js';
import { decimateMinMax, passThrough } from './decimate.js';
import type { DecodeResult, DecodeTask } from './task.js';

/** Gap markers per batch beyond this are still counted, just not marked. */
const MAX_GAP_MARKS = 256;

type Decoder = ReturnType<typeof createFrameDecoder>;

export class BatchProcessor {
  private scratch = new DecodeScratch();
  private times = new Float64Array(1024);
  private decoder: Decoder | undefined;
  private decoderKey = '';

  private decoderFor(format: FrameFormat, formatId: number | undefined, names: readonly string[]): Decoder {
    // CSV columns are fixed by the names; kv/jsonl only sync theirs.
    const key = `${formatId ?? JSON.stringify(format)}|${format.kind === 'csv' ? names.join('\u0000') : ''}`;
    if (!this.decoder || key !== this.decoderKey) {
      this.decoder?.dispose?.();
      this.decoder = createFrameDecoder(format, names);
      this.decoderKey = key;
    } else {
      this.decoder.sync?.(names);
    }
    return this.decoder;
  }

  process(task: DecodeTask): DecodeResult {
    const started = performance.now();
    const { periodMs, arrivedAt, bucketMs } = task;
    const format = task.format ?? DEFAULT_FRAME_FORMAT;
    const names = task.names ?? numberedNames(task.channels);
    const decoder = this.decoderFor(format, task.formatId, names);
    const d = decoder.decode(task.bytes, this.scratch);
    const channels = d.channels;
    const { values, seqs, lineIndex } = this.scratch;
    applyOverrides(format, values, d.frames, channels);

    if (this.times.length < d.frames) this.times = new Float64Array(Math.max(d.frames, this.times.length * 2));
    const t = this.times;
    const epoch = decoder.epochTime;
    const device = !epoch && decoder.deviceTime ? placeDeviceTimes(this.scratch.times, d.frames, decoder.deviceTime, t) : undefined;
    if (epoch) {
      // The frames carry their sample time (a replay): kept exactly, never re-placed.
      const raw = this.scratch.times;
      for (let f = 0; f < d.frames; f++) t[f] = (raw[f] as number) * epoch.unitMs;
    } else if (!device) {
      // Slot k at t0 + k·step from the main thread's clock; without one, spread back from the arrival.
      const step = task.step ?? periodMs;
      const t0 = task.t0 ?? arrivedAt - (d.slots - 1) * periodMs;
      for (let f = 0; f < d.frames; f++) t[f] = t0 + (lineIndex[f] as number) * step;
    }
    const modulo = decoder.seqModulo;
    let seqGaps = 0;
    let framesLost = 0;
    const gaps: number[] = [];
    for (let f = 0; f < d.frames; f++) {
      if (f === 0) continue;
      const step = seqStep(seqs[f - 1] as number, seqs[f] as number, modulo);
      if (step !== 1 && !Number.isNaN(step)) {
        seqGaps++;
        if (step > 1) framesLost += step - 1;
        if (gaps.length < MAX_GAP_MARKS) gaps.push(t[f] as number);
      }
    }

    const stats = new Float64Array(STATS_FIELDS * channels);
    computeBatchStats(values, d.frames, channels, stats);
    const input = { values, t, frames: d.frames, channels, bucketMs };
    // Decimate only when a bucket would hold more than two frames.
    const dec = bucketMs > 2 * periodMs ? decimateMinMax(input) : passThrough(input);
    const seen = decoder.names();

    const result: DecodeResult = {
      lines: d.lines,
      frames: d.frames,
      errors: droppedFrames(d),
      channels,
      firstSeq: d.frames ? (seqs[0] as number) : NaN,
      lastSeq: d.frames ? (seqs[d.frames - 1] as number) : NaN,
      seqGaps,
      busyMs: 0,
      n: dec.n,
      t: dec.t,
      y: dec.y,
      stats,
      malformed: d.malformed,
      nonNumeric: d.nonNumeric,
      checksumFailures: d.checksumFailures,
      resyncs: d.resyncs,
      bytesDiscarded: d.bytesDiscarded,
      unknownFields: d.unknownFields,
      framesLost,
      gaps: Float64Array.from(gaps),
      seqModulo: modulo,
      ignored: d.ignored,
      scriptErrors: d.scriptErrors,
      deviceFirst: device ? device.first : Number.NaN,
      deviceLast: device ? device.last : Number.NaN,
      deviceSpan: device ? device.span : Number.NaN,
    };
    if (d.lastError !== undefined) result.lastError = d.lastError;
    if (format.kind !== 'csv' && !sameNames(seen, names)) result.names = [...seen];
    if (task.full) {
      const full = new Float64Array(d.frames * (1 + channels));
      full.set(t.subarray(0, d.frames), 0);
      full.set(values.subarray(0, d.frames * channels), d.frames);
      result.full = full;
    }
    result.busyMs = performance.now() - started;
    return result;
  }
}

/**
 * Device clock → times relative to the batch's first frame (ms), unwrapping a counter
 * that wraps modulo `modulo`. The main thread adds the offset that maps it to wall clock.
 */
function placeDeviceTimes(raw: Float64Array, frames: number, clock: { unitMs: number; modulo: number }, t: Float64Array): { first: number; last: number; span: number } | undefined {
  if (frames === 0) return undefined;
  let span = 0;
  t[0] = 0;
  for (let f = 1; f < frames; f++) {
    span += seqStep(raw[f - 1] as number, raw[f] as number, clock.modulo);
    t[f] = span * clock.unitMs;
  }
  return { first: raw[0] as number, last: raw[frames - 1] as number, span };
}

/**
 * Step from one sequence number to the next (1 = no gap), modulo `modulo` when the
 * counter wraps. NaN when either frame has no sequence number.
 */
export function seqStep(prev: number, next: number, modulo: number): number {
  const step = next - prev;
  if (modulo > 0) return ((step % modulo) + modulo) % modulo;
  return step;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Per-channel scale and offset from the format's `channels` list (identity entries cost nothing). */
function applyOverrides(format: FrameFormat, values: Float64Array, frames: number, channels: number): void {
  const list = format.channels;
  const n = Math.min(list.length, channels);
  for (let c = 0; c < n; c++) {
    const o = list[c];
    if (!o || (o.scale === 1 && o.offset === 0)) continue;
    for (let f = 0; f < frames; f++) {
      const i = f * channels + c;
      values[i] = (values[i] as number) * o.scale + o.offset;
    }
  }
}
