// Schedules operator faults, ends them, and journals everything done. It does not
// apply faults itself: onApply hands the running set to the engine, which routes
// link faults to the LinkFaultInjector and device faults to the DeviceFaultModel.
import type { DeviceSource } from '@shared/domain/device.js';
import {
  faultApplies,
  faultParams,
  faultScope,
  type ActiveFault,
  type FaultJournalAction,
  type FaultJournalEntry,
  type FaultRequest,
  type StopFaultInput,
} from '@shared/domain/faults.js';
import { fail, ok, type ApiResult } from '@shared/domain/result.js';
import { fmtDurationSetting } from '@shared/format/duration.js';

export const FAULT_JOURNAL_CAPACITY = 1000;
const ENGINE = 'engine';

export interface FaultManagerOptions {
  /** Who injects (OS user). */
  operator: string;
  /** Epoch ms (default Date.now). */
  now?: () => number;
  /** The running (state 'active') faults changed: start/stop/expire. The engine routes them. */
  onApply(running: readonly ActiveFault[]): void;
  /** The list (scheduled + active) changed. */
  onChange(faults: ActiveFault[]): void;
  onJournal(entries: FaultJournalEntry[]): void;
  /** Live affected counts for the list (from the injector / device model). */
  affected?(id: string): number;
  /** A callback above threw; the manager carries on (default console.error). */
  onCallbackError?(err: unknown): void;
}

interface Slot {
  fault: ActiveFault;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class FaultManager {
  private readonly now: () => number;
  /** In injection order. */
  private readonly slots = new Map<string, Slot>();
  private nextId = 1;
  private readonly ring: FaultJournalEntry[] = [];
  private ringStart = 0;
  private closed = false;

  constructor(private readonly opts: FaultManagerOptions) {
    this.now = opts.now ?? Date.now;
  }

  /**
   * Refuses (fail('invalid-state', reason) and a 'refused' journal entry) when faultApplies() says no;
   * else schedules with delayMs/durationMs and journals 'injected' (then 'started' when it takes effect,
   * 'expired' at its end). With delayMs 0 it starts before this returns.
   */
  inject(request: FaultRequest, ctx: { source: DeviceSource; connected: boolean }): ApiResult<ActiveFault> {
    if (this.closed) return fail('invalid-state', 'Fault injection is closed: the engine is shutting down');
    const id = `f${this.nextId++}`;
    const applies = faultApplies(request.kind, ctx.source, ctx.connected);
    if (!applies.ok) {
      this.journal([this.entry(id, request, 'refused', this.opts.operator, `${describeFault(request)} refused: ${applies.reason}`)]);
      return fail('invalid-state', applies.reason);
    }
    const now = this.now();
    const startsAt = now + request.delayMs;
    const fault: ActiveFault = {
      id,
      kind: request.kind,
      scope: faultScope(request.kind),
      request,
      createdAt: now,
      startsAt,
      // A reboot is instantaneous: it ends as it starts.
      endsAt: request.durationMs === null ? (request.kind === 'reboot' ? startsAt : null) : startsAt + request.durationMs,
      state: 'scheduled',
      affected: 0,
    };
    const slot: Slot = { fault, timer: undefined };
    this.slots.set(id, slot);
    const injected = this.entry(id, request, 'injected', this.opts.operator, `${describeFault(request)}${timing(request)} injected by ${this.opts.operator}`);
    if (request.delayMs > 0) {
      slot.timer = setTimeout(() => this.start(id, []), request.delayMs);
      this.journal([injected]);
      this.changed();
      return ok({ ...fault });
    }
    this.start(id, [injected]);
    return ok({ ...fault });
  }

  stop(input: StopFaultInput): ApiResult<ActiveFault[]> {
    let ids: string[];
    if ('all' in input) ids = [...this.slots.keys()];
    else {
      if (!this.slots.has(input.faultId)) return fail('not-found', `No fault "${input.faultId}" is scheduled or active (it may have ended already)`);
      ids = [input.faultId];
    }
    const operator = this.opts.operator;
    this.remove(ids, 'stopped', operator, (f, affected) =>
      f.state === 'active' ? `${describeFault(f.request)} stopped by ${operator} (${affectedText(f.request, affected)})` : `${describeFault(f.request)} stopped by ${operator} before it started`,
    );
    // The answer is what is still scheduled or running (the panel's new list).
    return ok(this.list());
  }

  /** Ends every fault (link changed, disconnected, engine closing), journaled as 'cleared' with the reason, operator 'engine'. */
  clear(reason: string): void {
    this.remove([...this.slots.keys()], 'cleared', ENGINE, (f) => `${describeFault(f.request)} cleared: ${reason}`);
  }

  list(): ActiveFault[] {
    return [...this.slots.values()].map((s) => this.snapshot(s));
  }

  running(): readonly ActiveFault[] {
    return [...this.slots.values()].filter((s) => s.fault.state === 'active').map((s) => this.snapshot(s));
  }

  /** The newest `n` entries (at most 1000 are kept), oldest first. */
  recentJournal(n: number): FaultJournalEntry[] {
    const size = this.ring.length;
    const take = Math.max(0, Math.min(size, Math.floor(n)));
    const out: FaultJournalEntry[] = [];
    for (let i = size - take; i < size; i++) out.push(this.ring[(this.ringStart + i) % size] as FaultJournalEntry);
    return out;
  }

  /** Cancels timers and forgets every fault, without journal or callbacks. */
  close(): void {
    this.closed = true;
    for (const slot of this.slots.values()) if (slot.timer !== undefined) clearTimeout(slot.timer);
    this.slots.clear();
  }

  private start(id: string, pending: FaultJournalEntry[]): void {
    const slot = this.slots.get(id);
    if (!slot || slot.fault.state === 'active') return;
    const f = slot.fault;
    f.state = 'active';
    slot.timer = undefined;
    const entries = [...pending, this.entry(id, f.request, 'started', ENGINE, `${describeFault(f.request)} started`)];
    if (f.request.kind === 'reboot') {
      // Instantaneous: the reboot is in exactly one onApply snapshot (the engine calls
      // device.reboot() for each reboot it sees there), then it is gone and journaled 'expired'.
      this.journal(entries);
      this.apply();
      if (this.slots.get(id) === slot) this.remove([id], 'expired', ENGINE, (done) => `${describeFault(done.request)} done`);
      else this.changed();
      return;
    }
    if (f.request.durationMs !== null) slot.timer = setTimeout(() => this.expire(id), f.request.durationMs);
    this.journal(entries);
    this.apply();
    this.changed();
  }

  private expire(id: string): void {
    const slot = this.slots.get(id);
    if (!slot || slot.fault.state !== 'active') return;
    this.remove([id], 'expired', ENGINE, (f, affected) => {
      const ran = f.request.durationMs === null ? '' : ` after ${fmtDurationSetting(f.request.durationMs)}`;
      return `${describeFault(f.request)} expired${ran} (${affectedText(f.request, affected)})`;
    });
  }

  /** Removes `ids`: state first, then callbacks, so a re-entrant call sees the new state. */
  private remove(ids: readonly string[], action: FaultJournalAction, operator: string, message: (f: ActiveFault, affected: number) => string): void {
    const entries: FaultJournalEntry[] = [];
    let wasRunning = false;
    for (const id of ids) {
      const slot = this.slots.get(id);
      if (!slot) continue;
      if (slot.timer !== undefined) clearTimeout(slot.timer);
      slot.timer = undefined;
      const f = this.snapshot(slot);
      this.slots.delete(id);
      if (f.state === 'active') wasRunning = true;
      entries.push(this.entry(id, f.request, action, operator, message(f, f.affected)));
    }
    if (entries.length > 0) this.journal(entries);
    if (wasRunning) this.apply();
    if (entries.length > 0) this.changed();
  }

  private snapshot(slot: Slot): ActiveFault {
    const f = slot.fault;
    if (f.state === 'active' && this.opts.affected) {
      const id = f.id;
      const n = this.call(() => this.opts.affected?.(id));
      if (typeof n === 'number' && Number.isFinite(n)) f.affected = n;
    }
    return { ...f };
  }

  private entry(faultId: string, request: FaultRequest, action: FaultJournalAction, operator: string, message: string): FaultJournalEntry {
    return { t: this.now(), faultId, kind: request.kind, params: faultParams(request), action, operator, message };
  }

  private journal(entries: FaultJournalEntry[]): void {
    for (const e of entries) {
      if (this.ring.length < FAULT_JOURNAL_CAPACITY) this.ring.push(e);
      else {
        this.ring[this.ringStart] = e;
        this.ringStart = (this.ringStart + 1) % FAULT_JOURNAL_CAPACITY;
      }
    }
    this.call(() => this.opts.onJournal(entries));
  }

  private apply(): void {
    const running = this.running();
    this.call(() => this.opts.onApply(running));
  }

  private changed(): void {
    const list = this.list();
    this.call(() => this.opts.onChange(list));
  }

  private call<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      try {
        (this.opts.onCallbackError ?? defaultCallbackError)(err);
      } catch {
        // The error reporter itself failed: nothing sensible is left to do.
      }
      return undefined;
    }
  }
}

function defaultCallbackError(err: unknown): void {
  console.error('fault manager callback threw', err);
}

/** Human words for a request, e.g. "Corrupt frames 50 %". */
export function describeFault(r: FaultRequest): string {
  switch (r.kind) {
    case 'drop':
      return `Drop ${r.unit} ${r.percent} %`;
    case 'corrupt':
      return `Corrupt frames ${r.percent} %`;
    case 'truncate':
      return `Truncate frames ${r.percent} %`;
    case 'latency':
      return r.jitterMs > 0 ? `Latency ${r.latencyMs} ms + up to ${r.jitterMs} ms jitter` : `Latency ${r.latencyMs} ms`;
    case 'stall':
      return 'Stall';
    case 'disconnect':
      return 'Disconnect';
    case 'flood':
      return `Flood ×${r.factor}`;
    case 'stuck':
      return `Stuck channel ${r.channel}`;
    case 'spike':
      return `Spike ${r.magnitude} on channel ${r.channel} every ${fmtDurationSetting(r.intervalMs)}`;
    case 'drift':
      return `Drift ${r.perSec}/s on channel ${r.channel}`;
    case 'noise':
      return `Extra noise ±${r.amplitude} on channel ${r.channel}`;
    case 'out-of-range':
      return `Out-of-range value ${r.value} on channel ${r.channel}`;
    case 'error-replies':
      return `Error replies to ${r.percent} % of commands`;
    case 'reboot':
      return `Reboot (silent ${fmtDurationSetting(r.silentMs)})`;
  }
}

function timing(r: FaultRequest): string {
  const delay = r.delayMs > 0 ? ` in ${fmtDurationSetting(r.delayMs)}` : '';
  if (r.kind === 'reboot') return delay;
  return `${r.durationMs === null ? ' until stopped' : ` for ${fmtDurationSetting(r.durationMs)}`}${delay}`;
}

function affectedText(r: FaultRequest, n: number): string {
  const unit =
    r.kind === 'drop' && r.unit === 'bytes'
      ? 'bytes'
      : r.kind === 'error-replies'
        ? 'commands'
        : r.kind === 'spike'
          ? 'spikes'
          : r.kind === 'latency'
            ? 'chunks'
            : 'frames';
  return `${n} ${unit} affected`;
}

