// Full-resolution frames collected between publishes and cut into one message per channel
// group: JSON (times and values by channel name) or the compact binary layout (mqtt-out.ts).
import { BINARY_SAMPLES_MAGIC, type JsonSamples, type MqttOutSettings } from '@shared/domain/mqtt-out.js';
import type { FullFrames } from '../pipeline/task.js';

export interface GroupMessage {
  group: number;
  payload: Uint8Array;
  frames: number;
}

const UTF8 = new TextEncoder();

export class SampleBatches {
  private times: number[] = [];
  private rows: number[] = [];
  private channels = 0;
  private seq = 0;

  /** Copies the frames (the recorder takes the buffer after this). */
  add(f: FullFrames): void {
    if (f.channels !== this.channels) {
      // A new layout: what was collected in the old one is kept only if nothing was.
      if (this.times.length > 0) return this.addResized(f);
      this.channels = f.channels;
    }
    const { data, frames, channels } = f;
    for (let i = 0; i < frames; i++) this.times.push(data[i] as number);
    for (let k = frames; k < frames + frames * channels; k++) this.rows.push(data[k] as number);
  }

  private addResized(f: FullFrames): void {
    // Different channel count mid-interval: publish what we have under the old layout next flush, drop nothing.
    this.pendingOther.push({ channels: f.channels, frames: f.frames, data: f.data.slice(0, f.frames * (1 + f.channels)) });
  }

  private pendingOther: FullFrames[] = [];

  get pending(): number {
    return this.times.length;
  }

  /** The messages for everything collected since the last call. */
  take(names: readonly string[], s: Pick<MqttOutSettings, 'groupSize' | 'payload'>): GroupMessage[] {
    const out: GroupMessage[] = [];
    if (this.times.length > 0) out.push(...this.encode(names, s));
    const other = this.pendingOther;
    this.pendingOther = [];
    this.times = [];
    this.rows = [];
    for (const f of other) {
      this.channels = f.channels;
      this.add(f);
      out.push(...this.encode(names, s));
      this.times = [];
      this.rows = [];
    }
    return out;
  }

  private encode(names: readonly string[], s: Pick<MqttOutSettings, 'groupSize' | 'payload'>): GroupMessage[] {
    const n = this.times.length;
    const C = this.channels;
    const out: GroupMessage[] = [];
    const seq = this.seq++;
    for (let g = 0, first = 0; first < C; g++, first += s.groupSize) {
      const last = Math.min(C, first + s.groupSize);
      const width = last - first;
      if (s.payload === 'json') {
        const channels: Record<string, (number | null)[]> = {};
        for (let c = first; c < last; c++) {
          const col: (number | null)[] = new Array<number | null>(n);
          for (let f = 0; f < n; f++) {
            const v = this.rows[f * C + c] as number;
            col[f] = Number.isFinite(v) ? v : null;
          }
          channels[names[c] ?? `ch${c + 1}`] = col;
        }
        const msg: JsonSamples = { seq, t: this.times, channels };
        out.push({ group: g, payload: UTF8.encode(JSON.stringify(msg)), frames: n });
      } else {
        const buf = new ArrayBuffer(12 + 8 * n + 8 * n * width);
        const v = new DataView(buf);
        v.setUint32(0, BINARY_SAMPLES_MAGIC, true);
        v.setUint32(4, seq, true);
        v.setUint16(8, n, true);
        v.setUint16(10, width, true);
        let o = 12;
        for (let f = 0; f < n; f++, o += 8) v.setFloat64(o, this.times[f] as number, true);
        for (let f = 0; f < n; f++) for (let c = first; c < last; c++, o += 8) v.setFloat64(o, this.rows[f * C + c] as number, true);
        out.push({ group: g, payload: new Uint8Array(buf), frames: n });
      }
    }
    return out;
  }
}
