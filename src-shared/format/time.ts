// Wall-clock times: journals and timelines (24 h with milliseconds), and dates for lists.

export function fmtTime(t: number): string {
  if (!Number.isFinite(t) || t <= 0) return '—';
  const d = new Date(t);
  return `${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Date and time in the operator's locale (session lists). */
export function fmtWhen(epochMs: number): string {
  return new Date(epochMs).toLocaleString();
}
