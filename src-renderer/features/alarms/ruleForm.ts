// The alarm-rules form: text fields per channel (every channel has its values, blank
// ones send no rule), and back to rules. The shared schema names each bad field; its
// paths (`rules.<i>.hi.value`, i = position among the rules sent) map to the channel's field.
import { MAX_CHANNELS } from '@shared/domain/device.js';
import {
  AlarmSettingsSchema,
  LIMIT_KINDS,
  type AlarmPriority,
  type AlarmRule,
  type AlarmRuleInput,
  type AlarmSettings,
  type AlarmSettingsInput,
  type LimitKind,
} from '@shared/alarms/rules.js';
import { FORM_KEY } from '../../ui/forms/fieldErrors';
import { parseNumber } from '../../ui/forms/parseNumber';
import type { SettingsFormSpec } from '../../ui/forms/settingsForm';

export interface LimitDraft {
  value: string;
  deadband: string;
}

export interface RuleDraft {
  enabled: boolean;
  limits: Record<LimitKind, LimitDraft>;
  rocMax: string;
  rocWindow: string;
  staleSec: string;
  onDelaySec: string;
  offDelaySec: string;
  reAlarmSec: string;
  priority: AlarmPriority;
  message: string;
}

const str = (n: number | undefined): string => (n === undefined ? '' : String(n));

export function emptyDraft(): RuleDraft {
  const limits = Object.fromEntries(LIMIT_KINDS.map((k) => [k, { value: '', deadband: '' }])) as Record<LimitKind, LimitDraft>;
  return { enabled: true, limits, rocMax: '', rocWindow: '1', staleSec: '', onDelaySec: '0', offDelaySec: '0', reAlarmSec: '0', priority: 'medium', message: '' };
}

export function draftFromRule(rule: AlarmRule | undefined): RuleDraft {
  const d = emptyDraft();
  if (!rule) return d;
  for (const k of LIMIT_KINDS) {
    const l = rule[k];
    if (l) d.limits[k] = { value: str(l.value), deadband: l.deadband ? str(l.deadband) : '' };
  }
  return {
    ...d,
    enabled: rule.enabled,
    rocMax: str(rule.rateOfChange?.maxPerSec),
    rocWindow: rule.rateOfChange ? str(rule.rateOfChange.windowSec) : d.rocWindow,
    staleSec: str(rule.stale?.timeoutSec),
    onDelaySec: str(rule.onDelaySec),
    offDelaySec: str(rule.offDelaySec),
    reAlarmSec: str(rule.reAlarmSec),
    priority: rule.priority,
    message: rule.message,
  };
}

const num = parseNumber;

/** True when the draft asks for nothing (no limit, rate or stale check). */
export function isBlank(d: RuleDraft): boolean {
  return LIMIT_KINDS.every((k) => d.limits[k].value.trim() === '') && d.rocMax.trim() === '' && d.staleSec.trim() === '';
}

export function ruleFromDraft(channel: number, d: RuleDraft): AlarmRuleInput {
  const rule: Record<string, unknown> = {
    channel,
    enabled: d.enabled,
    onDelaySec: num(d.onDelaySec || '0'),
    offDelaySec: num(d.offDelaySec || '0'),
    reAlarmSec: num(d.reAlarmSec || '0'),
    priority: d.priority,
    message: d.message,
  };
  for (const k of LIMIT_KINDS) {
    const l = d.limits[k];
    if (l.value.trim() !== '') rule[k] = { value: num(l.value), deadband: num(l.deadband || '0') };
  }
  if (d.rocMax.trim() !== '') rule.rateOfChange = { maxPerSec: num(d.rocMax), windowSec: num(d.rocWindow || '1') };
  if (d.staleSec.trim() !== '') rule.stale = { timeoutSec: num(d.staleSec) };
  return rule as AlarmRuleInput;
}

export interface RulesFormValues {
  /** By `c<channel>`: every channel has values; blank ones send no rule. */
  rules: Record<string, RuleDraft>;
  notifications: { os: boolean; sound: boolean };
}

export const channelKey = (channel: number): string => `c${channel}`;

export function rulesFormValues(settings: AlarmSettings): RulesFormValues {
  const rules: Record<string, RuleDraft> = {};
  for (let c = 0; c < MAX_CHANNELS; c++) rules[channelKey(c)] = draftFromRule(settings.rules.find((r) => r.channel === c));
  return { rules, notifications: { os: settings.notifications.os, sound: settings.notifications.sound } };
}

/** Channels with a rule to send, in channel order (the order of `rules` in the request). */
export function ruleChannels(values: RulesFormValues): number[] {
  const out: number[] = [];
  for (let c = 0; c < MAX_CHANNELS; c++) {
    const d = values.rules[channelKey(c)];
    if (d && !isBlank(d)) out.push(c);
  }
  return out;
}

export function rulesInput(values: RulesFormValues): AlarmSettingsInput {
  const rules = ruleChannels(values).map((c) => ruleFromDraft(c, values.rules[channelKey(c)] as RuleDraft));
  return { rules, notifications: { ...values.notifications } };
}

/** Key of a rule's own message (one that names no field of it). */
export const RULE_KEY = '_rule';

/** `alarms.rules.<i>.<field>` → `rules.c<channel>.<field>` (the channel of rule i as sent); the rest → the form line. */
export function rulesFieldKey(path: string, values: RulesFormValues): string {
  const m = /^(?:alarms\.)?rules\.(\d+)(?:\.(.+))?$/.exec(path);
  const channel = m ? ruleChannels(values)[Number(m[1])] : undefined;
  if (!m || channel === undefined) return FORM_KEY;
  return `rules.${channelKey(channel)}.${m[2] ?? RULE_KEY}`;
}

export const rulesFormSpec: SettingsFormSpec<AlarmSettings, RulesFormValues, AlarmSettingsInput> = {
  schema: AlarmSettingsSchema,
  toValues: rulesFormValues,
  toInput: rulesInput,
  keyFor: rulesFieldKey,
};

/** Channels with an error, from the form's error keys. */
export function channelsWithErrors(keys: readonly string[]): number[] {
  const out = new Set<number>();
  for (const k of keys) {
    const m = /^rules\.c(\d+)\./.exec(k);
    if (m) out.add(Number(m[1]));
  }
  return [...out].sort((a, b) => a - b);
}
