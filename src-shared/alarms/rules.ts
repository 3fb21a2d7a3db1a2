// Alarm rules per channel (ISA-18.2 / IEC 62682): level limits with deadband,
// rate of change, stale data, on/off delays, priority and operator message.
import { z } from 'zod';
import { MAX_CHANNELS } from '../domain/device.js';

export const AlarmPrioritySchema = z.enum(['critical', 'high', 'medium', 'low']);
export type AlarmPriority = z.infer<typeof AlarmPrioritySchema>;
export const ALARM_PRIORITIES = AlarmPrioritySchema.options;
/** Most urgent first; the panel sorts by this rank. */
export const PRIORITY_RANK: Record<AlarmPriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export const LIMIT_KINDS = ['hihi', 'hi', 'lo', 'lolo'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

const finite = z.number().finite();
const nonNegative = (what: string) => finite.min(0, `${what} must be ≥ 0`);

export const AlarmLimitSchema = z.object({
  value: finite,
  /** Hysteresis: the limit clears only once the value is this far back inside. */
  deadband: nonNegative('deadband').default(0),
  /** Falls back to the rule's priority. */
  priority: AlarmPrioritySchema.optional(),
});
export type AlarmLimit = z.infer<typeof AlarmLimitSchema>;

export const RateOfChangeSchema = z.object({
  /** Alarm when |Δvalue / Δt| over the window reaches this many units per second. */
  maxPerSec: finite.positive('maxPerSec must be > 0'),
  windowSec: finite.min(0.001, 'windowSec must be ≥ 0.001').max(3600),
  priority: AlarmPrioritySchema.optional(),
});

export const StaleSchema = z.object({
  /** No valid sample for this long (or the link not measuring) raises a stale alarm. */
  timeoutSec: finite.min(0.05, 'timeoutSec must be ≥ 0.05').max(86_400),
  priority: AlarmPrioritySchema.optional(),
});

const AlarmRuleObject = z.object({
  channel: z.number().int().min(0).max(MAX_CHANNELS - 1),
  enabled: z.boolean().default(true),
  hihi: AlarmLimitSchema.optional(),
  hi: AlarmLimitSchema.optional(),
  lo: AlarmLimitSchema.optional(),
  lolo: AlarmLimitSchema.optional(),
  rateOfChange: RateOfChangeSchema.optional(),
  stale: StaleSchema.optional(),
  /** The condition must hold this long (in sample time) before the alarm occurs. */
  onDelaySec: nonNegative('onDelaySec').max(3600).default(0),
  /** The condition must be gone this long before the alarm returns to normal. */
  offDelaySec: nonNegative('offDelaySec').max(3600).default(0),
  /** An acknowledged alarm still active after this long becomes unacknowledged again (0 = never). */
  reAlarmSec: nonNegative('reAlarmSec').max(86_400).default(0),
  priority: AlarmPrioritySchema.default('medium'),
  message: z.string().max(200).default(''),
});

type RuleShape = z.output<typeof AlarmRuleObject>;

/** Cross-field checks; each issue names the field that is wrong. */
function checkRule(rule: RuleShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string): void => {
    ctx.addIssue({ code: 'custom', path, message });
  };
  const { hihi, hi, lo, lolo } = rule;
  if (hihi && hi && hihi.value < hi.value) issue(['hihi', 'value'], `HiHi (${hihi.value}) is below Hi (${hi.value})`);
  if (lolo && lo && lolo.value > lo.value) issue(['lolo', 'value'], `LoLo (${lolo.value}) is above Lo (${lo.value})`);
  const highs = [hi, hihi].filter((l): l is AlarmLimit => l !== undefined);
  const lows = [lo, lolo].filter((l): l is AlarmLimit => l !== undefined);
  const lowestHigh = highs.length ? Math.min(...highs.map((l) => l.value)) : undefined;
  const highestLow = lows.length ? Math.max(...lows.map((l) => l.value)) : undefined;
  if (hi && lo && hi.value <= lo.value) issue(['hi', 'value'], `Hi (${hi.value}) must be above Lo (${lo.value})`);
  else if (lowestHigh !== undefined && highestLow !== undefined && lowestHigh <= highestLow) {
    issue([hi ? 'hi' : 'hihi', 'value'], `high limit (${lowestHigh}) must be above low limit (${highestLow})`);
  }
  // A deadband as wide as the normal span would keep the alarm latched for good.
  if (lowestHigh !== undefined && highestLow !== undefined) {
    const span = lowestHigh - highestLow;
    for (const kind of LIMIT_KINDS) {
      const l = rule[kind];
      if (l && span > 0 && l.deadband >= span) issue([kind, 'deadband'], `deadband (${l.deadband}) must be smaller than the span between high and low limits (${span})`);
    }
  }
  if (!hihi && !hi && !lo && !lolo && !rule.rateOfChange && !rule.stale) issue(['hi'], 'a rule needs at least one limit, rate of change or stale check');
}

export const AlarmRuleSchema = AlarmRuleObject.superRefine(checkRule);
export type AlarmRule = z.infer<typeof AlarmRuleSchema>;
export type AlarmRuleInput = z.input<typeof AlarmRuleSchema>;

export const AlarmNotificationSchema = z.object({
  /** OS / browser notification for critical and high alarms. */
  os: z.boolean().default(true),
  /** A short beep when a critical alarm occurs. */
  sound: z.boolean().default(false),
});

export const AlarmSettingsSchema = z
  .object({
    rules: z.array(AlarmRuleSchema).max(4 * MAX_CHANNELS).default([]),
    notifications: AlarmNotificationSchema.prefault({}),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<number>();
    s.rules.forEach((r, i) => {
      if (seen.has(r.channel)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'channel'], message: `channel ${r.channel} already has a rule` });
      seen.add(r.channel);
    });
  });
export type AlarmSettings = z.infer<typeof AlarmSettingsSchema>;
export type AlarmSettingsInput = z.input<typeof AlarmSettingsSchema>;
