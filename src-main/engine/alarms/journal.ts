// The alarm journal: bounded in memory, and handed to any number of sinks.
import type { JournalEntry } from '@shared/alarms/alarm.js';
import type { JournalDraft } from '@shared/alarms/reducer.js';

/**
 * Where journal entries go for keeps. The recording issue's DuckDB store implements this
 * (`engine.addAlarmJournalSink(sink)`): entries arrive in `seq` order, in small groups, as
 * they happen; `append` must not throw for long (errors are logged, never retried) and
 * should buffer itself if it writes asynchronously.
 */
export interface AlarmJournalSink {
  append(entries: readonly JournalEntry[]): void | Promise<void>;
}

export class AlarmJournal {
  private entries: JournalEntry[] = [];
  private nextSeq = 1;
  private readonly sinks: AlarmJournalSink[] = [];

  constructor(
    private readonly capacity = 2000,
    private readonly onSinkError: (err: unknown) => void = () => undefined,
  ) {}

  addSink(sink: AlarmJournalSink): () => void {
    this.sinks.push(sink);
    return () => {
      const i = this.sinks.indexOf(sink);
      if (i >= 0) this.sinks.splice(i, 1);
    };
  }

  /** Numbers the drafts, keeps the newest `capacity`, and hands them to every sink. */
  append(drafts: readonly JournalDraft[]): JournalEntry[] {
    if (drafts.length === 0) return [];
    const added = drafts.map((d) => ({ ...d, seq: this.nextSeq++ }));
    this.entries.push(...added);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const sink of this.sinks) {
      try {
        const r = sink.append(added);
        if (r instanceof Promise) r.catch((err: unknown) => this.onSinkError(err));
      } catch (err) {
        this.onSinkError(err);
      }
    }
    return added;
  }

  /** The newest `limit` entries, oldest first. */
  recent(limit = this.capacity): JournalEntry[] {
    return this.entries.slice(-limit);
  }
}
