// What crosses the thread boundary. The result is ONE Float64Array so the worker
// transfers a single buffer back instead of cloning many small arrays.
import { STATS_FIELDS } from './batch-stats.js';

export interface DecodeTask {
  /** Complete lines; the buffer is transferred (the sender loses it). */
  bytes: Uint8Array;
  channels: number;
  /** Nominal frame period (0 when unknown): earlier lines of a batch get earlier timestamps. */
  periodMs: number;
  /** Epoch ms when the newest bytes of the batch arrived. */
  arrivedAt: number;
  /** Decimation bucket; 0 sends every frame. */
  bucketMs: number;
  /** Also return every frame at full resolution (alarm rules exist or recording is on). */
  full?: boolean;
}

const H_LINES = 0;
const H_FRAMES = 1;
const H_ERRORS = 2;
const H_N = 3;
const H_CHANNELS = 4;
const H_FIRST_SEQ = 5;
const H_LAST_SEQ = 6;
const H_SEQ_GAPS = 7;
const H_BUSY_MS = 8;
const HEADER = 9;

export interface DecodeResult {
  lines: number;
  frames: number;
  errors: number;
  channels: number;
  firstSeq: number;
  lastSeq: number;
  /** Jumps in the sequence number inside the batch. */
  seqGaps: number;
  /** Worker time spent on the batch. */
  busyMs: number;
  /** Decimated points. */
  n: number;
  t: Float64Array;
  /** Column-major decimated values. */
  y: Float64Array;
  /** STATS_FIELDS numbers per channel over every valid frame. */
  stats: Float64Array;
  /** Only when the task asked for it: `frames` timestamps, then row-major values (frame f, channel c at frames + f * channels + c). Its own buffer, so it can be transferred on. */
  full?: Float64Array;
}

/** Full-resolution frames of one batch, as the recorder receives them. */
export interface FullFrames {
  channels: number;
  frames: number;
  /** `frames` epoch-ms timestamps, then frames × channels row-major values. */
  data: Float64Array;
}

export function packResult(r: DecodeResult): Float64Array {
  const { n, channels } = r;
  const out = new Float64Array(HEADER + n + n * channels + STATS_FIELDS * channels);
  out[H_LINES] = r.lines;
  out[H_FRAMES] = r.frames;
  out[H_ERRORS] = r.errors;
  out[H_N] = n;
  out[H_CHANNELS] = channels;
  out[H_FIRST_SEQ] = r.firstSeq;
  out[H_LAST_SEQ] = r.lastSeq;
  out[H_SEQ_GAPS] = r.seqGaps;
  out[H_BUSY_MS] = r.busyMs;
  out.set(r.t.subarray(0, n), HEADER);
  out.set(r.y.subarray(0, n * channels), HEADER + n);
  out.set(r.stats.subarray(0, STATS_FIELDS * channels), HEADER + n + n * channels);
  return out;
}

/** Views into the packed buffer; nothing is copied. */
export function unpackResult(buf: Float64Array): DecodeResult {
  const n = buf[H_N] as number;
  const channels = buf[H_CHANNELS] as number;
  const tOff = HEADER;
  const yOff = tOff + n;
  const sOff = yOff + n * channels;
  return {
    lines: buf[H_LINES] as number,
    frames: buf[H_FRAMES] as number,
    errors: buf[H_ERRORS] as number,
    channels,
    firstSeq: buf[H_FIRST_SEQ] as number,
    lastSeq: buf[H_LAST_SEQ] as number,
    seqGaps: buf[H_SEQ_GAPS] as number,
    busyMs: buf[H_BUSY_MS] as number,
    n,
    t: buf.subarray(tOff, yOff),
    y: buf.subarray(yOff, sOff),
    stats: buf.subarray(sOff, sOff + STATS_FIELDS * channels),
  };
}
