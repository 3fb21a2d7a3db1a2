// The renderer's copy of the alarm journal: merged by sequence number, bounded.
import type { JournalEntry } from '@shared/alarms/alarm.js';

export const MAX_JOURNAL = 2000;

/** `base` then `more`, without duplicates (by seq), ordered by seq, newest `max` kept. */
export function appendJournal(base: readonly JournalEntry[], more: readonly JournalEntry[], max = MAX_JOURNAL): JournalEntry[] {
  if (more.length === 0) return base as JournalEntry[];
  const last = base.at(-1)?.seq ?? 0;
  let merged: JournalEntry[];
  if (more.every((e) => e.seq > last)) merged = [...base, ...more];
  else {
    const bySeq = new Map<number, JournalEntry>();
    for (const e of base) bySeq.set(e.seq, e);
    for (const e of more) bySeq.set(e.seq, e);
    merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
  return merged.length > max ? merged.slice(-max) : merged;
}
