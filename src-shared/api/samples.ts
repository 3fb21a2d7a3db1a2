// One coalesced publish of decimated samples. On the wire it is a single
// ArrayBuffer (header + typed arrays) so a publish costs one message, not one per sample.

export interface SampleBatch {
  /** Publish counter; a jump means a batch was missed. */
  seq: number;
  channels: number;
  /** Epoch ms per point, ascending. */
  t: Float64Array;
  /** Column-major values: channel c, point i at y[c * t.length + i]. */
  y: Float64Array;
  /** The series restarted (device reset or channel count changed): drop what is plotted. */
  reset: boolean;
  /** Epoch ms of frames that follow lost frames (sequence gaps): gap markers on the chart. */
  gaps?: Float64Array;
}

const MAGIC = 0x54485342; // "THSB"
const HEADER_BYTES = 24; // 6 × u32, keeps the Float64 payload 8-byte aligned
// head[5] counts gap markers appended after y (0 in batches from before gaps existed).

export function encodeSampleBatch(batch: SampleBatch): ArrayBuffer {
  const n = batch.t.length;
  if (batch.y.length !== n * batch.channels) {
    throw new RangeError(`sample batch: y has ${batch.y.length} values, expected ${n} points × ${batch.channels} channels`);
  }
  const gaps = batch.gaps?.length ?? 0;
  const buf = new ArrayBuffer(HEADER_BYTES + 8 * n * (1 + batch.channels) + 8 * gaps);
  const head = new Uint32Array(buf, 0, 6);
  head[0] = MAGIC;
  head[1] = batch.seq >>> 0;
  head[2] = batch.channels;
  head[3] = n;
  head[4] = batch.reset ? 1 : 0;
  head[5] = gaps;
  new Float64Array(buf, HEADER_BYTES, n).set(batch.t);
  new Float64Array(buf, HEADER_BYTES + 8 * n, n * batch.channels).set(batch.y);
  if (batch.gaps && gaps > 0) new Float64Array(buf, HEADER_BYTES + 8 * n * (1 + batch.channels), gaps).set(batch.gaps);
  return buf;
}

/** Decodes without copying: the arrays are views on `buf`. Throws on a malformed buffer. */
export function decodeSampleBatch(buf: ArrayBuffer): SampleBatch {
  if (buf.byteLength < HEADER_BYTES) throw new RangeError(`sample batch: ${buf.byteLength} bytes is shorter than the header`);
  const head = new Uint32Array(buf, 0, 6);
  if (head[0] !== MAGIC) throw new RangeError('sample batch: bad magic number');
  const seq = head[1] ?? 0;
  const channels = head[2] ?? 0;
  const n = head[3] ?? 0;
  const gaps = head[5] ?? 0;
  const expected = HEADER_BYTES + 8 * n * (1 + channels) + 8 * gaps;
  if (buf.byteLength !== expected) throw new RangeError(`sample batch: ${buf.byteLength} bytes, expected ${expected}`);
  return {
    seq,
    channels,
    t: new Float64Array(buf, HEADER_BYTES, n),
    y: new Float64Array(buf, HEADER_BYTES + 8 * n, n * channels),
    reset: head[4] === 1,
    ...(gaps > 0 ? { gaps: new Float64Array(buf, HEADER_BYTES + 8 * n * (1 + channels), gaps) } : {}),
  };
}
