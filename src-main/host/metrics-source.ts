// Prometheus text for GET /metrics. The Engine interface does not promise a
// registry, so the host looks for a prom-client-like one and skips /metrics without it.

export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

export function findMetricsSource(engine: object): MetricsSource | undefined {
  const registry: unknown = 'registry' in engine ? engine.registry : undefined;
  if (typeof registry !== 'object' || registry === null) return undefined;
  if (!('metrics' in registry) || typeof registry.metrics !== 'function') return undefined;
  if (!('contentType' in registry) || typeof registry.contentType !== 'string') return undefined;
  return registry as MetricsSource;
}
