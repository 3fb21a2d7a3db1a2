// A TelemetryApi double for shell/bridge tests: records every request it receives
// and lets the test emit events as the engine would.
import type { RequestName, Snapshot, TelemetryApi } from '@shared/api/contract.js';
import { EventHub } from '@shared/api/event-hub.js';
import type { EventName, Listener, TelemetryEvents, Unsubscribe } from '@shared/api/events.js';
import type { SampleBatch } from '@shared/api/samples.js';
import { defaultConfig, type AppConfig, type ConfigPatch } from '@shared/config/app-config.js';
import { channelInfos, type DeviceCommand, type DeviceSettingsInput, type DeviceStatus } from '@shared/domain/device.js';
import { emptyIntegrityReport } from '@shared/domain/integrity.js';
import type { PortInfo, SendToDeviceInput } from '@shared/domain/link.js';
import { emptyMetrics, type Metrics } from '@shared/domain/metrics.js';
import { ok, type ApiResult } from '@shared/domain/result.js';

export const idleStatus: DeviceStatus = { source: 'simulated', link: 'connected', state: 'idle', reason: 'test', since: 0, throttled: false };

export function fakeMetrics(): Metrics {
  const m = emptyMetrics({ capacity: 10 });
  return { ...m, t: 0, pool: { ...m.pool, threads: 1 } };
}

export function sampleBatch(seq: number, points = 4, channels = 2): SampleBatch {
  const t = Float64Array.from({ length: points }, (_, i) => 1_700_000_000_000 + i);
  const y = Float64Array.from({ length: points * channels }, (_, i) => i * 0.5 + seq);
  return { seq, channels, t, y, reset: seq === 0 };
}

export class FakeApi implements TelemetryApi {
  readonly calls: { method: RequestName; input: unknown }[] = [];
  status: DeviceStatus = { ...idleStatus };
  config: AppConfig = defaultConfig();
  /** When set, requests never answer (to exercise timeouts). */
  hang = false;
  private readonly hub = new EventHub((_event, err) => {
    throw err;
  });

  private record<T>(method: RequestName, input: unknown, value: () => T): Promise<ApiResult<T>> {
    this.calls.push({ method, input });
    if (this.hang) return new Promise(() => undefined);
    return Promise.resolve(ok(value()));
  }

  getSnapshot(): Promise<ApiResult<Snapshot>> {
    return this.record('getSnapshot', undefined, () => ({
      config: this.config,
      device: this.status,
      channels: channelInfos(this.config.device),
      queue: fakeMetrics().queue,
      metrics: fakeMetrics(),
      stats: [],
      integrity: emptyIntegrityReport(),
    }));
  }

  updateConfig(patch: ConfigPatch): Promise<ApiResult<AppConfig>> {
    return this.record('updateConfig', patch, () => this.config);
  }

  configureDevice(settings: DeviceSettingsInput): Promise<ApiResult<DeviceStatus>> {
    return this.record('configureDevice', settings, () => this.status);
  }

  deviceCommand(command: DeviceCommand): Promise<ApiResult<DeviceStatus>> {
    return this.record('deviceCommand', command, () => {
      if (command === 'start') this.status = { ...this.status, state: 'measuring' };
      if (command === 'stop') this.status = { ...this.status, state: 'idle' };
      return this.status;
    });
  }

  ports: PortInfo[] = [];

  listPorts(): Promise<ApiResult<PortInfo[]>> {
    return this.record('listPorts', undefined, () => this.ports);
  }

  sendToDevice(request: SendToDeviceInput): Promise<ApiResult<{ bytes: number }>> {
    return this.record('sendToDevice', request, () => ({ bytes: request.data.length }));
  }

  on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
    return this.hub.on(event, listener);
  }

  emit<E extends EventName>(event: E, payload: TelemetryEvents[E]): void {
    this.hub.emit(event, payload);
  }

  listenerCount(event: EventName): number {
    return this.hub.listenerCount(event);
  }
}
