// Turns a link's cumulative integrity counters into the `integrity` event: totals
// plus per-second rates, emitted only when something changed (the caller polls ≤ 4 Hz).
import { INTEGRITY_COUNTER_NAMES, emptyIntegrityCounters, type IntegrityReport, type IntegrityTotals, type LinkIntegrity, type ModbusBlockStats } from '@shared/domain/integrity.js';
import { RateMeter } from './rate-meter.js';

export interface IntegritySource {
  link: string;
  label: string;
  format: string;
  /** Counters, plus the latest script error riding along (not a counter). */
  totals: IntegrityTotals;
  /** A Modbus source's per-block poll record (copied: the link keeps counting). */
  modbusBlocks?: ModbusBlockStats[] | undefined;
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
    const { lastError, ...totals } = src.totals;
    const r = this.rates.sample({ ...totals }, now);
    const rates = emptyIntegrityCounters();
    for (const k of INTEGRITY_COUNTER_NAMES) rates[k] = Math.round((r[k] ?? 0) * 10) / 10;
    const link: LinkIntegrity = { link: src.link, label: src.label, format: src.format, totals, rates, ...(lastError === undefined ? {} : { lastError }) };
    if (src.modbusBlocks) link.modbusBlocks = src.modbusBlocks.map((b) => ({ ...b, channels: [...b.channels] }));
    const json = JSON.stringify(link);
    this.last = { t: Date.now(), links: [link] };
    if (json === this.lastJson) return undefined;
    this.lastJson = json;
    return this.last;
  }
}
