import { describe, expect, it } from 'vitest';
import type { Alarm, JournalEntry } from '@shared/alarms/alarm.js';
import { AlarmRuleSchema } from '@shared/alarms/rules.js';
import { countsByPriority, filterJournal, isFlood, startsPerMinute, unackCount, workingAlarms } from '../../../src-renderer/features/alarms/alarmView';
import { appendJournal } from '../../../src-renderer/features/alarms/journalBuffer';
import { AlarmSettingsSchema } from '@shared/alarms/rules.js';
import { draftFromRule, emptyDraft, isBlank, ruleFromDraft, rulesFieldKey, rulesFormSpec, rulesFormValues } from '../../../src-renderer/features/alarms/ruleForm';
import { FORM_KEY, mapIssuesToFields } from '../../../src-renderer/ui/forms/fieldErrors';
import { checkValues } from '../../../src-renderer/ui/forms/settingsForm';
import { buildOverlay } from '../../../src-renderer/features/plots/alarmOverlay';

const NOW = 1_800_000_000_000;
const entry = (seq: number, over: Partial<JournalEntry> = {}): JournalEntry => ({
  seq,
  t: NOW - 1000,
  alarmId: 'ch1:level',
  channel: 0,
  condition: 'hi',
  priority: 'high',
  action: 'occur',
  from: 'normal',
  to: 'unack',
  value: 1,
  limit: 1,
  message: '',
  ...over,
});
const alarm = (id: string, state: Alarm['state'], priority: Alarm['priority']): Alarm => ({
  id,
  channel: 0,
  kind: 'level',
  state,
  active: true,
  condition: 'hi',
  priority,
  message: '',
  occurredAt: 0,
  crossedAt: 0,
  value: 0,
  limit: 0,
  changedAt: 0,
});

describe('alarm panel helpers', () => {
  it('counts by priority and unacknowledged, leaving shelved and suppressed aside', () => {
    const list = [alarm('a', 'unack', 'critical'), alarm('b', 'ack', 'critical'), alarm('c', 'rtn-unack', 'low'), alarm('d', 'shelved', 'high'), alarm('e', 'suppressed', 'high')];
    expect(countsByPriority(list)).toEqual({ critical: 2, high: 0, medium: 0, low: 1 });
    expect(unackCount(list)).toBe(2);
    expect(workingAlarms(list).map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  it('flood: more than 10 alarm starts within 10 minutes', () => {
    const ten = Array.from({ length: 10 }, (_, i) => entry(i + 1, { t: NOW - i * 50_000 }));
    expect(isFlood(ten, NOW)).toBe(false);
    expect(isFlood([...ten, entry(11, { t: NOW - 1 })], NOW)).toBe(true);
    // Acks and returns are not starts; old starts fall out of the window.
    expect(isFlood([...ten, entry(11, { action: 'ack', from: 'unack', to: 'ack' })], NOW)).toBe(false);
    expect(isFlood([entry(0, { t: NOW - 11 * 60_000 }), ...ten], NOW)).toBe(false);
  });

  it('alarm starts per minute over the last hour, by priority', () => {
    const rows = startsPerMinute([entry(1, { t: NOW - 30_000 }), entry(2, { t: NOW - 90_000, priority: 'critical' }), entry(3, { t: NOW - 2 * 3600_000 })], NOW);
    expect(rows).toHaveLength(60);
    expect(rows[59]).toMatchObject({ minute: 0, high: 1, critical: 0 });
    expect(rows[58]).toMatchObject({ minute: -1, critical: 1 });
    expect(rows.reduce((n, r) => n + r.critical + r.high + r.medium + r.low, 0)).toBe(2);
  });

  it('filters the journal by channel, limit, action and operator', () => {
    const j = [entry(1), entry(2, { channel: 2, condition: 'lolo' }), entry(3, { action: 'ack', by: 'alice', from: 'unack', to: 'ack' })];
    expect(filterJournal(j, 'ch3').map((e) => e.seq)).toEqual([2]);
    expect(filterJournal(j, 'LoLo').map((e) => e.seq)).toEqual([2]);
    expect(filterJournal(j, 'alice').map((e) => e.seq)).toEqual([3]);
    expect(filterJournal(j, '  ').map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('merges journal entries by sequence number, bounded', () => {
    expect(appendJournal([entry(1), entry(2)], [entry(2), entry(3)]).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(appendJournal([entry(3)], [entry(1)]).map((e) => e.seq)).toEqual([1, 3]);
    expect(appendJournal([entry(1), entry(2)], [entry(3)], 2).map((e) => e.seq)).toEqual([2, 3]);
  });
});

describe('alarm rule form', () => {
  it('round-trips a rule through the text draft', () => {
    const rule = AlarmRuleSchema.parse({ channel: 2, hi: { value: 5, deadband: 0.5 }, lolo: { value: -3 }, rateOfChange: { maxPerSec: 2, windowSec: 4 }, stale: { timeoutSec: 3 }, onDelaySec: 1, priority: 'critical', message: 'm' });
    expect(AlarmRuleSchema.parse(ruleFromDraft(2, draftFromRule(rule)))).toEqual(rule);
    expect(isBlank(emptyDraft())).toBe(true);
  });

  it('sends text that is not a number so the schema names the field', () => {
    const d = emptyDraft();
    d.limits.hi.value = 'abc';
    const r = AlarmRuleSchema.safeParse(ruleFromDraft(0, d));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['hi.value']);
  });

  it('maps config issue paths to the channel and field', () => {
    const values = rulesFormValues(AlarmSettingsSchema.parse({ rules: [{ channel: 4, hi: { value: 1 } }, { channel: 6, hi: { value: 1 } }] }));
    const m = mapIssuesToFields(
      [
        { path: 'alarms.rules.1.hi.value', message: 'alarms.rules.1.hi.value: Hi (1) must be above Lo (2)' },
        { path: 'alarms.rules.0', message: 'x' },
        { path: 'alarms.notifications', message: 'y' },
      ],
      (path) => rulesFieldKey(path, values),
    );
    expect(m).toEqual({ 'rules.c6.hi.value': 'Hi (1) must be above Lo (2)', 'rules.c4._rule': 'x', [FORM_KEY]: 'y' });
  });

  it('checks every channel’s rule with the shared schema; blank channels send nothing', async () => {
    const values = rulesFormValues(AlarmSettingsSchema.parse({}));
    expect(rulesFormSpec.toInput(values).rules).toEqual([]);
    const c0 = { ...emptyDraft(), onDelaySec: '-1', limits: { ...emptyDraft().limits, hi: { value: '1', deadband: '' }, lo: { value: '2', deadband: '' } } };
    const checked = await checkValues(rulesFormSpec, { ...values, rules: { ...values.rules, c0 } });
    expect(checked).toEqual({ ok: false, errors: { 'rules.c0.hi.value': 'Hi (1) must be above Lo (2)', 'rules.c0.onDelaySec': 'onDelaySec must be ≥ 0' } });
  });
});

describe('chart alarm overlay', () => {
  it('has a limit line per configured limit and a marker per alarm start', () => {
    const rules = [AlarmRuleSchema.parse({ channel: 1, hi: { value: 5 }, hihi: { value: 8, priority: 'critical' } }), AlarmRuleSchema.parse({ channel: 2, enabled: false, lo: { value: 0 } })];
    const o = buildOverlay(rules, [entry(1, { channel: 1, t: 5000 }), entry(2, { action: 'return', from: 'unack', to: 'rtn-unack' })]);
    expect(o.limits.map((l) => [l.channel, l.value, l.label])).toEqual([
      [1, 8, 'ch2 HiHi'],
      [1, 5, 'ch2 Hi'],
    ]);
    expect(o.markers).toEqual([{ channel: 1, t: 5, color: expect.any(String) }]);
  });
});
