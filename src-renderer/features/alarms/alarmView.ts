// Pure helpers behind the alarm panel: counts, flood detection, per-minute history, filtering.
import { isUnacknowledged, type Alarm, type JournalEntry } from '@shared/alarms/alarm.js';
import { isAlarmStart } from '@shared/alarms/notify.js';
import { ALARM_PRIORITIES, type AlarmPriority } from '@shared/alarms/rules.js';

/** ISA-18.2 flood: more than 10 alarms starting within 10 minutes. */
export const FLOOD_COUNT = 10;
export const FLOOD_WINDOW_MS = 10 * 60_000;

export const PRIORITY_LABEL: Record<AlarmPriority, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
export const CONDITION_LABEL: Record<string, string> = { hihi: 'HiHi', hi: 'Hi', lo: 'Lo', lolo: 'LoLo', roc: 'Rate', stale: 'Stale' };
export const STATE_LABEL: Record<string, string> = {
  normal: 'Normal',
  unack: 'Unacknowledged',
  ack: 'Acknowledged',
  'rtn-unack': 'Returned, unacknowledged',
  shelved: 'Shelved',
  suppressed: 'Suppressed',
};

/** Alarms the operator works on now (shelved and suppressed are listed apart). */
export function workingAlarms(alarms: readonly Alarm[]): Alarm[] {
  return alarms.filter((a) => a.state !== 'shelved' && a.state !== 'suppressed');
}

export function unackCount(alarms: readonly Alarm[]): number {
  return alarms.filter(isUnacknowledged).length;
}

export function countsByPriority(alarms: readonly Alarm[]): Record<AlarmPriority, number> {
  const counts: Record<AlarmPriority, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const a of workingAlarms(alarms)) counts[a.priority]++;
  return counts;
}

/** An alarm started: it occurred, or re-alarmed (escalation, re-alarm time). */
export const isStart = isAlarmStart;

export function startsWithin(journal: readonly JournalEntry[], now: number, windowMs: number): number {
  let n = 0;
  for (let i = journal.length - 1; i >= 0; i--) {
    const e = journal[i]!;
    if (e.t < now - windowMs) break;
    if (e.t <= now && isStart(e)) n++;
  }
  return n;
}

export function isFlood(journal: readonly JournalEntry[], now: number): boolean {
  return startsWithin(journal, now, FLOOD_WINDOW_MS) > FLOOD_COUNT;
}

export interface MinuteRow {
  /** Minutes before now (−59 … 0). */
  minute: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/** Alarm starts per minute over the last hour, by priority, oldest first. */
export function startsPerMinute(journal: readonly JournalEntry[], now: number): MinuteRow[] {
  const rows: MinuteRow[] = Array.from({ length: 60 }, (_, i) => ({ minute: i - 59, critical: 0, high: 0, medium: 0, low: 0 }));
  for (const e of journal) {
    if (!isStart(e)) continue;
    const age = Math.floor((now - e.t) / 60_000);
    if (age < 0 || age > 59) continue;
    rows[59 - age]![e.priority]++;
  }
  return rows;
}

/** Case-insensitive match on channel, condition, action, state, operator, reason and message. */
export function filterJournal(journal: readonly JournalEntry[], text: string): JournalEntry[] {
  const q = text.trim().toLowerCase();
  if (!q) return [...journal];
  return journal.filter((e) =>
    [`ch${e.channel + 1}`, CONDITION_LABEL[e.condition] ?? e.condition, e.action, STATE_LABEL[e.to] ?? e.to, e.by ?? '', e.reason ?? '', e.message, e.priority]
      .join(' ')
      .toLowerCase()
      .includes(q),
  );
}

export { ALARM_PRIORITIES };
