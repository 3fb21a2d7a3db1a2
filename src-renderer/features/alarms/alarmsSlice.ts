// Alarms not in Normal and the alarm journal; acknowledging, shelving and saving rules.
import type { AlarmAction } from '@shared/alarms/actions.js';
import type { Alarm, JournalEntry } from '@shared/alarms/alarm.js';
import type { AlarmSettingsInput } from '@shared/alarms/rules.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { ApiResult } from '@shared/domain/result.js';
import type { Slice, SliceContext } from '../../state/slice';
import { appendJournal } from './journalBuffer';

export interface AlarmsActions {
  alarmAction(action: AlarmAction): Promise<boolean>;
  /** Saves alarm rules/notification settings; the result carries field issues for the form. */
  saveAlarmSettings(settings: AlarmSettingsInput): Promise<ApiResult<AppConfig>>;
}

export interface AlarmsState {
  /** Alarms not in Normal (shelved/suppressed too), sorted by the engine. */
  alarms: Alarm[];
  /** Newest alarm journal entries, oldest first (bounded). */
  journal: JournalEntry[];
  actions: AlarmsActions;
}

export function createAlarmsSlice(ctx: SliceContext<AlarmsState>): Slice<AlarmsState> {
  const { api, set, get, request, saveConfig } = ctx;
  return {
    state: { alarms: [], journal: [] },
    actions: {
      async alarmAction(action) {
        const result = await request(`Alarm ${action.action}`, () => api.alarmAction(action));
        if (result.ok) set({ alarms: result.value });
        return result.ok;
      },
      saveAlarmSettings: (settings) => saveConfig('Saving alarm rules', { alarms: settings }),
    },
    subscribe: (mark) => [
      api.on('alarms', (alarms) => {
        mark('alarms');
        set({ alarms });
      }),
      api.on('alarmJournal', (entries) => {
        mark('alarmJournal');
        set({ journal: appendJournal(get().journal, entries) });
      }),
    ],
    fromSnapshot: (snap, seen, replace) => ({
      ...(seen.has('alarms') ? {} : { alarms: snap.alarms }),
      // Entries that came as events before the snapshot are merged by sequence number.
      journal: replace ? snap.alarmJournal : appendJournal(snap.alarmJournal, get().journal),
    }),
  };
}
