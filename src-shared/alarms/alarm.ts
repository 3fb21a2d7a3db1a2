// One alarm as operators see it, and the journal entry every state change leaves.
import type { AlarmPriority } from './rules.js';

/** ISA-18.2 alarm states. */
export const ALARM_STATES = ['normal', 'unack', 'ack', 'rtn-unack', 'shelved', 'suppressed'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** What an alarm watches on its channel: the level limits share one alarm (Hi escalates to HiHi). */
export type AlarmKind = 'level' | 'roc' | 'stale';
export type AlarmCondition = 'hihi' | 'hi' | 'lo' | 'lolo' | 'roc' | 'stale';

/** Higher is more severe; escalation means a move to a higher severity. */
export const CONDITION_SEVERITY: Record<AlarmCondition, number> = { hi: 1, lo: 1, hihi: 2, lolo: 2, roc: 1, stale: 1 };

export interface Shelve {
  /** One-shot clears when the alarm returns to normal; timed lasts until `until`. */
  mode: 'one-shot' | 'timed';
  until?: number;
  reason: string;
  by: string;
  at: number;
}

export interface OperatorStamp {
  by: string;
  at: number;
}

export interface Alarm {
  /** `ch<channel + 1>:<kind>`, matching the channel names operators see (ch1 is index 0). */
  id: string;
  channel: number;
  kind: AlarmKind;
  state: AlarmState;
  /** The process condition is present now (independent of shelve/suppress). */
  active: boolean;
  /** Latest condition that occurred (kept after return to normal for display). */
  condition: AlarmCondition;
  priority: AlarmPriority;
  message: string;
  /** Sample time of the latest occurrence (after on-delay). */
  occurredAt: number;
  /** Sample time the condition first appeared (before on-delay). */
  crossedAt: number;
  value: number;
  limit: number;
  /** Last sample time the alarm changed state. */
  changedAt: number;
  acked?: OperatorStamp;
  shelve?: Shelve;
  suppressed?: OperatorStamp & { reason: string };
  /** The channel went away: the alarm stays visible but can no longer be evaluated. */
  orphaned?: boolean;
}

export type JournalAction =
  | 'occur'
  | 're-alarm'
  | 'return'
  | 'ack'
  | 'shelve'
  | 'unshelve'
  | 'suppress'
  | 'unsuppress'
  | 'orphan';

export interface JournalEntry {
  /** Increasing per engine run; gaps never happen in memory. */
  seq: number;
  t: number;
  alarmId: string;
  channel: number;
  condition: AlarmCondition;
  priority: AlarmPriority;
  action: JournalAction;
  from: AlarmState;
  to: AlarmState;
  value: number;
  limit: number;
  by?: string;
  reason?: string;
  message: string;
}

export function alarmId(channel: number, kind: AlarmKind): string {
  return `ch${channel + 1}:${kind}`;
}

/** Alarms an operator must see in the panel: anything not Normal. */
export function isVisible(a: Alarm): boolean {
  return a.state !== 'normal';
}

/** Unacknowledged (flashing) alarms: new or returned without ack. */
export function isUnacknowledged(a: Alarm): boolean {
  return a.state === 'unack' || a.state === 'rtn-unack';
}
