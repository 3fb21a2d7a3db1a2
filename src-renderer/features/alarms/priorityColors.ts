// One colour per priority, shared by the panel, the chart overlay and the history chart.
import type { AlarmPriority } from '@shared/alarms/rules.js';

export const PRIORITY_COLOR: Record<AlarmPriority, string> = {
  critical: '#ff3b5c',
  high: '#ff9f1a',
  medium: '#ffd84d',
  low: '#5ab0ff',
};
