import type { Alarm } from '@shared/alarms/alarm.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot, TelemetryApi } from '@shared/api/contract.js';
import type { EventName, TelemetryEvents } from '@shared/api/events.js';
import { defaultConfig, mergeConfig, AppConfigSchema, type AppConfig, type ConfigPatch } from '@shared/config/app-config.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { emptyIntegrityCounters, emptyIntegrityReport } from '@shared/domain/integrity.js';
import type { PortInfo } from '@shared/domain/link.js';
import type { Metrics, QueueStats } from '@shared/domain/metrics.js';
import { fail, ok, type ApiResult } from '@shared/domain/result.js';
import { createTelemetryStore } from '../../../src-renderer/app/telemetryStore';
import { FakeShell, noRecordingApi, noReplayApi, noParserScriptApi, noResilienceApi } from '../../helpers/fake-api.js';
import { initialBreakerStatus } from '@shared/domain/breaker.js';

const queue: QueueStats = {
  capacity: 100,
  policy: 'drop-oldest',
  depth: 0,
  highWater: 0,
  enqueued: 0,
  delivered: 0,
  dropped: 0,
  rejected: 0,
  backpressure: false,
};

const metrics = (t: number): Metrics => ({
  t,
  framesPerSec: 10,
  samplesPerSec: 80,
  bytesPerSec: 1000,
  framesTotal: 1,
  decodeErrors: 0,
  decodeErrorsPerSec: 0,
  latencyMs: { p50: 1, p95: 2, p99: 3 },
  queue,
  pool: { threads: 1, utilization: 0.1, inFlight: 0, completed: 1, failed: 0, retried: 0, workerErrors: 0, workersReplaced: 0 },
  publishesPerSec: 30,
  integrity: emptyIntegrityCounters(),
});

const status = (patch: Partial<DeviceStatus> = {}): DeviceStatus => ({
  source: 'simulated',
  link: 'connected',
  state: 'measuring',
  reason: 'Measuring',
  since: 0,
  throttled: false,
  ...patch,
});

/** An in-memory TelemetryApi: requests are vi.fn()s, events are emitted by the test. */
function fakeApi() {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let config: AppConfig = defaultConfig();
  const snapshot = (): Snapshot => ({
    config,
    device: status(),
    channels: [],
    queue,
    metrics: metrics(1000),
    stats: [],
    alarms: [],
    alarmJournal: [],
    integrity: emptyIntegrityReport(),
    breaker: initialBreakerStatus(0),
    faults: [],
    faultJournal: [],
    replay: null,
    mqttOut: null,
  });
  const api = {
    ...noRecordingApi(),
    ...noResilienceApi(),
    ...noReplayApi(),
    ...noParserScriptApi(),
    getSnapshot: vi.fn(async (): Promise<ApiResult<Snapshot>> => ok(snapshot())),
    updateConfig: vi.fn(async (patch: ConfigPatch): Promise<ApiResult<AppConfig>> => {
      config = AppConfigSchema.parse(mergeConfig(config, patch));
      return ok(config);
    }),
    configureDevice: vi.fn(async (): Promise<ApiResult<DeviceStatus>> => ok(status())),
    deviceCommand: vi.fn(async (): Promise<ApiResult<DeviceStatus>> => ok(status({ state: 'idle' }))),
    alarmAction: vi.fn(async (): Promise<ApiResult<Alarm[]>> => ok([])),
    listPorts: vi.fn(async (): Promise<ApiResult<PortInfo[]>> => ok([])),
    sendToDevice: vi.fn(async (): Promise<ApiResult<{ bytes: number }>> => ok({ bytes: 0 })),
    loadWorkbench: vi.fn(async (): Promise<ApiResult<{ text: string | null }>> => ok({ text: null })),
    saveWorkbench: vi.fn(async (): Promise<ApiResult<{ bytes: number }>> => ok({ bytes: 0 })),
    on: vi.fn(<E extends EventName>(event: E, listener: (p: TelemetryEvents[E]) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    }),
  } satisfies TelemetryApi;
  const emit = <E extends EventName>(event: E, payload: TelemetryEvents[E]) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  return { api, emit, listeners };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('telemetry store', () => {
  it('loads the snapshot and follows events', async () => {
    const { api, emit } = fakeApi();
    const store = createTelemetryStore(api);
    const disconnect = store.getState().actions.connect();
    await flush();
    let s = store.getState();
    expect(s.ready).toBe(true);
    expect(s.device?.state).toBe('measuring');
    expect(s.history).toHaveLength(1);

    emit('device', status({ state: 'safe', reason: 'over-temperature' }));
    emit('metrics', metrics(2000));
    s = store.getState();
    expect(s.device?.reason).toBe('over-temperature');
    expect(s.history.map((m) => m.t)).toEqual([1000, 2000]);

    disconnect();
    emit('device', status({ state: 'idle' }));
    expect(store.getState().device?.state).toBe('safe');
  });

  it('does not let the snapshot overwrite a newer event', async () => {
    const { api, emit } = fakeApi();
    let release: () => void = () => undefined;
    api.getSnapshot.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          release = () =>
            resolve(
              ok({
                config: defaultConfig(),
                device: status(),
                channels: [],
                queue,
                metrics: metrics(1),
                stats: [],
                alarms: [],
                alarmJournal: [],
                integrity: emptyIntegrityReport(),
                breaker: initialBreakerStatus(0),
                faults: [],
                faultJournal: [],
                replay: null,
                mqttOut: null,
              }),
            );
        }),
    );
    const store = createTelemetryStore(api);
    store.getState().actions.connect();
    emit('device', status({ state: 'idle', reason: 'newer' }));
    release();
    await flush();
    expect(store.getState().device?.reason).toBe('newer');
  });

  it('a resync (host restarted under the page) replaces every part of the state, journals included', async () => {
    const { api, emit } = fakeApi();
    const store = createTelemetryStore(api);
    store.getState().actions.connect();
    await flush();
    emit('faultJournal', [{ t: 5, faultId: 'old-1', kind: 'stall', params: {}, action: 'injected', operator: 'op', message: 'before the restart' }]);
    expect(store.getState().faultJournal.map((e) => e.faultId)).toEqual(['old-1']);
    const isolated = { ...initialBreakerStatus(0), state: 'isolated' as const, reason: 'Isolated by operator', t: 9 };
    emit('resync', {
      config: defaultConfig(),
      device: status({ state: 'safe', link: 'disconnected', reason: 'Circuit breaker isolated by operator' }),
      channels: [],
      queue,
      metrics: metrics(5000),
      stats: [],
      alarms: [],
      alarmJournal: [],
      integrity: emptyIntegrityReport(),
      breaker: isolated,
      faults: [],
      faultJournal: [{ t: 1, faultId: 'new-1', kind: 'corrupt', params: { percent: 5 }, action: 'injected', operator: 'op', message: 'after the restart' }],
      replay: null,
      mqttOut: null,
    });
    const s = store.getState();
    expect(s.device?.state).toBe('safe');
    expect(s.breaker?.state).toBe('isolated');
    // The restarted host's journal, not a merge with the old one.
    expect(s.faultJournal.map((e) => e.faultId)).toEqual(['new-1']);
  });

  it('surfaces failed requests as notices', async () => {
    const { api } = fakeApi();
    api.deviceCommand.mockResolvedValueOnce(fail('invalid-state', 'Cannot start: SafeState'));
    const store = createTelemetryStore(api);
    store.getState().actions.connect();
    await flush();
    expect(await store.getState().actions.deviceCommand('start')).toBe(false);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['Device start failed: Cannot start: SafeState']);

    api.deviceCommand.mockRejectedValueOnce(new Error('connection lost'));
    await store.getState().actions.deviceCommand('stop');
    expect(store.getState().notices[1]?.message).toContain('connection lost');
  });

  it('handles native menu events (the shell channel) like the in-window menu', async () => {
    const { api } = fakeApi();
    const shell = new FakeShell();
    const store = createTelemetryStore(api, { shell });
    const disconnect = store.getState().actions.connect();
    await flush();
    expect(shell.listenerCount).toBe(1);
    shell.menu('view-toggle-pause');
    expect(store.getState().paused).toBe(true);
    shell.menu('view-window-longer');
    expect(store.getState().config?.chart.windowSec).toBe(60);
    expect(api.updateConfig).toHaveBeenCalledWith({ chart: { windowSec: 60 } });
    disconnect();
    expect(shell.listenerCount).toBe(0);
  });

  it('runs device menu items only when the state allows them', async () => {
    const { api } = fakeApi();
    const store = createTelemetryStore(api);
    store.getState().actions.connect();
    await flush();
    const { runMenuItem } = store.getState().actions;
    runMenuItem({ kind: 'device', id: 'x', label: 'Start', command: 'start' }); // measuring: start disabled
    runMenuItem({ kind: 'device', id: 'y', label: 'Stop', command: 'stop' });
    await flush();
    expect(api.deviceCommand.mock.calls).toEqual([['stop']]);
  });

  it('runs Quit only when the shell can quit', () => {
    const { api } = fakeApi();
    expect(createTelemetryStore(api).getState().canQuit).toBe(false);
    const onQuit = vi.fn();
    const store = createTelemetryStore(api, { onQuit });
    expect(store.getState().canQuit).toBe(true);
    store.getState().actions.runMenuItem({ kind: 'quit', id: 'q', label: 'Quit' });
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('shows chart edits at once and persists them', async () => {
    const { api } = fakeApi();
    const store = createTelemetryStore(api);
    store.getState().actions.connect();
    await flush();
    store.getState().actions.setChannelVisible(1, false);
    expect(store.getState().config?.chart.channels[1]?.visible).toBe(false);
    await flush();
    expect(api.updateConfig).toHaveBeenCalledWith({ chart: { channels: [{ visible: true }, { visible: false }] } });
    expect(store.getState().config?.chart.channels[1]?.visible).toBe(false);
  });

  it('reverts a chart edit the server rejects', async () => {
    const { api } = fakeApi();
    api.updateConfig.mockResolvedValueOnce(fail('validation', 'bad window'));
    const store = createTelemetryStore(api);
    store.getState().actions.connect();
    await flush();
    store.getState().actions.setWindowSec(60);
    expect(store.getState().config?.chart.windowSec).toBe(60);
    await flush();
    expect(store.getState().config?.chart.windowSec).toBe(30);
    expect(store.getState().notices[0]?.message).toContain('bad window');
  });

  it('coalesces colour changes into one save', async () => {
    vi.useFakeTimers();
    const { api } = fakeApi();
    const store = createTelemetryStore(api, { colorPersistDelayMs: 200 });
    store.getState().actions.connect();
    await vi.runAllTimersAsync();
    for (const c of ['#111111', '#222222', '#333333']) store.getState().actions.setChannelColor(0, c);
    expect(store.getState().config?.chart.channels[0]?.color).toBe('#333333');
    expect(api.updateConfig).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(api.updateConfig).toHaveBeenCalledTimes(1);
    expect(api.updateConfig).toHaveBeenCalledWith({ chart: { channels: [{ visible: true, color: '#333333' }] } });
  });

  it('retries the snapshot until it loads', async () => {
    vi.useFakeTimers();
    const { api } = fakeApi();
    api.getSnapshot.mockResolvedValueOnce(fail('internal', 'not connected'));
    const store = createTelemetryStore(api, { snapshotRetryMs: 100 });
    store.getState().actions.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().loadError).toBe('not connected');
    await vi.advanceTimersByTimeAsync(150);
    expect(store.getState().ready).toBe(true);
    expect(store.getState().loadError).toBeNull();
  });
});

describe('telemetry store: alarms', () => {
  it('follows the alarms and journal events and merges the snapshot journal by sequence', async () => {
    const { api, emit } = fakeApi();
    const store = createTelemetryStore(api);
    const off = store.getState().actions.connect();
    const j = (seq: number) => ({ seq, t: seq, alarmId: 'ch1:level', channel: 0, condition: 'hi' as const, priority: 'high' as const, action: 'occur' as const, from: 'normal' as const, to: 'unack' as const, value: 1, limit: 1, message: '' });
    emit('alarmJournal', [j(5)]);
    await flush();
    expect(store.getState().journal.map((e) => e.seq)).toEqual([5]);
    const a: Alarm = { id: 'ch1:level', channel: 0, kind: 'level', state: 'unack', active: true, condition: 'hi', priority: 'high', message: '', occurredAt: 1, crossedAt: 1, value: 1, limit: 1, changedAt: 1 };
    emit('alarms', [a]);
    emit('alarmJournal', [j(6)]);
    expect(store.getState().alarms).toEqual([a]);
    expect(store.getState().journal.map((e) => e.seq)).toEqual([5, 6]);
    api.alarmAction.mockResolvedValueOnce(ok([{ ...a, state: 'ack' }]));
    expect(await store.getState().actions.alarmAction({ action: 'ack', id: 'ch1:level' })).toBe(true);
    expect(api.alarmAction).toHaveBeenCalledWith({ action: 'ack', id: 'ch1:level' });
    expect(store.getState().alarms[0]?.state).toBe('ack');
    off();
  });
});
