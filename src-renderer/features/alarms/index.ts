// The alarms feature: its panel, slice, notifications and the views others show (status bar, chart).
import './alarms.css';
import type { PanelDefinition } from '../../ui/panel';
import { AlarmPanel } from './AlarmPanel';

export const alarmsPanels: PanelDefinition[] = [{ id: 'alarms', defaultDock: 'bottom', component: AlarmPanel }];

export { createAlarmsSlice, type AlarmsActions, type AlarmsState } from './alarmsSlice';
export { useAlarmNotifications } from './useAlarmNotifications';
export { CONDITION_LABEL, isStart, unackCount } from './alarmView';
export { PRIORITY_COLOR } from './priorityColors';
