// The built-in instrument: emits `seq,ch1,…,chN\n` text frames as bytes through
// the DeviceLink interface, paced by its configured rate, and honours backpressure.
import { signalFor, type DeviceSettings } from '@shared/domain/device.js';
import type { DeviceLink, DeviceLinkEvents } from './device-link.js';
import { MAX_FIXED_BYTES, writeFixed, writeUint } from './fixed-format.js';
import { makeSignal, type SignalFn } from './signals.js';

const TICK_MS = 5;
const DECIMALS = 4;
/** Rate factor while backpressure is active. */
const THROTTLED_FACTOR = 0.25;

/**
 * Test hook: scripted values and silences, e.g. a spike, a ramp or a stall. Device-level
 * faults (spike/stuck/drift) of the resilience issue belong next to this.
 */
export interface DeviceScript {
  /** Overrides channel `channel` at frame `seq`; undefined keeps the configured signal. */
  value?: (seq: number, channel: number) => number | undefined;
  /** While true the device sends nothing (a stall); time does not accumulate a backlog. */
  silent?: () => boolean;
}

export interface SimulatedDeviceOptions {
  script?: DeviceScript;
  /** Ignore the rate and emit chunks as fast as backpressure allows (benchmarks). */
  flood?: { chunkFrames: number };
  random?: () => number;
}

export class SimulatedDevice implements DeviceLink {
  readonly kind = 'simulated';
  private dataListeners: DeviceLinkEvents['data'][] = [];
  private errorListeners: DeviceLinkEvents['error'][] = [];
  private settings: Pick<DeviceSettings, 'channels' | 'rateHz' | 'signals'>;
  private signals: SignalFn[] = [];
  private buf = new Uint8Array(0);
  private seq = 0;
  private measuring = false;
  private opened = false;
  private throttled = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private floodScheduled = false;
  private lastTick = 0;
  private budget = 0;
  /** Frames written since creation (for exact accounting in tests and benches). */
  framesProduced = 0;

  constructor(
    settings: Pick<DeviceSettings, 'channels' | 'rateHz' | 'signals'>,
    private readonly options: SimulatedDeviceOptions = {},
  ) {
    this.settings = settings;
    this.buildSignals();
  }

  get channels(): number {
    return this.settings.channels;
  }

  get isThrottled(): boolean {
    return this.throttled;
  }

  onData(listener: DeviceLinkEvents['data']): void {
    this.dataListeners.push(listener);
  }

  onError(listener: DeviceLinkEvents['error']): void {
    this.errorListeners.push(listener);
  }

  async open(): Promise<void> {
    this.opened = true;
    this.schedule();
  }

  async close(): Promise<void> {
    this.opened = false;
    this.schedule();
  }

  /** Applies new settings live; the sequence continues. */
  configure(settings: Pick<DeviceSettings, 'channels' | 'rateHz' | 'signals'>): void {
    this.settings = settings;
    this.buildSignals();
  }

  setMeasuring(measuring: boolean): void {
    this.measuring = measuring;
    this.schedule();
  }

  /** Device reset: the sequence restarts at 0. */
  resetSequence(): void {
    this.seq = 0;
  }

  setThrottled(throttled: boolean): void {
    if (this.throttled === throttled) return;
    this.throttled = throttled;
    if (this.options.flood && !throttled) this.scheduleFlood();
  }

  private get running(): boolean {
    return this.opened && this.measuring;
  }

  private buildSignals(): void {
    const random = this.options.random ?? Math.random;
    this.signals = Array.from({ length: this.settings.channels }, (_, i) => makeSignal(signalFor(this.settings, i), random));
  }

  private schedule(): void {
    if (this.options.flood) {
      if (this.running) this.scheduleFlood();
      return;
    }
    if (this.running && !this.timer) {
      this.lastTick = performance.now();
      this.budget = 0;
      this.timer = setInterval(() => this.tick(), TICK_MS);
    } else if (!this.running && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private tick(): void {
    const now = performance.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    if (this.options.script?.silent?.()) {
      this.budget = 0;
      return;
    }
    const rate = this.settings.rateHz * (this.throttled ? THROTTLED_FACTOR : 1);
    // A stalled event loop does not make the device burst more than a second's worth.
    this.budget = Math.min(this.budget + (elapsed * rate) / 1000, this.settings.rateHz);
    const frames = Math.floor(this.budget);
    if (frames <= 0) return;
    this.budget -= frames;
    this.emitFrames(frames);
  }

  private scheduleFlood(): void {
    if (this.floodScheduled) return;
    this.floodScheduled = true;
    setImmediate(() => {
      this.floodScheduled = false;
      if (!this.running || this.throttled || !this.options.flood) return;
      this.emitFrames(this.options.flood.chunkFrames);
      this.scheduleFlood();
    });
  }

  private emitFrames(frames: number): void {
    const channels = this.settings.channels;
    const need = frames * (16 + channels * (MAX_FIXED_BYTES + 1));
    if (this.buf.length < need) this.buf = new Uint8Array(need);
    const buf = this.buf;
    const rate = this.settings.rateHz;
    const scripted = this.options.script?.value;
    let pos = 0;
    for (let f = 0; f < frames; f++) {
      const seq = this.seq++;
      const t = seq / rate;
      pos = writeUint(buf, pos, seq);
      for (let c = 0; c < channels; c++) {
        buf[pos++] = 44;
        pos = writeFixed(buf, pos, scripted?.(seq, c) ?? (this.signals[c] as SignalFn)(t), DECIMALS);
      }
      buf[pos++] = 10;
    }
    this.framesProduced += frames;
    // Listeners copy what they keep, so the buffer is reused for the next chunk.
    const chunk = buf.subarray(0, pos);
    for (const l of this.dataListeners) l(chunk);
  }
}
