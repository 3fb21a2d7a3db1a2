// A Prometheus histogram whose buckets are kept elsewhere (LatencyRecorder counts them as batches are
// published) and read at scrape time: prom-client's Histogram can only observe, not be read from.
import type { Registry } from 'prom-client';
import { LATENCY_BUCKETS_S, type LatencyHistogram } from './latency-recorder.js';

interface Sample {
  metricName: string;
  labels: Record<string, string>;
  value: number;
}

/** The shape Registry.metrics() formats (see prom-client's getMetricsAsString). */
interface ReadOnlyMetric {
  name: string;
  help: string;
  type: 'histogram';
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: Sample[] }>;
}

export function registerHistogram(registry: Registry, name: string, help: string, read: () => LatencyHistogram | undefined): void {
  const metric: ReadOnlyMetric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    get: async () => {
      const h = read() ?? { cumulative: new Array<number>(LATENCY_BUCKETS_S.length + 1).fill(0), sumSeconds: 0, count: 0 };
      const values: Sample[] = LATENCY_BUCKETS_S.map((le, i) => ({ metricName: `${name}_bucket`, labels: { le: String(le) }, value: h.cumulative[i] ?? 0 }));
      values.push({ metricName: `${name}_bucket`, labels: { le: '+Inf' }, value: h.count });
      values.push({ metricName: `${name}_sum`, labels: {}, value: h.sumSeconds });
      values.push({ metricName: `${name}_count`, labels: {}, value: h.count });
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    },
  };
  // The registry only calls get() and reads name/type; it is typed for its own metric classes.
  registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
}
