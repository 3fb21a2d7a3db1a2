// Min-max decimation for the chart: each time bucket keeps its first-occurring
// and last-occurring extreme per channel, so spikes survive any zoom level.

export interface DecimateInput {
  /** Row-major values: frame f, channel c at f * channels + c. */
  values: Float64Array;
  /** Timestamp (epoch ms) of each frame. */
  t: Float64Array;
  frames: number;
  channels: number;
  /** Bucket width in ms; buckets are aligned to absolute time so batches tile. */
  bucketMs: number;
}

export interface DecimateOutput {
  n: number;
  t: Float64Array;
  /** Column-major: channel c, point i at y[c * n + i]. */
  y: Float64Array;
}

/** Copies every frame (no decimation), transposing to column-major. */
export function passThrough(input: DecimateInput): DecimateOutput {
  const { values, t, frames: n, channels } = input;
  const y = new Float64Array(n * channels);
  for (let f = 0; f < n; f++) {
    const row = f * channels;
    for (let c = 0; c < channels; c++) y[c * n + f] = values[row + c] as number;
  }
  return { n, t: t.slice(0, n), y };
}

export function decimateMinMax(input: DecimateInput): DecimateOutput {
  const { values, t, frames, channels, bucketMs } = input;
  if (frames === 0) return { n: 0, t: new Float64Array(0), y: new Float64Array(0) };
  if (!(bucketMs > 0)) return passThrough(input);

  // Bucket boundaries: frame index where each bucket starts.
  const starts: number[] = [0];
  let bucket = Math.floor((t[0] as number) / bucketMs);
  for (let f = 1; f < frames; f++) {
    const b = Math.floor((t[f] as number) / bucketMs);
    if (b !== bucket) {
      starts.push(f);
      bucket = b;
    }
  }
  starts.push(frames);

  // Two points per bucket (one when it holds a single frame).
  let n = 0;
  for (let b = 0; b + 1 < starts.length; b++) n += (starts[b + 1] as number) - (starts[b] as number) > 1 ? 2 : 1;
  const outT = new Float64Array(n);
  const y = new Float64Array(n * channels);

  let p = 0;
  for (let b = 0; b + 1 < starts.length; b++) {
    const s = starts[b] as number;
    const e = starts[b + 1] as number;
    if (e - s === 1) {
      outT[p] = t[s] as number;
      for (let c = 0; c < channels; c++) y[c * n + p] = values[s * channels + c] as number;
      p++;
      continue;
    }
    outT[p] = t[s] as number;
    outT[p + 1] = t[e - 1] as number;
    for (let c = 0; c < channels; c++) {
      let minI = s;
      let maxI = s;
      let min = values[s * channels + c] as number;
      let max = min;
      for (let f = s + 1; f < e; f++) {
        const v = values[f * channels + c] as number;
        if (v < min) {
          min = v;
          minI = f;
        } else if (v > max) {
          max = v;
          maxI = f;
        }
      }
      // Keep the order in which the extremes occurred so the trace shape is right.
      const first = minI <= maxI ? min : max;
      const second = minI <= maxI ? max : min;
      y[c * n + p] = first;
      y[c * n + p + 1] = second;
    }
    p += 2;
  }
  return { n, t: outT, y };
}
