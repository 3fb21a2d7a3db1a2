import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alarm, AlarmCondition } from '@shared/alarms/alarm.js';
import { LEGAL_TRANSITIONS, newAlarm, reduceAlarm, type AlarmEvent } from '@shared/alarms/reducer.js';

const base = (): Alarm => newAlarm({ id: 'ch1:level', channel: 0, kind: 'level', condition: 'hi', priority: 'high', message: 'too hot' });
const occur = (t: number, condition: AlarmCondition = 'hi'): AlarmEvent => ({ type: 'occur', t, condition, value: 1, limit: 1, priority: 'high', message: 'too hot', crossedAt: t });
const run = (events: AlarmEvent[], a = base()): Alarm => events.reduce((acc, ev) => reduceAlarm(acc, ev).alarm, a);

const eventArb: fc.Arbitrary<AlarmEvent> = fc.oneof(
  fc.record({ t: fc.nat(1e6), condition: fc.constantFrom<AlarmCondition>('hi', 'hihi', 'lo', 'lolo') }).map(({ t, condition }) => occur(t, condition)),
  fc.nat(1e6).map((t): AlarmEvent => ({ type: 'return', t, value: 0 })),
  fc.nat(1e6).map((t): AlarmEvent => ({ type: 'ack', t, by: 'op' })),
  fc.record({ t: fc.nat(1e6), d: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }) }).map(
    ({ t, d }): AlarmEvent => (d === undefined ? { type: 'shelve', t, by: 'op', reason: 'r' } : { type: 'shelve', t, by: 'op', reason: 'r', durationSec: d }),
  ),
  fc.nat(1e6).map((t): AlarmEvent => ({ type: 'unshelve', t, by: 'op' })),
  fc.nat(1e6).map((t): AlarmEvent => ({ type: 'suppress', t, by: 'op', reason: 'maintenance' })),
  fc.nat(1e6).map((t): AlarmEvent => ({ type: 'unsuppress', t, by: 'op' })),
  fc.record({ t: fc.nat(1e7), re: fc.constantFrom(0, 5) }).map(({ t, re }): AlarmEvent => ({ type: 'tick', t, reAlarmSec: re })),
);

describe('alarm reducer (ISA-18.2)', () => {
  it('walks the standard lifecycle: occur → ack → return → normal, and occur → return → ack', () => {
    let a = run([occur(10)]);
    expect(a.state).toBe('unack');
    a = run([{ type: 'ack', t: 20, by: 'alice' }], a);
    expect(a).toMatchObject({ state: 'ack', acked: { by: 'alice', at: 20 } });
    expect(run([{ type: 'return', t: 30, value: 0 }], a).state).toBe('normal');
    const b = run([occur(10), { type: 'return', t: 30, value: 0 }]);
    expect(b.state).toBe('rtn-unack');
    const r = reduceAlarm(b, { type: 'ack', t: 40, by: 'bob' });
    expect(r.alarm.state).toBe('normal');
    expect(r.entry).toMatchObject({ action: 'ack', from: 'rtn-unack', to: 'normal', by: 'bob', t: 40 });
  });

  it('re-alarms an acknowledged alarm on escalation Hi → HiHi but not on Hi again', () => {
    const acked = run([occur(1, 'hi'), { type: 'ack', t: 2, by: 'op' }]);
    const esc = reduceAlarm(acked, occur(3, 'hihi'));
    expect(esc.alarm.state).toBe('unack');
    expect(esc.entry?.action).toBe('re-alarm');
    expect(reduceAlarm(acked, occur(3, 'hi')).entry).toBeUndefined();
    // De-escalation keeps the acknowledgement.
    const back = run([occur(4, 'hihi'), { type: 'ack', t: 5, by: 'op' }, occur(6, 'hi')], acked);
    expect(back.state).toBe('ack');
  });

  it('re-alarms a long-standing acknowledged alarm after the re-alarm time', () => {
    const acked = run([occur(0), { type: 'ack', t: 1000, by: 'op' }]);
    expect(reduceAlarm(acked, { type: 'tick', t: 5999, reAlarmSec: 5 }).alarm.state).toBe('ack');
    expect(reduceAlarm(acked, { type: 'tick', t: 6000, reAlarmSec: 5 }).alarm.state).toBe('unack');
  });

  it('a timed shelve lasts its duration, then the alarm comes back if still active', () => {
    const shelved = run([occur(0), { type: 'shelve', t: 1000, by: 'op', reason: 'known', durationSec: 60 }]);
    expect(shelved.state).toBe('shelved');
    expect(shelved.shelve).toMatchObject({ mode: 'timed', until: 61_000, reason: 'known', by: 'op' });
    expect(run([{ type: 'return', t: 2000, value: 0 }], shelved).state).toBe('shelved');
    expect(reduceAlarm(shelved, { type: 'tick', t: 60_999, reAlarmSec: 0 }).alarm.state).toBe('shelved');
    expect(reduceAlarm(shelved, { type: 'tick', t: 61_000, reAlarmSec: 0 }).alarm.state).toBe('unack');
  });

  it('suppression hides occurrences; unsuppress brings back an active alarm', () => {
    const s = run([{ type: 'suppress', t: 0, by: 'op', reason: 'out of service' }, occur(5)]);
    expect(s).toMatchObject({ state: 'suppressed', active: true });
    expect(run([{ type: 'unsuppress', t: 6, by: 'op' }], s).state).toBe('unack');
  });

  it('property: only legal transitions occur, for any sequence of events', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        let a = base();
        for (const ev of events) {
          const r = reduceAlarm(a, ev);
          expect(LEGAL_TRANSITIONS[a.state]).toContain(r.alarm.state);
          if (r.entry) expect(r.entry).toMatchObject({ from: a.state, to: r.alarm.state });
          else expect(r.alarm).toBe(a);
          // Invariants of the states.
          if (r.alarm.state === 'ack') expect(r.alarm.active).toBe(true);
          if (r.alarm.state === 'rtn-unack') expect(r.alarm.active).toBe(false);
          if (r.alarm.state === 'shelved') expect(r.alarm.shelve).toBeDefined();
          if (r.alarm.state !== 'shelved') expect(r.alarm.shelve).toBeUndefined();
          a = r.alarm;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: acknowledge in Normal is a no-op', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), fc.nat(1e6), (events, t) => {
        const a = run(events);
        fc.pre(a.state === 'normal');
        const r = reduceAlarm(a, { type: 'ack', t, by: 'op' });
        expect(r.alarm).toBe(a);
        expect(r.entry).toBeUndefined();
      }),
    );
  });

  it('property: a one-shot shelve clears on return to normal', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), fc.nat(1e6), (events, t) => {
        const pre = run(events);
        fc.pre(pre.state !== 'suppressed');
        const shelved = run([occur(t, 'hihi'), { type: 'shelve', t: t + 1, by: 'op', reason: 'one-shot' }], pre);
        expect(shelved.state).toBe('shelved');
        const r = reduceAlarm(shelved, { type: 'return', t: t + 2, value: 0 });
        expect(r.alarm.state).toBe('normal');
        expect(r.alarm.shelve).toBeUndefined();
      }),
    );
  });
});
