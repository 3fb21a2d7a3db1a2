// Device faults: what the simulated instrument itself gets wrong (a stuck sensor,
// spikes, drift, noise, absurd readings, error replies). The device asks this model
// for every channel value while a fault runs. Reboot is not a transform: the engine
// calls SimulatedDevice.reboot() when a reboot fault starts.
import { faultScope, type FaultRequest } from '@shared/domain/faults.js';

export type DeviceFault = Extract<FaultRequest, { kind: 'stuck' | 'spike' | 'drift' | 'noise' | 'out-of-range' | 'error-replies' | 'reboot' }>;
/** Whether `request` is for the DeviceFaultModel / the simulated device. */
export function isDeviceFault(request: FaultRequest): request is DeviceFault {
  return faultScope(request.kind) === 'device';
}

type ValueFault = Exclude<DeviceFault, { kind: 'error-replies' | 'reboot' }>;

/** Values are clamped to this: the device writes every value with a fixed-size budget. */
export const DEVICE_VALUE_LIMIT = 1e12;

interface Running {
  id: string;
  fault: ValueFault;
  startedAt: number;
  /** stuck: the value held since the first frame after the start. */
  held: number | undefined;
  /** spike: when the next spike is due. */
  nextSpikeAt: number;
}

export interface DeviceFaultModelOptions {
  random?: () => number;
  /** Epoch ms, the clock of `startedAt` (default Date.now). */
  now?: () => number;
}

export class DeviceFaultModel {
  private readonly random: () => number;
  private readonly now: () => number;
  /** Value faults per channel, in the order given (they compose in that order). */
  private byChannel: Running[][] = [];
  private errorReplies: { id: string; p: number }[] = [];
  private count = 0;
  private readonly affectedById = new Map<string, number>();

  constructor(opts: DeviceFaultModelOptions = {}) {
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
  }

  /** Replaces the running device faults; a fault that stays keeps its state (held value, spike phase). */
  setFaults(faults: ReadonlyArray<{ id: string; fault: DeviceFault; startedAt: number }>): void {
    const previous = new Map<string, Running>();
    // Sparse: only channels with a fault have a list.
    for (const list of this.byChannel) if (list) for (const r of list) previous.set(r.id, r);
    const counts = new Map<string, number>();
    this.byChannel = [];
    this.errorReplies = [];
    this.count = 0;
    for (const { id, fault, startedAt } of faults) {
      counts.set(id, this.affectedById.get(id) ?? 0);
      if (fault.kind === 'reboot') continue;
      this.count++;
      if (fault.kind === 'error-replies') {
        this.errorReplies.push({ id, p: fault.percent / 100 });
        continue;
      }
      const prev = previous.get(id);
      const running: Running =
        prev && prev.fault.kind === fault.kind ? { ...prev, fault, startedAt } : { id, fault, startedAt, held: undefined, nextSpikeAt: startedAt };
      (this.byChannel[fault.channel] ??= []).push(running);
    }
    this.affectedById.clear();
    for (const [id, n] of counts) this.affectedById.set(id, n);
  }

  /** Any transform or error-replies fault (reboot alone is not a model fault). */
  get active(): boolean {
    return this.count > 0;
  }

  /** The value channel `channel` reports at frame `seq`, given what the signal would say. */
  transform(_seq: number, channel: number, value: number): number {
    const list = this.byChannel[channel];
    if (list === undefined || list.length === 0) return value;
    let v = value;
    for (const r of list) {
      const f = r.fault;
      switch (f.kind) {
        case 'stuck':
          r.held ??= v;
          v = r.held;
          break;
        case 'spike': {
          const now = this.now();
          if (now < r.nextSpikeAt) continue;
          v += f.magnitude;
          // One spiked frame per interval, however late the frames come.
          r.nextSpikeAt += f.intervalMs * (Math.floor((now - r.nextSpikeAt) / f.intervalMs) + 1);
          break;
        }
        case 'drift':
          v += (f.perSec * Math.max(0, this.now() - r.startedAt)) / 1000;
          break;
        case 'noise':
          v += (this.random() * 2 - 1) * f.amplitude;
          break;
        case 'out-of-range':
          v = f.value;
          break;
      }
      this.bump(r.id);
    }
    if (v > DEVICE_VALUE_LIMIT) return DEVICE_VALUE_LIMIT;
    if (v < -DEVICE_VALUE_LIMIT) return -DEVICE_VALUE_LIMIT;
    return Number.isNaN(v) ? value : v;
  }

  /** An error reply for a command, or undefined (error-replies fault, `percent` of commands). */
  commandError(command: string): Error | undefined {
    for (const e of this.errorReplies) {
      if (this.random() < e.p) {
        this.bump(e.id);
        return new Error(`The device replied with an error to the command "${command}"`);
      }
    }
    return undefined;
  }

  /** Frames changed (spikes for spike, error replies for error-replies) by fault `id`. */
  affected(id: string): number {
    return this.affectedById.get(id) ?? 0;
  }

  private bump(id: string): void {
    const cur = this.affectedById.get(id);
    if (cur !== undefined) this.affectedById.set(id, cur + 1);
  }
}
