// The built-in instrument: emits `seq,ch1,…,chN\n` text frames as bytes through
// the DeviceLink interface, paced by its configured rate, and honours backpressure.
import { signalFor, type DeviceSettings } from '@shared/domain/device.js';
import type { DeviceFaultModel } from '../faults/device-faults.js';
import type { DeviceLink, DeviceLinkEvents } from './device-link.js';
import { MAX_FIXED_BYTES, writeFixed, writeUint } from './fixed-format.js';
import { makeSignal, type SignalFn } from './signals.js';

const TICK_MS = 5;
const DECIMALS = 4;
/** Rate factor while backpressure is active. */
const THROTTLED_FACTOR = 0.25;
/** How long the instrument takes to answer a command. */
const COMMAND_REPLY_MS = 2;

/**
 * Test hook: scripted values and silences, e.g. a spike, a ramp or a stall. Operator-injected
 * device faults go through `setFaultModel` (faults/device-faults.ts) instead.
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
  private faultModel: DeviceFaultModel | undefined;
  /** Set while rebooting: the device is silent until it fires. */
  private rebootTimer: ReturnType<typeof setTimeout> | undefined;
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
    // A device closed while rebooting has finished rebooting by the time it is reopened.
    if (this.rebootTimer !== undefined) this.finishReboot();
    this.schedule();
  }

  /** Device faults (stuck, spike, …) applied to every value while the model is active. */
  setFaultModel(model: DeviceFaultModel | undefined): void {
    this.faultModel = model;
  }

  get isRebooting(): boolean {
    return this.rebootTimer !== undefined;
  }

  /** The device sends nothing for `silentMs`, then its sequence restarts at 0. Rebooting again restarts the silence. */
  reboot(silentMs: number): void {
    if (this.rebootTimer !== undefined) clearTimeout(this.rebootTimer);
    this.rebootTimer = undefined;
    const ms = Number.isFinite(silentMs) ? Math.max(0, silentMs) : 0;
    if (ms === 0) {
      this.finishReboot();
      return;
    }
    this.rebootTimer = setTimeout(() => this.finishReboot(), ms);
  }

  /** Sends a command to the instrument; resolves with its reply (`OK`). */
  command(text: string): Promise<string> {
    if (!this.opened) return Promise.reject(new Error(`Cannot send the command "${text}": the simulated device is not connected`));
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (!this.opened) reject(new Error(`The simulated device was disconnected before it answered the command "${text}"`));
        else if (this.rebootTimer !== undefined) reject(new Error(`The simulated device did not answer the command "${text}": it is rebooting`));
        else {
          const error = this.faultModel?.commandError(text);
          if (error) reject(error);
          else resolve('OK');
        }
      }, COMMAND_REPLY_MS);
    });
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

  private finishReboot(): void {
    if (this.rebootTimer !== undefined) clearTimeout(this.rebootTimer);
    this.rebootTimer = undefined;
    this.seq = 0;
    this.budget = 0;
    this.lastTick = performance.now();
    this.schedule();
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
    if (this.rebootTimer !== undefined || this.options.script?.silent?.()) {
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
      // A reboot's end calls schedule() again.
      if (!this.running || this.throttled || !this.options.flood || this.rebootTimer !== undefined) return;
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
    const faults = this.faultModel?.active ? this.faultModel : undefined;
    let pos = 0;
    for (let f = 0; f < frames; f++) {
      const seq = this.seq++;
      const t = seq / rate;
      pos = writeUint(buf, pos, seq);
      for (let c = 0; c < channels; c++) {
        buf[pos++] = 44;
        const value = scripted?.(seq, c) ?? (this.signals[c] as SignalFn)(t);
        pos = writeFixed(buf, pos, faults ? faults.transform(seq, c, value) : value, DECIMALS);
      }
      buf[pos++] = 10;
    }
    this.framesProduced += frames;
    // Listeners copy what they keep, so the buffer is reused for the next chunk.
    const chunk = buf.subarray(0, pos);
    for (const l of this.dataListeners) l(chunk);
  }
}
