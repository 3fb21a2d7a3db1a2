// Wall-clock times for journals and timelines: 24 h, with milliseconds.

export function fmtTime(t: number): string {
  if (!Number.isFinite(t) || t <= 0) return '—';
  const d = new Date(t);
  return `${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}
