// Tells the operator about new critical/high alarms when the window may not be watched:
// a browser notification (when permitted, and switched on) and a beep for critical ones.
import { useEffect, useRef } from 'react';
import { alarmNotificationText, wantsNotification } from '@shared/alarms/notify.js';
import { isStart } from './alarmView';
import { beep } from './beep';
import { useAlarms } from './useAlarms';

/** `osNotifications`: false where the main process notifies natively (Electron). */
export function useAlarmNotifications(osNotifications: boolean): void {
  const journal = useAlarms((s) => s.journal);
  const settings = useAlarms((s) => s.config?.alarms.notifications);
  const ready = useAlarms((s) => s.ready);
  const lastSeq = useRef<number | null>(null);

  useEffect(() => {
    if (osNotifications && settings?.os && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
  }, [osNotifications, settings?.os]);

  useEffect(() => {
    if (!ready) return;
    const newest = journal.at(-1)?.seq ?? 0;
    // Entries from the snapshot are history, not news.
    if (lastSeq.current === null) {
      lastSeq.current = newest;
      return;
    }
    const fresh = journal.filter((e) => e.seq > (lastSeq.current ?? 0) && isStart(e));
    lastSeq.current = Math.max(lastSeq.current, newest);
    if (!settings) return;
    for (const e of fresh) {
      if (!wantsNotification(e)) continue;
      if (osNotifications && settings.os && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        const { title, body } = alarmNotificationText(e);
        new Notification(title, { body, tag: e.alarmId });
      }
    }
    if (settings.sound && fresh.some((e) => e.priority === 'critical')) beep();
  }, [journal, ready, settings, osNotifications]);
}
