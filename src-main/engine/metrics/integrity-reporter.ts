// Turns a link's cumulative integrity counters into the `integrity` event: totals
// plus per-second rates, emitted only when something changed (the caller polls ≤ 4 Hz).
import { INTEGRITY_COUNTER_NAMES, emptyIntegrityCounters, type IntegrityCounters, type IntegrityReport } from '@shared/domain/integrity.js';
import { RateMeter } from './rate-meter.js';

export interface IntegritySource {
  link: string;
  label: string;
  format: string;
  totals: IntegrityCounters;
}

export class IntegrityReporter {
  private rates = new RateMeter();
  private lastJson = '';
  private last: IntegrityReport = { t: Date.now(), links: [] };

  /** The latest report (for snapshots). */
  current(): IntegrityReport {
    return this.last;
  }

  /** Samples the counters; returns a report when totals or rates changed, else undefined. */
  sample(src: IntegritySource, now = performance.now()): IntegrityReport | undefined {
    const r = this.rates.sample({ ...src.totals }, now);
    const rates = emptyIntegrityCounters();
    for (const k of INTEGRITY_COUNTER_NAMES) rates[k] = Math.round((r[k] ?? 0) * 10) / 10;
    const link = { link: src.link, label: src.label, format: src.format, totals: { ...src.totals }, rates };
    const json = JSON.stringify(link);
    this.last = { t: Date.now(), links: [link] };
    if (json === this.lastJson) return undefined;
    this.lastJson = json;
    return this.last;
  }
}
