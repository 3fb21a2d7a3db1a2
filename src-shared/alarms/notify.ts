// Which journal entries are news for an operator, and what a notification says.
import type { JournalEntry } from './alarm.js';

/** An alarm started: it occurred (into Unacknowledged) or re-alarmed (escalation, re-alarm time). */
export function isAlarmStart(e: JournalEntry): boolean {
  return e.action === 'occur' ? e.to === 'unack' : e.action === 're-alarm';
}

/** Critical and high alarms get an OS notification (when switched on). */
export function wantsNotification(e: JournalEntry): boolean {
  return isAlarmStart(e) && (e.priority === 'critical' || e.priority === 'high');
}

export function alarmNotificationText(e: JournalEntry): { title: string; body: string } {
  const what = e.condition === 'stale' ? 'stale data' : e.condition === 'roc' ? 'rate of change' : e.condition.toUpperCase();
  const value = Number.isFinite(e.value) ? `value ${Number(e.value.toPrecision(6))}` : 'no value';
  const limit = Number.isFinite(e.limit) ? `, limit ${e.limit}` : '';
  return { title: `${e.priority === 'critical' ? 'CRITICAL' : 'High'} alarm: ch${e.channel + 1} ${what}`, body: e.message ? `${e.message} (${value}${limit})` : `${value}${limit}` };
}
