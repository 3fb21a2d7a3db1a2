// Read-outs of the breaker status: live time in state, which buttons apply, the probe countdown.
import type { BreakerState, BreakerStatus } from '@shared/domain/breaker.js';

/** Time in each state up to `now`: the engine's figures run to `status.t`, the current state keeps counting. */
export function liveTimeInState(status: BreakerStatus, now: number): Record<BreakerState, number> {
  const out = { ...status.timeInState };
  out[status.state] += Math.max(0, now - status.t);
  return out;
}

export const canIsolate = (status: BreakerStatus | null): boolean => status !== null && status.state !== 'isolated';
export const canReset = (status: BreakerStatus | null): boolean => status !== null && status.state !== 'closed';

/** Ms until the next half-open probe while open; null when none is scheduled. */
export function probeInMs(status: BreakerStatus | null, now: number): number | null {
  if (!status || status.state !== 'open' || status.nextProbeAt === undefined) return null;
  return Math.max(0, status.nextProbeAt - now);
}

/** The status the UI should keep: a request's answer must not undo a newer event. */
export function newerBreaker(current: BreakerStatus | null, next: BreakerStatus): BreakerStatus {
  return current && current.t > next.t ? current : next;
}

/** A reason short enough for the status bar (the full text is in the title). */
export function shortReason(reason: string, max = 48): string {
  return reason.length <= max ? reason : `${reason.slice(0, max - 1)}…`;
}

export const STATE_LABEL: Record<BreakerState, string> = { closed: 'Closed', open: 'Open', 'half-open': 'Half-open', isolated: 'Isolated' };
