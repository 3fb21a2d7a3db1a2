// The device link's circuit breaker as the UI sees it: settings, state, the
// transition timeline and what tripped it. The engine drives it with cockatiel.
import { z } from 'zod';

/** When the breaker opens: N failures in a row, or a failure ratio over a count or time window. */
export const BreakerTripSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('consecutive'), failures: z.number().int().min(1).max(1000).default(3) }),
  z.object({
    kind: z.literal('count'),
    /** Share (0..1) of the last `size` health checks that must fail. */
    threshold: z.number().gt(0).lt(1).default(0.5),
    size: z.number().int().min(2).max(1000).default(10),
  }),
  z.object({
    kind: z.literal('sampling'),
    threshold: z.number().gt(0).lt(1).default(0.5),
    /** Sliding time window in ms. */
    durationMs: z.number().int().min(1000).max(600_000).default(10_000),
    /** Fewer checks per second than this never trip (avoids opening on two samples). */
    minimumRps: z.number().min(0).max(1000).default(0.5),
  }),
]);
export type BreakerTrip = z.infer<typeof BreakerTripSchema>;

export const BreakerSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    trip: BreakerTripSchema.default({ kind: 'consecutive', failures: 3 }),
    /** Read watchdog: no valid frame for this long while measuring is a failure. */
    watchdogMs: z.number().int().min(100).max(600_000).default(2000),
    /** Health window: more than `badFrameBurst` rejected frames (checksum, malformed…) in it is a failure. */
    windowMs: z.number().int().min(100).max(60_000).default(1000),
    badFrameBurst: z.number().int().min(0).max(1_000_000).default(20),
    /** A command write taking longer than this is a failure. */
    commandTimeoutMs: z.number().int().min(10).max(60_000).default(1000),
    /** Open → half-open after exponential backoff with jitter from this delay… */
    halfOpenInitialMs: z.number().int().min(10).max(600_000).default(1000),
    /** …capped at this one. */
    halfOpenMaxMs: z.number().int().min(10).max(3_600_000).default(30_000),
    /** Half-open probe: the link reopens and must deliver valid frames within this time. */
    probeTimeoutMs: z.number().int().min(100).max(600_000).default(3000),
    /** Valid frames the probe needs to close the breaker. */
    probeFrames: z.number().int().min(1).max(1_000_000).default(20),
  })
  .superRefine((s, ctx) => {
    if (s.halfOpenMaxMs < s.halfOpenInitialMs) {
      ctx.addIssue({ code: 'custom', path: ['halfOpenMaxMs'], message: `must be ≥ halfOpenInitialMs (${s.halfOpenInitialMs})` });
    }
  });
export type BreakerSettings = z.infer<typeof BreakerSettingsSchema>;
export type BreakerSettingsInput = z.input<typeof BreakerSettingsSchema>;

export const BREAKER_STATES = ['closed', 'open', 'half-open', 'isolated'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

/** What counted against the link. */
export const FAILURE_SIGNALS = ['open-error', 'link-lost', 'watchdog', 'bad-frames', 'command-error', 'command-timeout', 'probe-failed'] as const;
export type FailureSignal = (typeof FAILURE_SIGNALS)[number];

export interface BreakerTransition {
  t: number;
  from: BreakerState;
  to: BreakerState;
  reason: string;
}

export interface BreakerStatus {
  enabled: boolean;
  state: BreakerState;
  /** Epoch ms of the last transition. */
  since: number;
  /** Why the breaker is in its state (the last failure while open). */
  reason: string;
  /** Times it went closed → open. */
  trips: number;
  /** Milliseconds spent in each state since the engine started (the current one up to `t`). */
  timeInState: Record<BreakerState, number>;
  /** Epoch ms the breaker reports at. */
  t: number;
  /** While open: epoch ms of the next half-open probe. */
  nextProbeAt?: number;
  /** Failure signals counted since start, by kind. */
  failures: Record<FailureSignal, number>;
  /** Newest last, at most BREAKER_TIMELINE entries. */
  transitions: BreakerTransition[];
  /** Data on screen is not live (breaker not closed). */
  stale: boolean;
}

export const BREAKER_TIMELINE = 200;

export const BreakerActionSchema = z.object({ action: z.enum(['isolate', 'reset']) }).strict();
export type BreakerAction = z.infer<typeof BreakerActionSchema>;

export function emptyFailureCounts(): Record<FailureSignal, number> {
  return Object.fromEntries(FAILURE_SIGNALS.map((s) => [s, 0])) as Record<FailureSignal, number>;
}

export function initialBreakerStatus(now: number, enabled = true): BreakerStatus {
  return {
    enabled,
    state: 'closed',
    since: now,
    reason: 'Closed',
    trips: 0,
    timeInState: { closed: 0, open: 0, 'half-open': 0, isolated: 0 },
    t: now,
    failures: emptyFailureCounts(),
    transitions: [],
    stale: false,
  };
}
