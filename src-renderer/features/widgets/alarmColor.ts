// A widget's colour from the alarms on its channel: the most severe alarm whose condition is
// present or not yet acknowledged takes its priority colour; otherwise none (normal).
import type { Alarm } from '@shared/alarms/alarm.js';
import type { AlarmPriority } from '@shared/alarms/rules.js';

const RANK: Record<AlarmPriority, number> = { critical: 4, high: 3, medium: 2, low: 1 };
const SHOWN = new Set(['unack', 'ack', 'rtn-unack']);

export function channelAlarmPriority(alarms: readonly Alarm[], channel: number): AlarmPriority | null {
  let best: AlarmPriority | null = null;
  for (const a of alarms) {
    if (a.channel !== channel || !SHOWN.has(a.state)) continue;
    if (!best || RANK[a.priority] > RANK[best]) best = a.priority;
  }
  return best;
}
