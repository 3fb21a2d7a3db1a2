// Each feature slice on its own: a minimal context over a plain zustand store and the FakeApi.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Snapshot } from '@shared/api/contract.js';
import type { EventName } from '@shared/api/events.js';
import { defaultConfig } from '@shared/config/app-config.js';
import { initialBreakerStatus } from '@shared/domain/breaker.js';
import { createAlarmsSlice } from '../../../src-renderer/features/alarms';
import { createBreakerSlice } from '../../../src-renderer/features/breaker';
import { createConsoleSlice } from '../../../src-renderer/features/console';
import { createDeviceSlice } from '../../../src-renderer/features/device';
import { createFaultsSlice } from '../../../src-renderer/features/faults';
import { faultFieldErrors } from '../../../src-renderer/features/faults/faultForm';
import { createIntegritySlice } from '../../../src-renderer/features/integrity';
import { createMetricsSlice } from '../../../src-renderer/features/metrics';
import { createChartSlice } from '../../../src-renderer/features/plots';
import { createConfigCell } from '../../../src-renderer/state/configCell';
import type { Slice, SliceContext } from '../../../src-renderer/state/slice';
import { FakeApi, fakeMetrics, idleStatus } from '../../helpers/fake-api.js';

const flush = () => new Promise((r) => setTimeout(r, 0));

/** One slice in a store of its own; notices are collected. */
function harness<S extends { actions: object }>(make: (ctx: SliceContext<S>) => Slice<S>, api = new FakeApi()) {
  const notices: string[] = [];
  const config = createConfigCell();
  const store = createStore<S>()(() => ({}) as S);
  const ctx: SliceContext<S> = {
    api,
    get: () => store.getState(),
    set: (p) => store.setState(p),
    notify: (m) => notices.push(m),
    config,
    async request(label, call) {
      const r = await call();
      if (!r.ok) notices.push(`${label} failed: ${r.error.message}`);
      return r;
    },
    saveConfig: (_label, patch) => api.updateConfig(patch),
  };
  const slice = make(ctx);
  store.setState({ ...slice.state, actions: slice.actions } as unknown as S);
  const seen = new Set<EventName>();
  const subs = slice.subscribe?.((e) => seen.add(e)) ?? [];
  return { api, store, slice, notices, config, seen, off: () => subs.forEach((u) => u()) };
}

async function snapshot(api: FakeApi): Promise<Snapshot> {
  const r = await api.getSnapshot();
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('device slice', () => {
  it('follows device, channels and ports events; the snapshot does not overwrite newer events', async () => {
    const h = harness(createDeviceSlice);
    const measuring = { ...idleStatus, state: 'measuring' as const };
    h.api.emit('device', measuring);
    expect(h.store.getState().device).toEqual(measuring);
    expect([...h.seen]).toEqual(['device']);
    const snap = await snapshot(h.api);
    expect(h.slice.fromSnapshot?.(snap, h.seen)).toEqual({ channels: snap.channels });
    h.api.emit('ports', [{ path: '/dev/ttyUSB0' }] as never);
    expect(h.store.getState().ports).toEqual([{ path: '/dev/ttyUSB0' }]);
  });

  it('a device command stores the status the engine answers', async () => {
    const h = harness(createDeviceSlice);
    expect(await h.store.getState().actions.deviceCommand('start')).toBe(true);
    expect(h.store.getState().device?.state).toBe(h.api.status.state);
    expect(h.api.calls.map((c) => c.method)).toEqual(['deviceCommand']);
  });
});

describe('metrics slice', () => {
  it('keeps a history of metrics and takes the queue from them', () => {
    const h = harness(createMetricsSlice);
    const m1 = { ...fakeMetrics(), t: 1000 };
    const m2 = { ...fakeMetrics(), t: 2000 };
    h.api.emit('metrics', m1);
    h.api.emit('metrics', m2);
    expect(h.store.getState().history.map((m) => m.t)).toEqual([1000, 2000]);
    expect(h.store.getState().queue).toEqual(m2.queue);
  });
});

describe('alarms slice', () => {
  it('merges the snapshot journal with entries that came first', async () => {
    const h = harness(createAlarmsSlice);
    const snap = await snapshot(h.api);
    expect(h.slice.fromSnapshot?.(snap, h.seen)).toEqual({ alarms: snap.alarms, journal: snap.alarmJournal });
    await h.store.getState().actions.saveAlarmSettings({ ...defaultConfig().alarms });
    expect(h.api.calls.at(-1)).toEqual({ method: 'updateConfig', input: { alarms: defaultConfig().alarms } });
  });
});

describe('console slice', () => {
  it('appends console batches and clears them', () => {
    const h = harness(createConsoleSlice);
    h.api.emit('console', { entries: [{ t: 1, dir: 'tx', data: btoa('AB') }], skippedBytes: 3 });
    expect(h.store.getState().consoleLog.records.map((r) => [r.dir, Array.from(r.bytes)])).toEqual([['tx', [65, 66]]]);
    expect(h.store.getState().consoleLog.skippedBytes).toBe(3);
    h.store.getState().actions.clearConsole();
    expect(h.store.getState().consoleLog.records).toEqual([]);
  });
});

describe('integrity and breaker slices', () => {
  it('take their reports from events and snapshots', async () => {
    const i = harness(createIntegritySlice);
    const snap = await snapshot(i.api);
    expect(i.slice.fromSnapshot?.(snap, i.seen)).toEqual({ integrity: snap.integrity ?? null });
    const b = harness(createBreakerSlice);
    const open = { ...initialBreakerStatus(5), state: 'open' as const };
    b.api.emit('breaker', open);
    expect(b.store.getState().breaker).toEqual(open);
    expect(b.slice.fromSnapshot?.(snap, b.seen)).toEqual({});
  });
});

describe('faults slice', () => {
  it('puts the engine issues of a refused fault at their fields', async () => {
    const h = harness(createFaultsSlice);
    const result = await h.store.getState().actions.injectFault({ kind: 'drop', percent: 500 } as never);
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : faultFieldErrors(result.error.issues ?? []))).toEqual(['percent']);
    expect(h.notices).toEqual([]);
  });
});

describe('chart slice', () => {
  it('shows an edit at once and sends it; pause is its own', async () => {
    const h = harness(createChartSlice);
    h.config.setServer(defaultConfig());
    h.store.setState({ config: h.config.effective() });
    h.store.getState().actions.setWindowSec(120);
    expect(h.store.getState().config?.chart.windowSec).toBe(120);
    await flush();
    expect(h.api.calls).toEqual([{ method: 'updateConfig', input: { chart: { windowSec: 120 } } }]);
    h.store.getState().actions.setPaused(true);
    expect(h.store.getState().paused).toBe(true);
  });
});
