// Desktop notifications for new critical/high alarms, from the main process with Electron's
// Notification (so they work with the window minimised). A small listener on the engine's events.
import type { NotificationConstructorOptions } from 'electron';
import type { TelemetryApi } from '@shared/api/contract.js';
import type { JournalEntry } from '@shared/alarms/alarm.js';
import { alarmNotificationText, wantsNotification } from '@shared/alarms/notify.js';

/** The part of Electron's Notification class used here (a fake in unit tests). */
export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}
export interface NotificationClass {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

/** Starts notifying; returns the stop function. `onClick` brings the window forward. */
export function bindAlarmNotifications(Notification: NotificationClass, api: TelemetryApi, onClick: () => void): () => void {
  // The setting comes with every config event; before the first one, it is read once on demand.
  let enabled: boolean | undefined;
  let stopped = false;
  const offConfig = api.on('config', (config) => {
    enabled = config.alarms.notifications.os;
  });
  const show = (entries: readonly JournalEntry[]): void => {
    if (stopped || !enabled || !Notification.isSupported()) return;
    for (const e of entries) {
      if (!wantsNotification(e)) continue;
      const { title, body } = alarmNotificationText(e);
      const n = new Notification({ title, body, urgency: e.priority === 'critical' ? 'critical' : 'normal' });
      n.on('click', onClick);
      n.show();
    }
  };
  const offJournal = api.on('alarmJournal', (entries) => {
    if (!entries.some(wantsNotification)) return;
    if (enabled !== undefined) return show(entries);
    void api.getSnapshot().then((snap) => {
      enabled ??= snap.ok ? snap.value.config.alarms.notifications.os : true;
      show(entries);
    });
  });
  return () => {
    stopped = true;
    offConfig();
    offJournal();
  };
}
