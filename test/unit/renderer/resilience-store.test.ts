import { describe, expect, it, vi } from 'vitest';
import { BreakerSettingsSchema, initialBreakerStatus, type BreakerStatus } from '@shared/domain/breaker.js';
import type { ActiveFault, FaultJournalEntry } from '@shared/domain/faults.js';
import { fail } from '@shared/domain/result.js';
import { createTelemetryStore } from '../../../src-renderer/app/telemetryStore';
import { MAX_FAULT_JOURNAL } from '../../../src-renderer/features/faults/faultJournal';
import { faultFieldErrors } from '../../../src-renderer/features/faults/faultForm';
import { FakeApi } from '../../helpers/fake-api.js';

const flush = () => new Promise((r) => setTimeout(r, 0));

const breaker = (patch: Partial<BreakerStatus> = {}): BreakerStatus => ({ ...initialBreakerStatus(1000), ...patch });

const entry = (t: number, action: FaultJournalEntry['action'] = 'injected', faultId = `f${t}`): FaultJournalEntry => ({
  t,
  faultId,
  kind: 'drop',
  params: { percent: 10, unit: 'frames', delayMs: 0, durationMs: 10_000 },
  action,
  operator: 'op',
  message: `${action} ${faultId}`,
});

const fault = (id: string, patch: Partial<ActiveFault> = {}): ActiveFault => ({
  id,
  kind: 'stall',
  scope: 'link',
  request: { kind: 'stall', delayMs: 0, durationMs: 5000 },
  createdAt: 1,
  startsAt: 1,
  endsAt: 5001,
  state: 'active',
  affected: 0,
  ...patch,
});

async function connected(api = new FakeApi()) {
  const store = createTelemetryStore(api);
  const disconnect = store.getState().actions.connect();
  await flush();
  return { api, store, disconnect };
}

describe('resilience state in the store', () => {
  it('loads breaker, faults and fault journal from the snapshot', async () => {
    const api = new FakeApi();
    api.breaker = breaker({ state: 'open', reason: 'watchdog', trips: 2, stale: true });
    api.faults = [fault('a')];
    api.faultJournal = [entry(1), entry(2)];
    const { store } = await connected(api);
    const s = store.getState();
    expect(s.breaker?.state).toBe('open');
    expect(s.breaker?.trips).toBe(2);
    expect(s.faults.map((f) => f.id)).toEqual(['a']);
    expect(s.faultJournal.map((e) => e.t)).toEqual([1, 2]);
  });

  it('follows the breaker, faults and faultJournal events, and stops after disconnect', async () => {
    const { api, store, disconnect } = await connected();
    api.emit('breaker', breaker({ state: 'half-open', reason: 'probing', t: 2000 }));
    api.emit('faults', [fault('x'), fault('y', { state: 'scheduled' })]);
    api.emit('faultJournal', [entry(10)]);
    api.emit('faultJournal', [entry(11, 'started', 'f10')]);
    let s = store.getState();
    expect(s.breaker?.state).toBe('half-open');
    expect(s.faults.map((f) => f.id)).toEqual(['x', 'y']);
    expect(s.faultJournal.map((e) => e.action)).toEqual(['injected', 'started']);

    disconnect();
    api.emit('breaker', breaker({ state: 'closed', t: 3000 }));
    api.emit('faults', []);
    s = store.getState();
    expect(s.breaker?.state).toBe('half-open');
    expect(s.faults).toHaveLength(2);
  });

  it('does not let the snapshot overwrite newer breaker/faults events and merges early journal entries', async () => {
    const api = new FakeApi();
    api.breaker = breaker({ state: 'closed' });
    api.faults = [fault('old')];
    api.faultJournal = [entry(1), entry(2)];
    let release: () => void = () => undefined;
    const real = api.getSnapshot.bind(api);
    vi.spyOn(api, 'getSnapshot').mockImplementationOnce(() => new Promise((resolve) => (release = () => void real().then(resolve))));
    const store = createTelemetryStore(api);
    store.getState().actions.connect();
    api.emit('breaker', breaker({ state: 'open', reason: 'link lost', t: 5000 }));
    api.emit('faults', []);
    // Entry 2 is in both the snapshot and the event: it must appear once.
    api.emit('faultJournal', [entry(2), entry(3)]);
    release();
    await flush();
    const s = store.getState();
    expect(s.breaker?.state).toBe('open');
    expect(s.faults).toEqual([]);
    expect(s.faultJournal.map((e) => e.t)).toEqual([1, 2, 3]);
  });

  it('keeps the fault journal bounded to the newest entries', async () => {
    const { api, store } = await connected();
    for (let batch = 0; batch < 7; batch++) api.emit('faultJournal', Array.from({ length: 100 }, (_, i) => entry(batch * 100 + i + 1)));
    const j = store.getState().faultJournal;
    expect(j).toHaveLength(MAX_FAULT_JOURNAL);
    expect(j[0]?.t).toBe(700 - MAX_FAULT_JOURNAL + 1);
    expect(j.at(-1)?.t).toBe(700);
  });
});

describe('breaker actions', () => {
  it('calls the api and shows the answer', async () => {
    const { api, store } = await connected();
    expect(await store.getState().actions.breakerAction({ action: 'isolate' })).toBe(true);
    expect(api.calls.filter((c) => c.method === 'breakerAction').map((c) => c.input)).toEqual([{ action: 'isolate' }]);
    expect(store.getState().breaker?.state).toBe('isolated');
    await store.getState().actions.breakerAction({ action: 'reset' });
    expect(store.getState().breaker?.state).toBe('closed');
  });

  it('an older answer does not undo a newer breaker event', async () => {
    const api = new FakeApi();
    const { store } = await connected(api);
    vi.spyOn(api, 'breakerAction').mockImplementationOnce(async () => {
      // The event of a later transition overtakes the answer.
      api.emit('breaker', breaker({ state: 'open', reason: 'watchdog', t: 9000 }));
      return { ok: true, value: breaker({ state: 'isolated', t: 8000 }) };
    });
    await store.getState().actions.breakerAction({ action: 'isolate' });
    expect(store.getState().breaker?.state).toBe('open');
  });

  it('failures go to the error banner', async () => {
    const api = new FakeApi();
    vi.spyOn(api, 'breakerAction').mockResolvedValueOnce(fail('invalid-state', 'breaker disabled'));
    const { store } = await connected(api);
    expect(await store.getState().actions.breakerAction({ action: 'reset' })).toBe(false);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['Resetting the breaker failed: breaker disabled']);
  });
});

describe('fault actions', () => {
  it('injectFault sends the request, shows the fault at once and clears field errors', async () => {
    const { api, store } = await connected();
    const result = await store.getState().actions.injectFault({ kind: 'drop', percent: 20, unit: 'bytes', delayMs: 0, durationMs: 3000 });
    expect(result.ok).toBe(true);
    expect(api.calls.filter((c) => c.method === 'injectFault').map((c) => c.input)).toEqual([{ kind: 'drop', percent: 20, unit: 'bytes', delayMs: 0, durationMs: 3000 }]);
    const s = store.getState();
    expect(s.faults.map((f) => [f.kind, f.endsAt])).toEqual([['drop', 3000]]);
    expect(s.notices).toEqual([]);
  });

  it('validation issues from the engine land on their fields, not in the banner', async () => {
    const { store } = await connected();
    const result = await store.getState().actions.injectFault({ kind: 'latency', latencyMs: 20_000, jitterMs: -1, durationMs: 50 });
    expect(result.ok).toBe(false);
    const s = store.getState();
    // The fault form maps the answer with faultFieldErrors (useSettingsForm → engineErrors).
    const faultErrors = result.ok ? {} : faultFieldErrors(result.error.issues ?? []);
    expect(Object.keys(faultErrors).sort()).toEqual(['durationMs', 'jitterMs', 'latencyMs']);
    expect(faultErrors.latencyMs).toBe('Must be ≤ 10000');
    expect(faultErrors.jitterMs).toBe('Must be ≥ 0');
    // The duration field is in seconds.
    expect(faultErrors.durationMs).toBe('Must be ≥ 0.1 s');
    expect(s.notices).toEqual([]);
    expect(s.faults).toEqual([]);
  });

  it('uses the schema message for a percent out of range', async () => {
    const { store } = await connected();
    const result = await store.getState().actions.injectFault({ kind: 'corrupt', percent: 150 });
    expect(result.ok || faultFieldErrors(result.error.issues ?? [])).toEqual({ percent: 'must be ≤ 100 %' });
  });

  it('errors without issues (refused while disconnected) go to the banner', async () => {
    const api = new FakeApi();
    vi.spyOn(api, 'injectFault').mockResolvedValueOnce(fail('invalid-state', 'Connect the device first'));
    const { store } = await connected(api);
    const result = await store.getState().actions.injectFault({ kind: 'stall' });
    const s = store.getState();
    expect(s.notices.map((n) => n.message)).toEqual(['Injecting the fault failed: Connect the device first']);
    expect(result.ok || result.error.issues).toBeUndefined();
  });

  it('a rejected request goes to the banner', async () => {
    const api = new FakeApi();
    vi.spyOn(api, 'injectFault').mockRejectedValueOnce(new Error('connection lost'));
    const { store } = await connected(api);
    const result = await store.getState().actions.injectFault({ kind: 'stall' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: 'connection lost' } });
    expect(store.getState().notices[0]?.message).toContain('connection lost');
  });

  it('stopFault stops one or all and keeps what the engine answers', async () => {
    const { api, store } = await connected();
    const { actions } = store.getState();
    await actions.injectFault({ kind: 'stall' });
    await actions.injectFault({ kind: 'corrupt', percent: 5 });
    const [first, second] = store.getState().faults;
    expect(await actions.stopFault({ faultId: first!.id })).toBe(true);
    expect(store.getState().faults.map((f) => f.id)).toEqual([second!.id]);
    await actions.stopFault({ all: true });
    expect(store.getState().faults).toEqual([]);
    expect(api.calls.filter((c) => c.method === 'stopFault').map((c) => c.input)).toEqual([{ faultId: first!.id }, { all: true }]);
  });

  it('a failed stop goes to the banner and keeps the list', async () => {
    const api = new FakeApi();
    api.faults = [fault('a')];
    vi.spyOn(api, 'stopFault').mockResolvedValueOnce(fail('not-found', 'no fault a'));
    const { store } = await connected(api);
    expect(await store.getState().actions.stopFault({ faultId: 'a' })).toBe(false);
    expect(store.getState().faults).toHaveLength(1);
    expect(store.getState().notices[0]?.message).toBe('Stopping the fault failed: no fault a');
  });
});

describe('breaker settings', () => {
  const settings = { ...BreakerSettingsSchema.parse({}), trip: { kind: 'consecutive' as const, failures: 1 }, halfOpenInitialMs: 200 };

  it('replaces config.resilience.breaker and takes the answered config at once', async () => {
    const { api, store } = await connected();
    const saved = { ...api.config, resilience: { breaker: settings } };
    vi.spyOn(api, 'updateConfig').mockImplementationOnce(async (patch) => {
      api.calls.push({ method: 'updateConfig', input: patch });
      return { ok: true, value: saved };
    });
    const result = await store.getState().actions.saveBreakerSettings(settings);
    expect(result.ok).toBe(true);
    expect(api.calls.filter((c) => c.method === 'updateConfig').map((c) => c.input)).toEqual([{ resilience: { breaker: settings } }]);
    expect(store.getState().config?.resilience.breaker).toEqual(settings);
    expect(store.getState().notices).toEqual([]);
  });

  it('hands validation issues back for the form, without a notice; a later config event is followed', async () => {
    const { api, store } = await connected();
    const issue = { path: 'resilience.breaker.watchdogMs', message: 'resilience.breaker.watchdogMs: Too small: expected number to be >=100' };
    vi.spyOn(api, 'updateConfig').mockResolvedValueOnce(fail('validation', issue.message, [issue]));
    const result = await store.getState().actions.saveBreakerSettings({ ...settings, watchdogMs: 5 });
    expect(result.ok ? [] : result.error.issues).toEqual([issue]);
    expect(store.getState().notices).toEqual([]);
    expect(store.getState().config?.resilience.breaker.watchdogMs).toBe(2000);

    api.emit('config', { ...api.config, resilience: { breaker: { ...settings, watchdogMs: 900 } } });
    expect(store.getState().config?.resilience.breaker.watchdogMs).toBe(900);
  });

  it('a call that throws becomes a notice', async () => {
    const { api, store } = await connected();
    vi.spyOn(api, 'updateConfig').mockRejectedValueOnce(new Error('socket closed'));
    const result = await store.getState().actions.saveBreakerSettings(settings);
    expect(result.ok).toBe(false);
    expect(store.getState().notices[0]?.message).toBe('Saving breaker settings failed: socket closed');
  });
});

describe('panels', () => {
  it('the breaker and fault panels toggle from the menu and the breaker opens from the status bar', async () => {
    const { api, store } = await connected();
    expect(store.getState().ui.panels.breaker).toBe(false);
    api.emit('menu', 'view-toggle-faults-panel');
    expect(store.getState().ui.panels.faults).toBe(true);
    store.getState().actions.openPanel('breaker');
    store.getState().actions.openPanel('breaker');
    expect(store.getState().ui.panels.breaker).toBe(true);
    api.emit('menu', 'view-toggle-breaker-panel');
    expect(store.getState().ui.panels.breaker).toBe(false);
  });
});
