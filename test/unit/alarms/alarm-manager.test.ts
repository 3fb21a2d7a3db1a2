import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/alarms/alarm.js';
import { AlarmRuleSchema, type AlarmRuleInput } from '@shared/alarms/rules.js';
import { AlarmManager } from '../../../src-main/engine/alarms/alarm-manager.js';

const T0 = 1_700_000_000_000;
const rules = (...r: AlarmRuleInput[]) => r.map((x) => AlarmRuleSchema.parse(x));
/** One frame per value, all channels the same value, 1 ms apart from `start`. */
function frames(m: AlarmManager, channels: number, values: number[], start: number): void {
  const t = Float64Array.from(values, (_, i) => start + i);
  const v = new Float64Array(values.length * channels);
  values.forEach((x, i) => v.fill(x, i * channels, (i + 1) * channels));
  m.onFrames(t, v, values.length, channels);
}

describe('AlarmManager', () => {
  it('runs conditions and operator actions through the reducer and journals who did what', () => {
    const m = new AlarmManager();
    const sunk: JournalEntry[] = [];
    m.journal.addSink({ append: (e) => void sunk.push(...e) });
    m.configure(rules({ channel: 0, hi: { value: 10 }, priority: 'high' }, { channel: 1, lo: { value: -5 }, priority: 'critical' }), 2, T0);
    expect(m.needsFrames).toBe(true);
    frames(m, 2, [0, 11, 12], T0);
    frames(m, 2, [-6], T0 + 3); // ch0 returns, ch1 (lo) occurs
    const f = m.flush();
    expect(f.alarms?.map((a) => [a.id, a.state])).toEqual([
      ['ch2:level', 'unack'],
      ['ch1:level', 'rtn-unack'],
    ]);
    expect(f.journal.map((e) => [e.seq, e.alarmId, e.action, e.t])).toEqual([
      [1, 'ch1:level', 'occur', T0 + 1],
      [2, 'ch1:level', 'return', T0 + 3],
      [3, 'ch2:level', 'occur', T0 + 3],
    ]);
    expect(m.action({ action: 'ack', id: 'ch2:level' }, 'alice', T0 + 10).ok).toBe(true);
    expect(m.action({ action: 'shelve', id: 'ch2:level', durationSec: 60, reason: 'sensor swap' }, 'bob', T0 + 20).ok).toBe(true);
    expect(m.action({ action: 'unshelve', id: 'ch1:level' }, 'bob', T0 + 21)).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(m.action({ action: 'ack', id: 'ch10:level' }, 'bob', T0 + 21)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    m.action({ action: 'ack-all' }, 'carol', T0 + 30);
    const g = m.flush();
    expect(g.journal.map((e) => [e.alarmId, e.action, e.by, e.reason ?? ''])).toEqual([
      ['ch2:level', 'ack', 'alice', ''],
      ['ch2:level', 'shelve', 'bob', 'sensor swap'],
      ['ch1:level', 'ack', 'carol', ''],
    ]);
    expect(g.alarms?.map((a) => [a.id, a.state])).toEqual([['ch2:level', 'shelved']]);
    // Timed shelve expires on a tick; the alarm is still active, so it needs attention again.
    m.setMeasuring(true, T0);
    m.tick(T0 + 20 + 60_000);
    expect(m.flush().alarms?.map((a) => [a.id, a.state])).toEqual([['ch2:level', 'unack']]);
    expect(sunk.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stale: no data for the timeout, or not measuring; returns at the first new sample', () => {
    const m = new AlarmManager();
    m.configure(rules({ channel: 0, stale: { timeoutSec: 1 } }), 1, T0);
    m.setMeasuring(true, T0);
    frames(m, 1, [1, 1], T0);
    m.tick(T0 + 900);
    expect(m.flush().alarms).toBeUndefined();
    m.tick(T0 + 1500);
    expect(m.active()[0]).toMatchObject({ id: 'ch1:stale', state: 'unack', occurredAt: T0 + 1 + 1000 });
    frames(m, 1, [2], T0 + 1600);
    expect(m.active()[0]).toMatchObject({ state: 'rtn-unack', active: false, changedAt: T0 + 1600 });
    m.setMeasuring(false, T0 + 2000);
    m.tick(T0 + 2001);
    expect(m.active()[0]).toMatchObject({ state: 'unack', active: true, occurredAt: T0 + 2000 });
  });

  it('a stale rule added to a running engine starts its clock then, not when measuring began', () => {
    const m = new AlarmManager();
    m.configure([], 1, T0);
    m.setMeasuring(true, T0);
    m.configure(rules({ channel: 0, stale: { timeoutSec: 1 } }), 1, T0 + 60_000);
    m.tick(T0 + 60_500);
    expect(m.active()).toEqual([]);
    m.tick(T0 + 61_500);
    expect(m.active()[0]).toMatchObject({ id: 'ch1:stale', occurredAt: T0 + 61_000 });
  });

  it('a channel that disappears keeps its alarms visible, as stale', () => {
    const m = new AlarmManager();
    const r = rules({ channel: 3, hi: { value: 1 } });
    m.configure(r, 4, T0);
    frames(m, 4, [5], T0);
    m.configure(r, 2, T0 + 100);
    const active = m.active();
    expect(active.map((a) => [a.id, a.state, a.orphaned ?? false])).toEqual([
      ['ch4:stale', 'unack', true],
      ['ch4:level', 'unack', true],
    ]);
    expect(active[0]?.message).toBe('channel removed');
  });

  it('removing a rule returns its active alarm; changing a rule keeps an active alarm active', () => {
    const m = new AlarmManager();
    m.configure(rules({ channel: 0, hi: { value: 1 } }), 1, T0);
    frames(m, 1, [5], T0);
    m.configure(rules({ channel: 0, hi: { value: 2 } }), 1, T0 + 10);
    expect(m.active()[0]).toMatchObject({ active: true, state: 'unack' });
    frames(m, 1, [0], T0 + 20);
    expect(m.active()[0]).toMatchObject({ active: false, state: 'rtn-unack', changedAt: T0 + 20 });
    frames(m, 1, [5], T0 + 30);
    m.configure([], 1, T0 + 40);
    expect(m.active()[0]).toMatchObject({ active: false, state: 'rtn-unack' });
    expect(m.needsFrames).toBe(false);
  });

  it('keeps the journal bounded in memory', () => {
    const m = new AlarmManager({ journalCapacity: 5 });
    m.configure(rules({ channel: 0, hi: { value: 1 } }), 1, T0);
    for (let i = 0; i < 10; i++) frames(m, 1, [5, 0], T0 + i * 10);
    m.flush();
    expect(m.journal.recent().map((e) => e.seq)).toEqual([16, 17, 18, 19, 20]);
  });
});
