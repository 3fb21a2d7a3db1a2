import { beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/alarms/alarm.js';
import { defaultConfig } from '@shared/config/app-config.js';
import { bindAlarmNotifications, type NotificationClass } from '../../../src-main/electron/alarm-notifier.js';
import { FakeApi } from '../../helpers/fake-api.js';
import { FakeNotification } from './fake-electron.js';

const entry = (over: Partial<JournalEntry>): JournalEntry => ({
  seq: 1,
  t: 1,
  alarmId: 'ch2:level',
  channel: 1,
  condition: 'hihi',
  priority: 'critical',
  action: 'occur',
  from: 'normal',
  to: 'unack',
  value: 9.5,
  limit: 8,
  message: 'boiler too hot',
  ...over,
});
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  FakeNotification.instances = [];
  FakeNotification.supported = true;
});

describe('Electron alarm notifications', () => {
  it('shows critical and high alarm starts, not acks, returns or lower priorities', async () => {
    const api = new FakeApi();
    let clicked = 0;
    bindAlarmNotifications(FakeNotification as unknown as NotificationClass, api, () => clicked++);
    await flush();
    api.emit('alarmJournal', [
      entry({}),
      entry({ seq: 2, priority: 'high', condition: 'hi', action: 're-alarm', from: 'ack' }),
      entry({ seq: 3, priority: 'medium' }),
      entry({ seq: 4, action: 'ack', from: 'unack', to: 'ack', by: 'alice' }),
      entry({ seq: 5, action: 'return', from: 'unack', to: 'rtn-unack' }),
    ]);
    await flush(); // the first notification reads the on/off setting once
    expect(FakeNotification.instances.map((n) => [n.options.title, n.options.urgency, n.shown])).toEqual([
      ['CRITICAL alarm: ch2 HIHI', 'critical', true],
      ['High alarm: ch2 HI', 'normal', true],
    ]);
    expect(FakeNotification.instances[0]?.options.body).toBe('boiler too hot (value 9.5, limit 8)');
    FakeNotification.instances[0]?.emit('click');
    expect(clicked).toBe(1);
  });

  it('follows the on/off setting and stays quiet where notifications are unsupported', async () => {
    const api = new FakeApi();
    const off = { ...defaultConfig(), alarms: { ...defaultConfig().alarms, notifications: { os: false, sound: false } } };
    api.config = off;
    const stop = bindAlarmNotifications(FakeNotification as unknown as NotificationClass, api, () => undefined);
    await flush();
    api.emit('alarmJournal', [entry({})]);
    await flush();
    expect(FakeNotification.instances).toHaveLength(0);
    api.emit('config', defaultConfig());
    api.emit('alarmJournal', [entry({ seq: 2 })]);
    expect(FakeNotification.instances).toHaveLength(1);
    FakeNotification.supported = false;
    api.emit('alarmJournal', [entry({ seq: 3 })]);
    expect(FakeNotification.instances).toHaveLength(1);
    FakeNotification.supported = true;
    stop();
    api.emit('alarmJournal', [entry({ seq: 4 })]);
    expect(FakeNotification.instances).toHaveLength(1);
  });
});
