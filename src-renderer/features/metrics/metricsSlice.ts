// Pipeline health: queue, metrics with their 5-minute history, per-channel statistics.
import type { ChannelStats, Metrics, QueueStats } from '@shared/domain/metrics.js';
import type { Slice, SliceContext } from '../../state/slice';
import { pushMetrics } from './history';

export interface MetricsState {
  queue: QueueStats | null;
  metrics: Metrics | null;
  /** Last 5 minutes of metrics, oldest first. */
  history: Metrics[];
  stats: ChannelStats[];
  actions: object;
}

export function createMetricsSlice(ctx: SliceContext<MetricsState>): Slice<MetricsState> {
  const { api, set, get } = ctx;
  return {
    state: { queue: null, metrics: null, history: [], stats: [] },
    actions: {},
    subscribe: (mark) => [
      api.on('queue', (queue) => {
        mark('queue');
        set({ queue });
      }),
      api.on('metrics', (metrics) => {
        mark('metrics');
        set({ metrics, queue: metrics.queue, history: pushMetrics(get().history, metrics) });
      }),
      api.on('stats', (stats) => {
        mark('stats');
        set({ stats });
      }),
    ],
    fromSnapshot: (snap, seen) => ({
      ...(seen.has('queue') || seen.has('metrics') ? {} : { queue: snap.queue }),
      ...(seen.has('metrics') ? {} : { metrics: snap.metrics, history: pushMetrics([], snap.metrics) }),
      ...(seen.has('stats') ? {} : { stats: snap.stats }),
    }),
  };
}
