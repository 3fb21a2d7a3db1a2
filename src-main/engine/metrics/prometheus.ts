// Prometheus view of the engine's counters, read at scrape time (no work on the hot path).
// Names follow the usual rules (`promtool check metrics` passes): base units (seconds), counters
// end in _total, a latency is a histogram rather than a percentile gauge.
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { ALARM_PRIORITIES } from '@shared/alarms/rules.js';
import type { Alarm } from '@shared/alarms/alarm.js';
import { INTEGRITY_COUNTER_NAMES } from '@shared/domain/integrity.js';
import type { Metrics, PoolStats } from '@shared/domain/metrics.js';
import type { RecordingStatus } from '@shared/domain/recording.js';
import { BREAKER_STATES, FAILURE_SIGNALS, type BreakerStatus } from '@shared/domain/breaker.js';
import { registerHistogram } from './histogram-metric.js';
import type { LatencyHistogram } from './latency-recorder.js';

/** What a scrape reads: the latest metrics tick, the counters now, and the other services' state. */
export interface ScrapeSources {
  metrics: Metrics;
  totals: Record<string, number>;
  breaker?: BreakerStatus | undefined;
  /** Frame arrival to publish, cumulative. */
  latency?: LatencyHistogram | undefined;
  /** Alarms not in Normal. */
  alarms?: readonly Alarm[] | undefined;
  recording?: RecordingStatus | undefined;
}

const MISNAMED_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export interface RegistryOptions {
  /** Process metrics (CPU, memory, event loop lag, handles); default on. */
  processMetrics?: boolean;
}

export function createRegistry(read: () => ScrapeSources, opts: RegistryOptions = {}): Registry {
  const registry = new Registry();
  if (opts.processMetrics ?? true) {
    collectDefaultMetrics({ register: registry });
    // Gauges prom-client names with _total, which promtool rightly flags; the handle and request counts are not needed.
    for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  }
  type Read = ReturnType<typeof read>;
  /** A counter set at scrape time from what the engine already counts. */
  const counter = (name: string, help: string, pick: (r: Read) => number): void => {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(pick(read()));
      },
    });
  };
  const total = (name: string, help: string, key: string): void => counter(name, help, (r) => r.totals[key] ?? 0);
  total('telemetryhub_frames_total', 'Valid frames decoded', 'frames');
  total('telemetryhub_decode_errors_total', 'Malformed frames counted and skipped', 'decodeErrors');
  total('telemetryhub_queue_dropped_total', 'Batches discarded by drop-oldest', 'dropped');
  total('telemetryhub_queue_rejected_total', 'Batches refused by the reject policy', 'rejected');
  const gauge = (name: string, help: string, pick: (m: Metrics) => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(pick(read().metrics));
      },
    });
  };
  // Data integrity of the device link, one series per counter (as of the last metrics tick).
  new Counter({
    name: 'telemetryhub_integrity_total',
    help: 'Data-integrity counters of the device link (frames ok, checksum failures, resyncs, …)',
    labelNames: ['counter'],
    registers: [registry],
    collect() {
      this.reset();
      const integrity = read().metrics.integrity;
      for (const k of INTEGRITY_COUNTER_NAMES) this.inc({ counter: k }, integrity[k]);
    },
  });
  // Worker-pool faults (as of the last metrics tick; a new pool, e.g. another thread count, starts again at 0).
  const poolTotal = (name: string, help: string, key: keyof Omit<PoolStats, 'threads' | 'utilization' | 'inFlight'>): void =>
    counter(name, help, (r) => r.metrics.pool[key] ?? 0);
  poolTotal('telemetryhub_pool_batches_failed_total', 'Batches that failed on the retry too (their lines are counted failed)', 'failed');
  poolTotal('telemetryhub_pool_batches_retried_total', 'Batches retried once after a worker threw or died', 'retried');
  poolTotal('telemetryhub_pool_worker_errors_total', 'Batch attempts that failed because the worker threw', 'workerErrors');
  poolTotal('telemetryhub_pool_workers_replaced_total', 'Worker threads that died and were replaced', 'workersReplaced');
  // The device link's circuit breaker: which state it is in, how often it tripped, what counted against the link.
  new Gauge({
    name: 'telemetryhub_breaker_state',
    help: 'Circuit breaker state of the device link (1 for the current state)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const b = read().breaker;
      for (const st of BREAKER_STATES) this.set({ state: st }, b?.state === st ? 1 : 0);
    },
  });
  counter('telemetryhub_breaker_trips_total', 'Times the breaker went from closed to open', (r) => r.breaker?.trips ?? 0);
  new Counter({
    name: 'telemetryhub_breaker_failures_total',
    help: 'Failure signals counted against the device link, by signal',
    labelNames: ['signal'],
    registers: [registry],
    collect() {
      this.reset();
      const f = read().breaker?.failures;
      for (const sig of FAILURE_SIGNALS) this.inc({ signal: sig }, f?.[sig] ?? 0);
    },
  });
  gauge('telemetryhub_frames_per_second', 'Frames decoded per second', (m) => m.framesPerSec);
  gauge('telemetryhub_queue_depth', 'Batches waiting for the worker pool', (m) => m.queue.depth);
  gauge('telemetryhub_pool_utilization', 'Share of worker time busy (0..1)', (m) => m.pool.utilization);
  registerHistogram(registry, 'telemetryhub_latency_seconds', 'Frame arrival to publish', () => read().latency);
  // Alarms an operator has to see, by priority (shelved and suppressed ones included: they are not Normal).
  new Gauge({
    name: 'telemetryhub_alarms_active',
    help: 'Alarms not in Normal, by priority',
    labelNames: ['priority'],
    registers: [registry],
    collect() {
      const alarms = read().alarms ?? [];
      for (const p of ALARM_PRIORITIES) this.set({ priority: p }, alarms.filter((a) => a.priority === p).length);
    },
  });
  counter('telemetryhub_recorder_rows_written_total', 'Rows the recorder wrote to the session database', (r) => r.recording?.rowsWritten ?? 0);
  counter('telemetryhub_recorder_rows_dropped_total', 'Rows that could not be recorded (recorder behind or stopped by an error)', (r) => r.recording?.droppedRows ?? 0);
  new Gauge({
    name: 'telemetryhub_recorder_lag_rows',
    help: 'Rows handed to the recorder and not written yet',
    registers: [registry],
    collect() {
      this.set(read().recording?.lagRows ?? 0);
    },
  });
  return registry;
}
