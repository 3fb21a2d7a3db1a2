// Pipeline health: 5-minute trends (recharts) plus the current counters.
import { useMemo } from 'react';
import { policyDiscards, type Metrics } from '@shared/domain/metrics.js';
import { useMetrics } from './useMetrics';
import { fmtBytes, fmtFixed, fmtInt } from '../../ui/format/numbers';
import { KeyValue } from '../../ui/KeyValue';
import { MetricChart, type TrendRow, type TrendSeries } from './MetricChart';

const FPS_SERIES: TrendSeries[] = [{ key: 'fps', name: 'frames/s', color: '#4e9cff' }];
const QUEUE_SERIES: TrendSeries[] = [{ key: 'depth', name: 'depth', color: '#ff9f43' }];
const LATENCY_SERIES: TrendSeries[] = [
  { key: 'p50', name: 'p50', color: '#2ed47a' },
  { key: 'p95', name: 'p95', color: '#ffd166' },
  { key: 'p99', name: 'p99', color: '#ff5d73' },
];

/** Rows keyed by age in seconds (0 = newest) so the x axis reads "5m … now". */
function toRows(history: readonly Metrics[]): TrendRow[] {
  const newest = history[history.length - 1]?.t ?? 0;
  return history.map((m) => ({
    age: Math.round((m.t - newest) / 1000),
    fps: m.framesPerSec,
    depth: m.queue.depth,
    p50: m.latencyMs.p50,
    p95: m.latencyMs.p95,
    p99: m.latencyMs.p99,
  }));
}

export function MetricsPanel() {
  const history = useMetrics((s) => s.history);
  const m = useMetrics((s) => s.metrics);
  const rows = useMemo(() => toRows(history), [history]);
  const util = m ? Math.round(m.pool.utilization * 100) : null;
  const drops = m ? policyDiscards(m.queue).count : null;

  return (
    <div className="metrics" data-testid="metrics-panel">
      <div className="kv-grid">
        <KeyValue label="Frames/s" value={fmtInt(m?.framesPerSec)} testId="metrics-fps" />
        <KeyValue label="Samples/s" value={fmtInt(m?.samplesPerSec)} />
        <KeyValue label="Throughput" value={m ? `${fmtBytes(m.bytesPerSec)}/s` : '—'} />
        <KeyValue label="Publishes/s" value={fmtInt(m?.publishesPerSec)} />
        <KeyValue label="Frames total" value={fmtInt(m?.framesTotal)} />
        <KeyValue
          label="Decode errors"
          value={m ? `${fmtInt(m.decodeErrors)} (${fmtFixed(m.decodeErrorsPerSec, 0)}/s)` : '—'}
          testId="metrics-decode-errors"
          tone={m && m.decodeErrors > 0 ? 'warn' : undefined}
        />
        <KeyValue label="Drops" value={fmtInt(drops)} testId="metrics-drops" tone={drops ? 'bad' : undefined} />
        <KeyValue label="High water" value={m ? `${fmtInt(m.queue.highWater)}/${fmtInt(m.queue.capacity)}` : '—'} />
      </div>

      <div className="section-title">Worker pool</div>
      <div className="meter" title="Share of time the worker threads were busy">
        <div className="meter-fill" style={{ width: `${Math.min(100, util ?? 0)}%` }} />
        <span className="meter-text" data-testid="metrics-pool-utilization">
          {util === null ? '—' : `${util}%`}
        </span>
      </div>
      <div className="kv-grid">
        <KeyValue label="Threads" value={fmtInt(m?.pool.threads)} />
        <KeyValue label="In flight" value={fmtInt(m?.pool.inFlight)} />
        <KeyValue label="Completed" value={fmtInt(m?.pool.completed)} />
        <KeyValue label="Failed" value={fmtInt(m?.pool.failed)} tone={m && m.pool.failed > 0 ? 'bad' : undefined} />
      </div>

      <div className="section-title">Latency (frame → published)</div>
      <div className="kv-grid kv-grid-3">
        <KeyValue label="p50" value={m ? `${fmtFixed(m.latencyMs.p50, 1)} ms` : '—'} testId="metrics-latency-p50" />
        <KeyValue label="p95" value={m ? `${fmtFixed(m.latencyMs.p95, 1)} ms` : '—'} testId="metrics-latency-p95" />
        <KeyValue label="p99" value={m ? `${fmtFixed(m.latencyMs.p99, 1)} ms` : '—'} testId="metrics-latency-p99" />
      </div>

      <MetricChart title="Frames/s" rows={rows} series={FPS_SERIES} testId="trend-fps" />
      <MetricChart
        title="Queue depth"
        rows={rows}
        series={QUEUE_SERIES}
        reference={m ? { value: m.queue.capacity, label: 'capacity' } : undefined}
        testId="trend-queue"
      />
      <MetricChart title="Latency" unit="ms" rows={rows} series={LATENCY_SERIES} testId="trend-latency" />
    </div>
  );
}
