// Durations for countdowns and time-in-state read-outs.

/** "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min"; '—' when unknown. */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const v = Math.max(0, ms);
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60_000) return `${(Math.floor(v / 100) / 10).toFixed(1)} s`;
  const totalSec = Math.floor(v / 1000);
  if (v < 3_600_000) return `${Math.floor(totalSec / 60)} min ${String(totalSec % 60).padStart(2, '0')} s`;
  const totalMin = Math.floor(totalSec / 60);
  return `${Math.floor(totalMin / 60)} h ${String(totalMin % 60).padStart(2, '0')} min`;
}

/** Whole seconds left, rounded up (a countdown never shows 0 while time remains). */
export function secondsLeft(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}
