// The renderer's copy of the fault journal: merged without duplicates, bounded.
import type { FaultJournalEntry } from '@shared/domain/faults.js';

export const MAX_FAULT_JOURNAL = 500;

/** Entries carry no sequence number: time, fault and action identify one. */
const keyOf = (e: FaultJournalEntry): string => `${e.t}|${e.faultId}|${e.action}`;

/** `base` then the entries of `more` it lacks, oldest first by time, newest `max` kept. */
export function appendFaultJournal(base: readonly FaultJournalEntry[], more: readonly FaultJournalEntry[], max = MAX_FAULT_JOURNAL): FaultJournalEntry[] {
  if (more.length === 0) return base.length > max ? base.slice(-max) : (base as FaultJournalEntry[]);
  const seen = new Set(base.map(keyOf));
  const fresh = more.filter((e) => {
    const k = keyOf(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (fresh.length === 0) return base as FaultJournalEntry[];
  const last = base.at(-1)?.t ?? -Infinity;
  const merged = [...base, ...fresh];
  // Events that overtook the snapshot can be older than its tail: keep time order (sort is stable).
  if (fresh.some((e) => e.t < last)) merged.sort((a, b) => a.t - b.t);
  return merged.length > max ? merged.slice(-max) : merged;
}
