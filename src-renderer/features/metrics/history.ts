// Bounded metrics history: 300 entries = 5 minutes at the 1 Hz metrics rate.
import type { Metrics } from '@shared/domain/metrics.js';

export const HISTORY_SIZE = 300;

/** A new array with `item` appended and the oldest entries dropped beyond `max`. */
export function pushBounded<T>(list: readonly T[], item: T, max: number): T[] {
  const start = Math.max(0, list.length + 1 - max);
  const out = list.slice(start);
  out.push(item);
  return out;
}

/** Appends a metrics sample unless it repeats the last one (the snapshot and the first event can overlap). */
export function pushMetrics(history: readonly Metrics[], m: Metrics, max = HISTORY_SIZE): Metrics[] {
  const last = history[history.length - 1];
  if (last && last.t >= m.t) return history as Metrics[];
  return pushBounded(history, m, max);
}
