import { describe, expect, it } from 'vitest';
import { initialBreakerStatus, type BreakerState, type BreakerStatus } from '@shared/domain/breaker.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { DEVICE_FAULT_KINDS, LINK_FAULT_KINDS, type FaultJournalEntry } from '@shared/domain/faults.js';
import { canIsolate, canReset, liveTimeInState, newerBreaker, probeInMs, shortReason } from '../../../src-renderer/features/breaker/breakerView';
import { appendFaultJournal } from '../../../src-renderer/features/faults/faultJournal';
import { faultAvailability, fmtFaultParams, fmtRemaining } from '../../../src-renderer/features/faults/faultView';
import { fmtDuration, secondsLeft } from '../../../src-renderer/ui/format/duration';

const device = (patch: Partial<DeviceStatus> = {}): DeviceStatus => ({
  source: 'simulated',
  link: 'connected',
  state: 'measuring',
  reason: '',
  since: 0,
  throttled: false,
  ...patch,
});

const breaker = (state: BreakerState, patch: Partial<BreakerStatus> = {}): BreakerStatus => ({ ...initialBreakerStatus(1000), state, ...patch });

describe('fault applicability', () => {
  it('nothing applies before the first status or while disconnected; a link being re-established takes faults (as in the engine)', () => {
    expect(faultAvailability('drop', null)).toEqual({ ok: false, reason: 'Waiting for the device…' });
    const a = faultAvailability('stall', device({ link: 'disconnected' }));
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.reason).toMatch(/connect/i);
    for (const link of ['connecting', 'reconnecting'] as const) expect(faultAvailability('stall', device({ link })).ok, link).toBe(true);
  });

  it('link faults apply to every connected source, device faults only to the simulated one', () => {
    for (const kind of [...LINK_FAULT_KINDS, ...DEVICE_FAULT_KINDS]) expect(faultAvailability(kind, device()).ok, kind).toBe(true);
    for (const source of ['serial', 'tcp'] as const) {
      for (const kind of LINK_FAULT_KINDS) expect(faultAvailability(kind, device({ source })).ok, `${source} ${kind}`).toBe(true);
      for (const kind of DEVICE_FAULT_KINDS) {
        const a = faultAvailability(kind, device({ source }));
        expect(a.ok, `${source} ${kind}`).toBe(false);
        if (!a.ok) expect(a.reason).toContain(source);
      }
    }
  });
});

describe('fault read-outs', () => {
  it('formats parameters with units, optionally with timing', () => {
    const params = { percent: 20, unit: 'frames', delayMs: 1500, durationMs: 10_000 };
    expect(fmtFaultParams(params)).toBe('percent 20 %, unit frames');
    expect(fmtFaultParams(params, true)).toBe('percent 20 %, unit frames, delay 1.5 s, for 10.0 s');
    expect(fmtFaultParams({ delayMs: 0, durationMs: null }, true)).toBe('until stopped');
    expect(fmtFaultParams({})).toBe('');
  });

  it('says how long a fault has left', () => {
    expect(fmtRemaining({ state: 'scheduled', startsAt: 3000, endsAt: 8000 }, 1000)).toBe('starts in 2.0 s');
    expect(fmtRemaining({ state: 'active', startsAt: 0, endsAt: 8000 }, 3500)).toBe('4.5 s left');
    expect(fmtRemaining({ state: 'active', startsAt: 0, endsAt: 1000 }, 3500)).toBe('0 ms left');
    expect(fmtRemaining({ state: 'active', startsAt: 0, endsAt: null }, 3500)).toBe('until stopped');
  });
});

describe('fault journal buffer', () => {
  const e = (t: number, action: FaultJournalEntry['action'] = 'injected', faultId = 'f1'): FaultJournalEntry => ({ t, faultId, kind: 'stall', params: {}, action, operator: 'op', message: '' });

  it('appends, drops duplicates and keeps time order', () => {
    const base = [e(1), e(5, 'started')];
    expect(appendFaultJournal(base, [])).toBe(base);
    expect(appendFaultJournal(base, [e(5, 'started')])).toBe(base);
    expect(appendFaultJournal(base, [e(5, 'started'), e(7, 'stopped')]).map((x) => x.t)).toEqual([1, 5, 7]);
    // Same time, another action: a different entry.
    expect(appendFaultJournal(base, [e(5, 'expired')]).map((x) => x.action)).toEqual(['injected', 'started', 'expired']);
    expect(appendFaultJournal(base, [e(3, 'stopped', 'f2')]).map((x) => x.t)).toEqual([1, 3, 5]);
  });

  it('keeps the newest max entries', () => {
    const out = appendFaultJournal(
      [e(1), e(2)],
      [3, 4, 5].map((t) => e(t)),
      3,
    );
    expect(out.map((x) => x.t)).toEqual([3, 4, 5]);
  });
});

describe('breaker read-outs', () => {
  it('time in state keeps counting for the current state only', () => {
    const s = breaker('open', { t: 10_000, timeInState: { closed: 5000, open: 2000, 'half-open': 100, isolated: 0 } });
    expect(liveTimeInState(s, 13_000)).toEqual({ closed: 5000, open: 5000, 'half-open': 100, isolated: 0 });
    // A renderer clock behind the engine's never counts backwards.
    expect(liveTimeInState(s, 9000).open).toBe(2000);
  });

  it('Isolate unless isolated, Reset unless closed', () => {
    const states: BreakerState[] = ['closed', 'open', 'half-open', 'isolated'];
    expect(states.map((st) => canIsolate(breaker(st)))).toEqual([true, true, true, false]);
    expect(states.map((st) => canReset(breaker(st)))).toEqual([false, true, true, true]);
    expect(canIsolate(null)).toBe(false);
    expect(canReset(null)).toBe(false);
  });

  it('counts down to the next probe only while open', () => {
    expect(probeInMs(breaker('open', { nextProbeAt: 5000 }), 3800)).toBe(1200);
    expect(probeInMs(breaker('open', { nextProbeAt: 5000 }), 6000)).toBe(0);
    expect(probeInMs(breaker('open'), 3800)).toBeNull();
    expect(probeInMs(breaker('half-open', { nextProbeAt: 5000 }), 3800)).toBeNull();
    expect(secondsLeft(1200)).toBe(2);
    expect(secondsLeft(0)).toBe(0);
  });

  it('keeps the newer of two statuses', () => {
    const a = breaker('open', { t: 2000 });
    const b = breaker('isolated', { t: 1500 });
    expect(newerBreaker(a, b)).toBe(a);
    expect(newerBreaker(b, a)).toBe(a);
    expect(newerBreaker(null, b)).toBe(b);
  });

  it('shortens long reasons for the status bar', () => {
    expect(shortReason('watchdog')).toBe('watchdog');
    const long = 'x'.repeat(60);
    expect(shortReason(long)).toHaveLength(48);
    expect(shortReason(long).endsWith('…')).toBe(true);
  });
});

describe('durations', () => {
  it('formats ms, s, min and h', () => {
    expect(fmtDuration(850)).toBe('850 ms');
    expect(fmtDuration(12_345)).toBe('12.3 s');
    expect(fmtDuration(245_000)).toBe('4 min 05 s');
    expect(fmtDuration(7_380_000)).toBe('2 h 03 min');
    expect(fmtDuration(-5)).toBe('0 ms');
    expect(fmtDuration(null)).toBe('—');
    expect(fmtDuration(Number.NaN)).toBe('—');
  });
});
