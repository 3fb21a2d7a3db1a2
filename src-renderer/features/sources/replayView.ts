// What the replay controls show, computed from the status (pure: unit-tested without a DOM).
import { REPLAY_MAX_SPEED, REPLAY_MIN_SPEED } from '@shared/domain/link-replay.js';
import type { ReplayStatus } from '@shared/domain/replay.js';

/** The speeds offered in the speed list; "as fast as possible" is its own entry. */
export const REPLAY_SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100] as const;
export const AS_FAST_AS_POSSIBLE = 'max';

export function speedLabel(r: Pick<ReplayStatus, 'speed' | 'asFastAsPossible'>): string {
  return r.asFastAsPossible ? 'as fast as possible' : `${r.speed}×`;
}

/** The speed list's value for a status (a typed speed not in the list is added to it). */
export function speedValue(r: Pick<ReplayStatus, 'speed' | 'asFastAsPossible'>): string {
  return r.asFastAsPossible ? AS_FAST_AS_POSSIBLE : String(r.speed);
}

/** The list's entries, with the status's own speed when it is not a preset. */
export function speedOptions(current: number): number[] {
  const list: number[] = [...REPLAY_SPEEDS];
  if (!list.includes(current) && current >= REPLAY_MIN_SPEED && current <= REPLAY_MAX_SPEED) list.push(current);
  return list.sort((a, b) => a - b);
}

/** Where the slider stands, 0…1 of the span (0 for a one-frame source). */
export function replayFraction(r: Pick<ReplayStatus, 'positionMs' | 'startMs' | 'endMs'>): number {
  const span = r.endMs - r.startMs;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (r.positionMs - r.startMs) / span));
}

/** Offset into the replay, "m:ss.mmm" (or "h:mm:ss.mmm"). */
export function replayOffset(ms: number): string {
  const neg = ms < 0;
  let v = Math.round(Math.abs(ms));
  const milli = v % 1000;
  v = Math.floor(v / 1000);
  const s = v % 60;
  v = Math.floor(v / 60);
  const m = v % 60;
  const h = Math.floor(v / 60);
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${neg ? '-' : ''}${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
}

export const REPLAY_STATE_LABELS: Record<ReplayStatus['state'], string> = { loading: 'Loading', playing: 'Playing', paused: 'Paused', ended: 'Ended' };
