// Stats: rates and totals once a second (the `metrics` event), per-link integrity (≤ 4 Hz), and the
// Prometheus registry read at scrape time. Reads the other services; nothing here is on the frame path.
import type { TelemetryEvents } from '@shared/api/events.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { IntegrityReport, ModbusBlockStats } from '@shared/domain/integrity.js';
import { emptyMetrics, type Metrics } from '@shared/domain/metrics.js';
import type { Registry } from 'prom-client';
import { IntegrityReporter } from '../../metrics/integrity-reporter.js';
import { createRegistry, type ScrapeSources } from '../../metrics/prometheus.js';
import { RateMeter } from '../../metrics/rate-meter.js';
import type { Pipeline } from '../../pipeline/pipeline.js';
import type { WorkerPool } from '../../pipeline/worker-pool.js';
import { formatFor } from '../../protocol/channel-infos.js';
import type { Service } from '../service.js';

const METRICS_EVENT_MS = 1000;
const INTEGRITY_EVENT_MS = 250;

/** What stats read; undefined until the engine started. */
export interface StatsSources {
  pipeline: Pipeline;
  pool: WorkerPool;
  /** The link's id and human name for the integrity report. */
  link: { id: string; label: string; modbusBlocks?: ModbusBlockStats[] | undefined };
  /** The other services' state a Prometheus scrape reads (breaker, alarms, recorder). */
  scrape(): Omit<ScrapeSources, 'metrics' | 'totals'>;
}

export interface StatsServiceOptions {
  config: () => AppConfig;
  sources: () => StatsSources | undefined;
  emit: <E extends 'metrics' | 'integrity'>(event: E, payload: TelemetryEvents[E]) => void;
}

export class StatsService implements Service<never, 'metrics' | 'integrity'> {
  readonly handlers = {};
  readonly registry: Registry;
  private metrics: Metrics = emptyMetrics();
  private readonly rates = new RateMeter();
  private readonly integrity = new IntegrityReporter();
  private timers: ReturnType<typeof setInterval>[] = [];

  constructor(private readonly opts: StatsServiceOptions) {
    this.registry = createRegistry(() => ({ metrics: this.metrics, totals: this.totals(), ...opts.sources()?.scrape() }));
  }

  snapshot(): { metrics: Metrics; integrity: IntegrityReport } {
    return { metrics: this.metrics, integrity: this.integrity.current() };
  }

  start(): void {
    this.rates.sample(this.totals());
    this.timers.push(
      setInterval(() => this.emitMetrics(), METRICS_EVENT_MS),
      setInterval(() => this.emitIntegrity(), INTEGRITY_EVENT_MS),
    );
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
  }

  private totals(): Record<string, number> {
    const p = this.opts.sources()?.pipeline;
    const c = p?.counters;
    const q = p?.queue.stats();
    return {
      frames: c?.frames ?? 0,
      samples: (c?.frames ?? 0) * (p?.channelNames().length ?? 0),
      bytes: c?.bytesIn ?? 0,
      decodeErrors: c?.decodeErrors ?? 0,
      publishes: c?.publishes ?? 0,
      dropped: q?.dropped ?? 0,
      rejected: q?.rejected ?? 0,
    };
  }

  private emitIntegrity(): void {
    const src = this.opts.sources();
    if (!src) return;
    const report = this.integrity.sample({
      link: src.link.id,
      label: src.link.label,
      format: formatFor(this.opts.config().device).kind,
      totals: src.pipeline.integrity(),
      modbusBlocks: src.link.modbusBlocks,
    });
    if (report) this.opts.emit('integrity', report);
  }

  private emitMetrics(): void {
    const src = this.opts.sources();
    if (!src) return;
    const { pipeline, pool } = src;
    const totals = this.totals();
    const r = this.rates.sample(totals);
    this.metrics = {
      t: Date.now(),
      framesPerSec: r.frames ?? 0,
      samplesPerSec: r.samples ?? 0,
      bytesPerSec: r.bytes ?? 0,
      framesTotal: totals.frames ?? 0,
      decodeErrors: totals.decodeErrors ?? 0,
      decodeErrorsPerSec: r.decodeErrors ?? 0,
      latencyMs: pipeline.latency.percentiles(),
      queue: pipeline.queueStats(),
      pool: { threads: pool.threads, utilization: pool.sampleUtilization(), ...pool.stats() },
      publishesPerSec: r.publishes ?? 0,
      integrity: pipeline.integrity(),
    };
    this.opts.emit('metrics', this.metrics);
  }
}
