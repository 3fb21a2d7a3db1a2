// Operator actions on alarms: the request schema every bridge validates.
import { z } from 'zod';

export const ALARM_ACTIONS = ['ack', 'ack-all', 'shelve', 'unshelve', 'suppress', 'unsuppress'] as const;

export const AlarmActionSchema = z
  .object({
    /** Alarm id (`ch<n>:<kind>`, n as the channel is named); not needed for ack-all. */
    id: z.string().min(1).max(64).optional(),
    action: z.enum(ALARM_ACTIONS),
    /** Timed shelve; omitted means one-shot (until the alarm returns to normal). */
    durationSec: z.number().finite().min(1, 'durationSec must be ≥ 1').max(7 * 86_400).optional(),
    reason: z.string().max(200).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.action !== 'ack-all' && a.id === undefined) ctx.addIssue({ code: 'custom', path: ['id'], message: `id is required for ${a.action}` });
    if (a.durationSec !== undefined && a.action !== 'shelve') ctx.addIssue({ code: 'custom', path: ['durationSec'], message: 'durationSec only applies to shelve' });
  });
export type AlarmAction = z.infer<typeof AlarmActionSchema>;
