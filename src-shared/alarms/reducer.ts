// The ISA-18.2 alarm state machine as a pure reducer: (alarm, event) → alarm + journal entry.
// No clocks, no I/O: times come in with the events (sample time for process events,
// wall time for operator actions), so the same sequence always gives the same result.
import { CONDITION_SEVERITY, type Alarm, type AlarmCondition, type AlarmState, type JournalAction, type JournalEntry } from './alarm.js';
import type { AlarmPriority } from './rules.js';

export type AlarmEvent =
  | {
      type: 'occur';
      t: number;
      condition: AlarmCondition;
      value: number;
      limit: number;
      priority: AlarmPriority;
      message: string;
      /** Sample time the condition first appeared (before the on-delay). */
      crossedAt: number;
    }
  | { type: 'return'; t: number; value: number }
  | { type: 'ack'; t: number; by: string }
  | { type: 'shelve'; t: number; by: string; durationSec?: number; reason: string }
  | { type: 'unshelve'; t: number; by: string }
  | { type: 'suppress'; t: number; by: string; reason: string }
  | { type: 'unsuppress'; t: number; by: string }
  /** Time passes: timed shelves expire, long-standing acknowledged alarms re-alarm. */
  | { type: 'tick'; t: number; reAlarmSec: number }
  /** The channel is gone: the alarm stays visible, marked orphaned. */
  | { type: 'orphan'; t: number };

export type AlarmEventType = AlarmEvent['type'];
export type JournalDraft = Omit<JournalEntry, 'seq'>;

export interface Reduced {
  alarm: Alarm;
  /** Present when something changed that belongs in the journal. */
  entry?: JournalDraft;
}

/** Every transition the reducer may make (from → to); the property tests hold it to this. */
export const LEGAL_TRANSITIONS: Record<AlarmState, readonly AlarmState[]> = {
  normal: ['normal', 'unack', 'shelved', 'suppressed'],
  unack: ['unack', 'ack', 'rtn-unack', 'shelved', 'suppressed'],
  ack: ['ack', 'unack', 'normal', 'shelved', 'suppressed'],
  'rtn-unack': ['rtn-unack', 'unack', 'normal', 'shelved', 'suppressed'],
  shelved: ['shelved', 'normal', 'unack', 'suppressed'],
  suppressed: ['suppressed', 'normal', 'unack'],
};

/** A fresh alarm in Normal, before anything occurred. */
export function newAlarm(init: Pick<Alarm, 'id' | 'channel' | 'kind' | 'condition' | 'priority' | 'message'>): Alarm {
  return { ...init, state: 'normal', active: false, occurredAt: 0, crossedAt: 0, value: NaN, limit: NaN, changedAt: 0 };
}

function changed(prev: Alarm, next: Alarm, action: JournalAction, t: number, extra: { by?: string; reason?: string } = {}): Reduced {
  const entry: JournalDraft = {
    t,
    alarmId: next.id,
    channel: next.channel,
    condition: next.condition,
    priority: next.priority,
    action,
    from: prev.state,
    to: next.state,
    value: next.value,
    limit: next.limit,
    message: next.message,
    ...extra,
  };
  return { alarm: next, entry };
}

/** Where an alarm lands when shelving/suppression ends: active alarms need attention again. */
function released(a: Alarm, t: number): Alarm {
  const { shelve: _s, suppressed: _p, ...rest } = a;
  return { ...rest, state: a.active ? 'unack' : 'normal', changedAt: t };
}

export function reduceAlarm(a: Alarm, ev: AlarmEvent): Reduced {
  switch (ev.type) {
    case 'occur': {
      const escalates = !a.active || CONDITION_SEVERITY[ev.condition] > CONDITION_SEVERITY[a.condition];
      if (a.active && ev.condition === a.condition) return { alarm: a };
      const base: Alarm = {
        ...a,
        active: true,
        condition: ev.condition,
        priority: ev.priority,
        message: ev.message,
        value: ev.value,
        limit: ev.limit,
        ...(escalates ? { occurredAt: ev.t, crossedAt: ev.crossedAt } : {}),
      };
      if (a.state === 'shelved' || a.state === 'suppressed') return changed(a, base, 'occur', ev.t);
      if (a.state === 'ack' && !escalates) return changed(a, base, 'occur', ev.t);
      const { acked: _k, ...rest } = base;
      const next: Alarm = { ...rest, state: 'unack', changedAt: ev.t };
      return changed(a, next, a.active ? 're-alarm' : 'occur', ev.t);
    }
    case 'return': {
      if (!a.active) return { alarm: a };
      const base: Alarm = { ...a, active: false, value: ev.value, changedAt: ev.t };
      switch (a.state) {
        case 'unack':
          return changed(a, { ...base, state: 'rtn-unack' }, 'return', ev.t);
        case 'ack':
          return changed(a, { ...base, state: 'normal' }, 'return', ev.t);
        case 'shelved':
          // One-shot shelving lasts until the alarm clears.
          if (a.shelve?.mode === 'one-shot') {
            const { shelve: _s, ...rest } = base;
            return changed(a, { ...rest, state: 'normal' }, 'return', ev.t);
          }
          return changed(a, base, 'return', ev.t);
        default:
          return changed(a, base, 'return', ev.t);
      }
    }
    case 'ack': {
      const stamp = { by: ev.by, at: ev.t };
      if (a.state === 'unack') return changed(a, { ...a, state: 'ack', acked: stamp, changedAt: ev.t }, 'ack', ev.t, { by: ev.by });
      if (a.state === 'rtn-unack') return changed(a, { ...a, state: 'normal', acked: stamp, changedAt: ev.t }, 'ack', ev.t, { by: ev.by });
      return { alarm: a };
    }
    case 'shelve': {
      if (a.state === 'suppressed') return { alarm: a };
      const shelve =
        ev.durationSec !== undefined
          ? { mode: 'timed' as const, until: ev.t + ev.durationSec * 1000, reason: ev.reason, by: ev.by, at: ev.t }
          : { mode: 'one-shot' as const, reason: ev.reason, by: ev.by, at: ev.t };
      return changed(a, { ...a, state: 'shelved', shelve, changedAt: ev.t }, 'shelve', ev.t, { by: ev.by, reason: ev.reason });
    }
    case 'unshelve':
      if (a.state !== 'shelved') return { alarm: a };
      return changed(a, released(a, ev.t), 'unshelve', ev.t, { by: ev.by });
    case 'suppress': {
      if (a.state === 'suppressed') return { alarm: a };
      const { shelve: _s, ...rest } = a;
      const next: Alarm = { ...rest, state: 'suppressed', suppressed: { by: ev.by, at: ev.t, reason: ev.reason }, changedAt: ev.t };
      return changed(a, next, 'suppress', ev.t, { by: ev.by, reason: ev.reason });
    }
    case 'unsuppress':
      if (a.state !== 'suppressed') return { alarm: a };
      return changed(a, released(a, ev.t), 'unsuppress', ev.t, { by: ev.by });
    case 'tick': {
      if (a.state === 'shelved' && a.shelve?.mode === 'timed' && a.shelve.until !== undefined && ev.t >= a.shelve.until) {
        return changed(a, released(a, ev.t), 'unshelve', ev.t, { by: 'system', reason: 'shelve expired' });
      }
      if (a.state === 'ack' && a.active && ev.reAlarmSec > 0 && a.acked && ev.t - a.acked.at >= ev.reAlarmSec * 1000) {
        const { acked: _k, ...rest } = a;
        return changed(a, { ...rest, state: 'unack', occurredAt: ev.t, changedAt: ev.t }, 're-alarm', ev.t, { reason: 'still active after re-alarm time' });
      }
      return { alarm: a };
    }
    case 'orphan':
      if (a.orphaned) return { alarm: a };
      return changed(a, { ...a, orphaned: true, changedAt: ev.t }, 'orphan', ev.t, { reason: 'channel removed' });
  }
}
