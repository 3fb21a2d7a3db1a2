// What crosses the thread boundary. The result is ONE Float64Array so the worker
// transfers a single buffer back instead of cloning many small arrays.
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { STATS_FIELDS } from './batch-stats.js';

export interface DecodeTask {
  /** Complete frames; the buffer is transferred (the sender loses it). */
  bytes: Uint8Array;
  /** CSV channel count when no `names` are given. */
  channels: number;
  /** Nominal frame period (0 when unknown): earlier lines of a batch get earlier timestamps. */
  periodMs: number;
  /** Epoch ms when the newest bytes of the batch arrived. */
  arrivedAt: number;
  /** Decimation bucket; 0 sends every frame. */
  bucketMs: number;
  /** Also return every frame at full resolution (alarm rules exist or recording is on). */
  full?: boolean;
  /** Frame format; absent: the simulator's CSV (`seq,v1,…,vN`). */
  format?: FrameFormat;
  /** Identifies `format` so the worker rebuilds its decoder only when it changes. */
  formatId?: number;
  /** Channel names the main thread knows (csv: the columns; kv/jsonl: names seen so far). */
  names?: readonly string[];
  /**
   * Sample time of slot k: t0 + k * step (ms, on whole microseconds), from the main thread's
   * clock so times never run backwards across batches. Absent: spread back from arrivedAt.
   */
  t0?: number;
  step?: number;
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
const H_MALFORMED = 9;
const H_NON_NUMERIC = 10;
const H_CHECKSUM = 11;
const H_RESYNCS = 12;
const H_DISCARDED = 13;
const H_UNKNOWN = 14;
const H_LOST = 15;
const H_GAPS = 16;
const H_NAME_CODES = 17;
const H_SEQ_MODULO = 18;
const H_IGNORED = 19;
const H_SCRIPT_ERRORS = 20;
const H_DEV_FIRST = 21;
const H_DEV_LAST = 22;
const H_DEV_SPAN = 23;
const HEADER = 24;

export interface DecodeResult {
  lines: number;
  frames: number;
  /** Frames dropped by the decoder (malformed + nonNumeric + checksumFailures). */
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
  malformed: number;
  nonNumeric: number;
  checksumFailures: number;
  resyncs: number;
  bytesDiscarded: number;
  unknownFields: number;
  /** Frames missing inside the batch according to the sequence numbers. */
  framesLost: number;
  /** Epoch ms of each frame that follows a sequence gap (bounded). */
  gaps: Float64Array;
  /** Sequence numbers wrap modulo this (0: no wrap). */
  seqModulo: number;
  /** Well-formed frames no layout decodes (sentence types without a layout). */
  ignored: number;
  /** Frames a parser script rejected. */
  scriptErrors: number;
  /** The batch's latest script error. */
  lastError?: string;
  /**
   * With a device time field: raw device time of the first and last frame and the
   * unwrapped raw span between them; `t` is then relative (ms after the first frame) and the
   * main thread places it. NaN otherwise.
   */
  deviceFirst: number;
  deviceLast: number;
  deviceSpan: number;
  /** Names of the columns, only when the batch saw names the task did not carry. */
  names?: string[];
  /** Only when the task asked for it: `frames` timestamps, then row-major values (frame f, column c at frames + f * channels + c). Its own buffer, so it can be transferred on; never packed. */
  full?: Float64Array;
}

/** Full-resolution frames of one batch in the pipeline's channel layout, as alarms and the recorder receive them. */
export interface FullFrames {
  channels: number;
  frames: number;
  /** `frames` epoch-ms timestamps, then frames × channels row-major values. */
  data: Float64Array;
}

/** Rare text (new channel names, a script error) as JSON. */
function textCodes(r: DecodeResult): string {
  if (!r.names && r.lastError === undefined) return '';
  return JSON.stringify({ ...(r.names ? { names: r.names } : {}), ...(r.lastError === undefined ? {} : { error: r.lastError }) });
}

export function packResult(r: DecodeResult): Float64Array {
  const { n, channels } = r;
  const codes = textCodes(r);
  const gaps = r.gaps.length;
  const statsLen = STATS_FIELDS * channels;
  const out = new Float64Array(HEADER + n + n * channels + statsLen + gaps + codes.length);
  out[H_LINES] = r.lines;
  out[H_FRAMES] = r.frames;
  out[H_ERRORS] = r.errors;
  out[H_N] = n;
  out[H_CHANNELS] = channels;
  out[H_FIRST_SEQ] = r.firstSeq;
  out[H_LAST_SEQ] = r.lastSeq;
  out[H_SEQ_GAPS] = r.seqGaps;
  out[H_BUSY_MS] = r.busyMs;
  out[H_MALFORMED] = r.malformed;
  out[H_NON_NUMERIC] = r.nonNumeric;
  out[H_CHECKSUM] = r.checksumFailures;
  out[H_RESYNCS] = r.resyncs;
  out[H_DISCARDED] = r.bytesDiscarded;
  out[H_UNKNOWN] = r.unknownFields;
  out[H_LOST] = r.framesLost;
  out[H_GAPS] = gaps;
  out[H_NAME_CODES] = codes.length;
  out[H_SEQ_MODULO] = r.seqModulo;
  out[H_IGNORED] = r.ignored;
  out[H_SCRIPT_ERRORS] = r.scriptErrors;
  out[H_DEV_FIRST] = r.deviceFirst;
  out[H_DEV_LAST] = r.deviceLast;
  out[H_DEV_SPAN] = r.deviceSpan;
  let o = HEADER;
  out.set(r.t.subarray(0, n), o);
  o += n;
  out.set(r.y.subarray(0, n * channels), o);
  o += n * channels;
  out.set(r.stats.subarray(0, statsLen), o);
  o += statsLen;
  out.set(r.gaps, o);
  o += gaps;
  // Rare (new channel names): the JSON text rides along as char codes in the same buffer.
  for (let i = 0; i < codes.length; i++) out[o + i] = codes.charCodeAt(i);
  return out;
}

/** Views into the packed buffer; nothing is copied. */
export function unpackResult(buf: Float64Array): DecodeResult {
  const n = buf[H_N] as number;
  const channels = buf[H_CHANNELS] as number;
  const gaps = buf[H_GAPS] as number;
  const codes = buf[H_NAME_CODES] as number;
  const tOff = HEADER;
  const yOff = tOff + n;
  const sOff = yOff + n * channels;
  const gOff = sOff + STATS_FIELDS * channels;
  const cOff = gOff + gaps;
  const r: DecodeResult = {
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
    stats: buf.subarray(sOff, gOff),
    malformed: buf[H_MALFORMED] as number,
    nonNumeric: buf[H_NON_NUMERIC] as number,
    checksumFailures: buf[H_CHECKSUM] as number,
    resyncs: buf[H_RESYNCS] as number,
    bytesDiscarded: buf[H_DISCARDED] as number,
    unknownFields: buf[H_UNKNOWN] as number,
    framesLost: buf[H_LOST] as number,
    gaps: buf.subarray(gOff, cOff),
    seqModulo: buf[H_SEQ_MODULO] as number,
    ignored: buf[H_IGNORED] as number,
    scriptErrors: buf[H_SCRIPT_ERRORS] as number,
    deviceFirst: buf[H_DEV_FIRST] as number,
    deviceLast: buf[H_DEV_LAST] as number,
    deviceSpan: buf[H_DEV_SPAN] as number,
  };
  if (codes > 0) {
    const text = JSON.parse(fromCodes(buf.subarray(cOff, cOff + codes))) as { names?: string[]; error?: string };
    if (text.names) r.names = text.names;
    if (text.error !== undefined) r.lastError = text.error;
  }
  return r;
}

/** Char codes back to text, in slices (a spread of a long message could overflow the stack). */
function fromCodes(codes: Float64Array): string {
  let s = '';
  for (let i = 0; i < codes.length; i += 4096) s += String.fromCharCode(...codes.subarray(i, i + 4096));
  return s;
}
