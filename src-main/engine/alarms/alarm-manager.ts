// Owns every alarm of the engine: feeds full-resolution frames to the evaluator,
// runs conditions and operator actions through the pure reducer, checks stale data
// against the clock and link state, and reports changes (never dropped, never coalesced
// with samples: the engine emits them as their own events).
//
// Why evaluate here on the main side, from the workers' full-resolution output, rather
// than inside the workers with the state sent along and returned: the pool runs several
// batches of the same channels at once (capacity = 2 × threads), so the state a batch needs
// (deadband latches, on/off-delay timers, the rate-of-change window) only exists once the
// previous batch has finished. Threading it through the tasks would serialise the pool.
// Instead the workers do the expensive part (decoding text into numbers and timestamps) and,
// only while rules exist, return every frame undecimated; the pipeline hands them over in
// batch order (in-order release), so the evaluator sees each channel's samples exactly once,
// in order, whatever thread decoded them. The evaluator itself does > 5 M samples/s on one
// thread (bench `alarm-eval`), i.e. well under 1 % of a core at 8 channels × 1 kHz.
import { alarmId, type Alarm, type AlarmKind, type JournalEntry } from '@shared/alarms/alarm.js';
import type { AlarmAction } from '@shared/alarms/actions.js';
import { newAlarm, reduceAlarm, type AlarmEvent, type JournalDraft } from '@shared/alarms/reducer.js';
import { PRIORITY_RANK, type AlarmRule } from '@shared/alarms/rules.js';
import { fail, ok, type ApiResult } from '@shared/domain/result.js';
import { AlarmEvaluator, type ConditionEvent } from './evaluator.js';
import { AlarmJournal } from './journal.js';

/** Sorted for the operator: most urgent priority first, newest first within a priority. */
export function sortAlarms(alarms: Alarm[]): Alarm[] {
  return alarms.sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || b.occurredAt - a.occurredAt || a.id.localeCompare(b.id));
}

export interface AlarmManagerOptions {
  journalCapacity?: number;
  onSinkError?: (err: unknown) => void;
}

export class AlarmManager {
  readonly journal: AlarmJournal;
  private rules = new Map<number, AlarmRule>();
  private alarms = new Map<string, Alarm>();
  private evaluator = new AlarmEvaluator([]);
  private channels = 0;
  private measuring = false;
  /** When the current measuring (or not-measuring) period began: stale checks start from it. */
  private measuringChangedAt = 0;
  private lastSample = new Map<number, number>();
  /** When each stale rule began watching: a rule added to a running engine has seen no sample yet. */
  private staleWatchSince = new Map<number, number>();
  private conditions: ConditionEvent[] = [];
  private drafts: JournalDraft[] = [];
  private dirty = false;

  constructor(opts: AlarmManagerOptions = {}) {
    this.journal = new AlarmJournal(opts.journalCapacity ?? 2000, opts.onSinkError);
  }

  /** Whether any enabled rule needs samples (the pipeline then ships full-resolution frames). */
  get needsFrames(): boolean {
    for (const r of this.rules.values()) if (r.enabled && (r.hi || r.hihi || r.lo || r.lolo || r.rateOfChange || r.stale)) return true;
    return false;
  }

  /** New rules or channel count. Active alarms continue (seeded), alarms without a rule return, gone channels go stale. */
  configure(rules: readonly AlarmRule[], channels: number, now: number): void {
    const prevChannels = this.channels;
    if (this.measuringChangedAt === 0) this.measuringChangedAt = now;
    this.rules = new Map(rules.map((r) => [r.channel, r]));
    this.channels = channels;
    this.evaluator = new AlarmEvaluator(rules);
    for (const c of [...this.staleWatchSince.keys()]) if (!this.rules.get(c)?.stale) this.staleWatchSince.delete(c);
    for (const r of rules) if (r.stale && !this.staleWatchSince.has(r.channel)) this.staleWatchSince.set(r.channel, now);
    for (const a of this.alarms.values()) {
      if (a.channel >= channels) continue;
      const rule = this.rules.get(a.channel);
      const stillWatched = rule?.enabled && (a.kind === 'stale' ? !!rule.stale : a.kind === 'roc' ? !!rule.rateOfChange : !!(rule.hi || rule.hihi || rule.lo || rule.lolo));
      if (!stillWatched) this.apply(a.id, { type: 'return', t: now, value: a.value });
      else if (a.active) this.evaluator.seed(a.channel, a.kind, a.condition);
    }
    // A channel that disappears keeps its alarms visible, as stale.
    for (let c = channels; c < Math.max(prevChannels, channels); c++) {
      const rule = this.rules.get(c);
      const had = [...this.alarms.values()].some((a) => a.channel === c && a.state !== 'normal');
      if (!rule?.enabled && !had) continue;
      this.occur(c, 'stale', { t: now, crossedAt: now, condition: 'stale', value: NaN, limit: NaN, priority: rule?.stale?.priority ?? rule?.priority ?? 'high', message: 'channel removed' });
      for (const a of this.alarms.values()) if (a.channel === c) this.apply(a.id, { type: 'orphan', t: now });
    }
  }

  /** Full-resolution frames in batch order (sample time t, row-major values). */
  onFrames(t: Float64Array, values: Float64Array, frames: number, channels: number): void {
    const out = this.conditions;
    out.length = 0;
    this.evaluator.evaluate(t, values, frames, channels, out);
    for (const [c, rule] of this.rules) {
      const last = this.evaluator.lastSampleAt(c);
      if (Number.isNaN(last)) continue;
      this.lastSample.set(c, last);
      // Data is back: a stale alarm returns at the first valid sample, not at the next tick.
      const staleId = alarmId(c, 'stale');
      if (rule.stale && this.measuring && this.alarms.get(staleId)?.active && c < channels) {
        for (let f = 0; f < frames; f++) {
          const v = values[f * channels + c] as number;
          if (Number.isFinite(v)) {
            this.apply(staleId, { type: 'return', t: t[f] as number, value: v });
            break;
          }
        }
      }
    }
    for (const ev of out) {
      if (ev.type === 'occur') this.occur(ev.channel, ev.kind, ev);
      else this.apply(alarmId(ev.channel, ev.kind), { type: 'return', t: ev.t, value: ev.value });
    }
  }

  /** Link/device state: stale rules treat "not measuring" as comms loss. */
  setMeasuring(measuring: boolean, now: number): void {
    if (measuring === this.measuring) return;
    this.measuring = measuring;
    this.measuringChangedAt = now;
  }

  /** Device reset: delay timers and rate windows restart; alarms stay. */
  resetTimers(now: number): void {
    this.evaluator.resetTimers();
    this.lastSample.clear();
    this.measuringChangedAt = now;
  }

  /** Clock-driven checks: stale data, timed shelves expiring, re-alarm time. */
  tick(now: number): void {
    for (const rule of this.rules.values()) {
      if (!rule.enabled || !rule.stale || rule.channel >= this.channels) continue;
      const timeoutMs = rule.stale.timeoutSec * 1000;
      const id = alarmId(rule.channel, 'stale');
      const last = this.lastSample.get(rule.channel);
      const since = Math.max(this.measuringChangedAt, this.staleWatchSince.get(rule.channel) ?? 0);
      const fresh = last !== undefined && last >= since - timeoutMs && now - last <= timeoutMs;
      const priority = rule.stale.priority ?? rule.priority;
      if (!this.measuring) {
        this.occur(rule.channel, 'stale', { t: this.measuringChangedAt, crossedAt: this.measuringChangedAt, condition: 'stale', value: NaN, limit: rule.stale.timeoutSec, priority, message: rule.message || 'link not measuring' });
      } else if (fresh) {
        if (this.alarms.get(id)?.active) this.apply(id, { type: 'return', t: last, value: 0 });
      } else {
        const ref = Math.max(last ?? since, since);
        // The alarm time is when data became stale: the last sample plus the timeout.
        if (now - ref > timeoutMs) {
          this.occur(rule.channel, 'stale', { t: ref + timeoutMs, crossedAt: ref, condition: 'stale', value: (now - ref) / 1000, limit: rule.stale.timeoutSec, priority, message: rule.message || 'no data' });
        }
      }
    }
    for (const a of this.alarms.values()) {
      const reAlarmSec = this.rules.get(a.channel)?.reAlarmSec ?? 0;
      this.apply(a.id, { type: 'tick', t: now, reAlarmSec });
    }
  }

  action(req: AlarmAction, by: string, now: number): ApiResult<Alarm[]> {
    if (req.action === 'ack-all') {
      for (const a of this.alarms.values()) this.apply(a.id, { type: 'ack', t: now, by });
      return ok(this.active());
    }
    const id = req.id ?? '';
    const a = this.alarms.get(id);
    if (!a) return fail('not-found', `id: no alarm ${JSON.stringify(id)}`, [{ path: 'id', message: `id: no alarm ${JSON.stringify(id)}` }]);
    const reason = req.reason ?? '';
    switch (req.action) {
      case 'ack':
        this.apply(id, { type: 'ack', t: now, by });
        break;
      case 'shelve':
        if (a.state === 'suppressed') return fail('invalid-state', `${id} is suppressed; unsuppress it before shelving`);
        this.apply(id, req.durationSec !== undefined ? { type: 'shelve', t: now, by, reason, durationSec: req.durationSec } : { type: 'shelve', t: now, by, reason });
        break;
      case 'unshelve':
        if (a.state !== 'shelved') return fail('invalid-state', `${id} is not shelved`);
        this.apply(id, { type: 'unshelve', t: now, by });
        break;
      case 'suppress':
        this.apply(id, { type: 'suppress', t: now, by, reason });
        break;
      case 'unsuppress':
        if (a.state !== 'suppressed') return fail('invalid-state', `${id} is not suppressed`);
        this.apply(id, { type: 'unsuppress', t: now, by });
        break;
    }
    return ok(this.active());
  }

  /** Every alarm not in Normal (shelved and suppressed included), sorted for the panel. */
  active(): Alarm[] {
    return sortAlarms([...this.alarms.values()].filter((a) => a.state !== 'normal'));
  }

  /** Something changed since the last flush. */
  get pending(): boolean {
    return this.dirty || this.drafts.length > 0;
  }

  /** Changes since the last call: the new alarm list (if anything changed) and new journal entries. */
  flush(): { alarms?: Alarm[]; journal: JournalEntry[] } {
    const journal = this.journal.append(this.drafts);
    this.drafts = [];
    if (!this.dirty) return { journal };
    this.dirty = false;
    return { alarms: this.active(), journal };
  }

  private occur(channel: number, kind: AlarmKind, ev: Omit<ConditionEvent, 'channel' | 'kind' | 'type'>): void {
    const id = alarmId(channel, kind);
    if (!this.alarms.has(id)) this.alarms.set(id, newAlarm({ id, channel, kind, condition: ev.condition, priority: ev.priority, message: ev.message }));
    this.apply(id, { type: 'occur', t: ev.t, condition: ev.condition, value: ev.value, limit: ev.limit, priority: ev.priority, message: ev.message, crossedAt: ev.crossedAt });
  }

  private apply(id: string, ev: AlarmEvent): void {
    const a = this.alarms.get(id);
    if (!a) return;
    const r = reduceAlarm(a, ev);
    if (r.alarm === a) return;
    this.alarms.set(id, r.alarm);
    this.dirty = true;
    if (r.entry) this.drafts.push(r.entry);
  }
}
