// The alarm-rules form as text fields per channel, and back to rules. Text that is not a
// number is sent as is, so the engine's schema rejects it at the field it belongs to.
import type { FieldIssue } from '@shared/domain/result.js';
import { LIMIT_KINDS, type AlarmPriority, type AlarmRule, type AlarmRuleInput, type LimitKind } from '@shared/alarms/rules.js';

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

/** A number when the text is one; the text itself otherwise (rejected by the schema, at its field). */
function num(text: string): number | string {
  const t = text.trim();
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

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

/**
 * Issues of `alarms.rules.<i>.<field>` mapped to { channel → { field → message } };
 * `order[i]` is the channel of rule i as it was sent.
 */
export function issuesByChannel(issues: readonly FieldIssue[], order: readonly number[]): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  for (const issue of issues) {
    const m = /^(?:alarms\.)?rules\.(\d+)(?:\.(.+))?$/.exec(issue.path);
    if (!m) continue;
    const channel = order[Number(m[1])];
    if (channel === undefined) continue;
    const field = m[2] ?? '_form';
    const errs = out.get(channel) ?? {};
    const text = issue.message.replace(/^[^:]*: /, '');
    errs[field] ??= text;
    out.set(channel, errs);
  }
  return out;
}
