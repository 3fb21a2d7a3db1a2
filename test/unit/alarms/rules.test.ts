import { describe, expect, it } from 'vitest';
import { AlarmSettingsSchema, AlarmRuleSchema } from '@shared/alarms/rules.js';
import { AppConfigSchema, mergeConfig, defaultConfig } from '@shared/config/app-config.js';
import { parseWith } from '@shared/domain/result.js';

function paths(input: unknown): string[] {
  const r = parseWith(AlarmRuleSchema, input);
  return r.ok ? [] : (r.error.issues ?? []).map((i) => i.path);
}

describe('alarm rule schema', () => {
  it('fills defaults for a minimal rule', () => {
    const r = AlarmRuleSchema.parse({ channel: 2, hi: { value: 5 } });
    expect(r).toMatchObject({ channel: 2, enabled: true, onDelaySec: 0, offDelaySec: 0, priority: 'medium', hi: { value: 5, deadband: 0 } });
  });

  it('names the field for inconsistent limits', () => {
    expect(paths({ channel: 0, hi: { value: 1 }, lo: { value: 2 } })).toEqual(['hi.value']);
    expect(paths({ channel: 0, hi: { value: 5 }, hihi: { value: 4 } })).toEqual(['hihi.value']);
    expect(paths({ channel: 0, lo: { value: -1 }, lolo: { value: 0 } })).toEqual(['lolo.value']);
    expect(paths({ channel: 0, hihi: { value: 0 }, lolo: { value: 1 } })).toEqual(['hihi.value']);
  });

  it('rejects negative delays and deadbands with the field named', () => {
    expect(paths({ channel: 0, hi: { value: 1 }, onDelaySec: -1 })).toEqual(['onDelaySec']);
    expect(paths({ channel: 0, hi: { value: 1 }, offDelaySec: -0.5 })).toEqual(['offDelaySec']);
    expect(paths({ channel: 0, hi: { value: 1, deadband: -2 } })).toEqual(['hi.deadband']);
  });

  it('rejects a deadband as wide as the span', () => {
    const r = parseWith(AlarmRuleSchema, { channel: 0, hi: { value: 1, deadband: 3 }, lo: { value: -1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.issues?.map((i) => i.path)).toEqual(['hi.deadband']);
      expect(r.error.message).toContain('hi.deadband: deadband (3) must be smaller than the span');
    }
  });

  it('rejects a rule that checks nothing, and two rules for one channel', () => {
    expect(paths({ channel: 0 })).toEqual(['hi']);
    const r = parseWith(AlarmSettingsSchema, { rules: [{ channel: 1, hi: { value: 1 } }, { channel: 1, lo: { value: 0 } }] });
    expect(r.ok ? [] : r.error.issues?.map((i) => i.path)).toEqual(['rules.1.channel']);
  });

  it('is a config section with defaults, patched like the others', () => {
    const cfg = defaultConfig();
    expect(cfg.alarms).toEqual({ rules: [], notifications: { os: true, sound: false } });
    const merged = parseWith(AppConfigSchema, mergeConfig(cfg, { alarms: { rules: [{ channel: 0, hi: { value: 1 }, lo: { value: 2 } }] } }));
    expect(merged.ok ? [] : merged.error.issues?.map((i) => i.path)).toEqual(['alarms.rules.0.hi.value']);
  });
});
