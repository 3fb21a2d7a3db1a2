import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceSource } from '@shared/domain/device.js';
import { FaultRequestSchema, type ActiveFault, type FaultJournalEntry, type FaultRequestInput } from '@shared/domain/faults.js';
import { FAULT_JOURNAL_CAPACITY, FaultManager, type FaultManagerOptions } from '../../../../src-main/engine/faults/fault-manager.js';

const T0 = Date.UTC(2025, 0, 1);
const live = { source: 'simulated' as DeviceSource, connected: true };
const req = (input: FaultRequestInput) => FaultRequestSchema.parse(input);

interface Rig {
  m: FaultManager;
  applied: (readonly ActiveFault[])[];
  changes: ActiveFault[][];
  journal: FaultJournalEntry[];
  affected: Map<string, number>;
  /** The actions journaled so far, as `id:action`. */
  actions(): string[];
}

function rig(extra: Partial<FaultManagerOptions> = {}): Rig {
  const applied: (readonly ActiveFault[])[] = [];
  const changes: ActiveFault[][] = [];
  const journal: FaultJournalEntry[] = [];
  const affected = new Map<string, number>();
  const m = new FaultManager({
    operator: 'alice',
    onApply: (running) => applied.push(running),
    onChange: (faults) => changes.push(faults),
    onJournal: (entries) => journal.push(...entries),
    affected: (id) => affected.get(id) ?? 0,
    ...extra,
  });
  return { m, applied, changes, journal, affected, actions: () => journal.map((e) => `${e.faultId}:${e.action}`) };
}

function injected(r: Rig, input: FaultRequestInput): ActiveFault {
  const res = r.m.inject(req(input), live);
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

describe('FaultManager', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts an undelayed fault at once and expires it after durationMs', () => {
    const r = rig();
    const f = injected(r, { kind: 'corrupt', percent: 50, durationMs: 5000 });
    expect(f).toMatchObject({ id: expect.any(String), kind: 'corrupt', scope: 'link', state: 'active', createdAt: T0, startsAt: T0, endsAt: T0 + 5000 });
    expect(r.applied.at(-1)?.map((a) => a.id)).toEqual([f.id]);
    expect(r.m.running().map((a) => a.id)).toEqual([f.id]);
    expect(r.actions()).toEqual([`${f.id}:injected`, `${f.id}:started`]);
    expect(r.journal[0]).toMatchObject({ t: T0, kind: 'corrupt', operator: 'alice', params: { percent: 50, delayMs: 0, durationMs: 5000 } });
    expect(r.journal[0]?.message).toBe('Corrupt frames 50 % for 5 s injected by alice');

    vi.advanceTimersByTime(4999);
    expect(r.m.list()).toHaveLength(1);
    r.affected.set(f.id, 17);
    vi.advanceTimersByTime(1);
    expect(r.m.list()).toEqual([]);
    expect(r.applied.at(-1)).toEqual([]);
    expect(r.changes.at(-1)).toEqual([]);
    const expired = r.journal.at(-1);
    expect(expired).toMatchObject({ faultId: f.id, action: 'expired', operator: 'engine', t: T0 + 5000 });
    expect(expired?.message).toContain('17 frames affected');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('schedules a delayed fault: scheduled, then active at startsAt, then expired', () => {
    const r = rig();
    const f = injected(r, { kind: 'stall', delayMs: 2000, durationMs: 1000 });
    expect(f).toMatchObject({ state: 'scheduled', startsAt: T0 + 2000, endsAt: T0 + 3000 });
    expect(r.applied).toHaveLength(0);
    expect(r.changes.at(-1)?.map((a) => a.state)).toEqual(['scheduled']);
    expect(r.m.running()).toEqual([]);
    vi.advanceTimersByTime(1999);
    expect(r.actions()).toEqual([`${f.id}:injected`]);
    vi.advanceTimersByTime(1);
    expect(r.m.list()[0]?.state).toBe('active');
    expect(r.applied.at(-1)?.map((a) => a.id)).toEqual([f.id]);
    expect(r.journal.at(-1)).toMatchObject({ action: 'started', t: T0 + 2000 });
    vi.advanceTimersByTime(1000);
    expect(r.actions()).toEqual([`${f.id}:injected`, `${f.id}:started`, `${f.id}:expired`]);
  });

  it('a fault without duration runs until stopped', () => {
    const r = rig();
    const f = injected(r, { kind: 'latency', latencyMs: 50, durationMs: null });
    expect(f.endsAt).toBeNull();
    expect(r.journal[0]?.message).toContain('until stopped');
    vi.advanceTimersByTime(86_400_000);
    expect(r.m.running()).toHaveLength(1);
    const other = injected(r, { kind: 'stall', durationMs: null });
    const res = r.m.stop({ faultId: f.id });
    // The answer is the list still running.
    expect(res.ok && res.value.map((a) => a.id)).toEqual([other.id]);
    r.m.stop({ faultId: other.id });
    expect(r.journal.at(-1)).toMatchObject({ action: 'stopped', operator: 'alice' });
    expect(r.m.list()).toEqual([]);
  });

  it('gives every fault its own id', () => {
    const r = rig();
    const ids = Array.from({ length: 20 }, () => injected(r, { kind: 'noise', channel: 0 }).id);
    expect(new Set(ids).size).toBe(20);
  });

  it('refuses when disconnected, with a journal entry and no schedule', () => {
    const r = rig();
    const res = r.m.inject(req({ kind: 'drop', percent: 10 }), { source: 'simulated', connected: false });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('invalid-state');
      expect(res.error.message).toMatch(/Connect the device first/);
    }
    expect(r.journal).toHaveLength(1);
    expect(r.journal[0]).toMatchObject({ action: 'refused', kind: 'drop', operator: 'alice' });
    expect(r.m.list()).toEqual([]);
    expect(r.applied).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each(['serial', 'tcp', 'udp'] as const)('refuses device faults on a %s source but accepts link faults', (source) => {
    const r = rig();
    const res = r.m.inject(req({ kind: 'stuck', channel: 1 }), { source, connected: true });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toContain(source);
    expect(r.journal.at(-1)?.action).toBe('refused');
    expect(r.m.inject(req({ kind: 'drop', percent: 1 }), { source, connected: true }).ok).toBe(true);
  });

  it('a reboot is applied exactly once, then journaled expired right away', () => {
    const r = rig();
    const f = injected(r, { kind: 'reboot', silentMs: 3000 });
    const withReboot = r.applied.filter((run) => run.some((a) => a.kind === 'reboot'));
    expect(withReboot).toHaveLength(1);
    expect(withReboot[0]?.[0]).toMatchObject({ id: f.id, state: 'active' });
    expect(r.applied.at(-1)).toEqual([]);
    expect(r.actions()).toEqual([`${f.id}:injected`, `${f.id}:started`, `${f.id}:expired`]);
    expect(r.m.list()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a delayed reboot is listed as scheduled and applied once at its time', () => {
    const r = rig();
    const f = injected(r, { kind: 'reboot', delayMs: 500 });
    expect(r.m.list().map((a) => a.state)).toEqual(['scheduled']);
    vi.advanceTimersByTime(500);
    expect(r.applied.filter((run) => run.some((a) => a.id === f.id))).toHaveLength(1);
    expect(r.m.list()).toEqual([]);
  });

  it('stop of an unknown id fails naming the id; stop after expiry is not-found too', () => {
    const r = rig();
    const res = r.m.stop({ faultId: 'nope' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('not-found');
      expect(res.error.message).toContain('nope');
    }
    const f = injected(r, { kind: 'stall', durationMs: 100 });
    vi.advanceTimersByTime(100);
    const late = r.m.stop({ faultId: f.id });
    expect(late.ok).toBe(false);
  });

  it('stopping a scheduled fault cancels it without ever applying it', () => {
    const r = rig();
    const f = injected(r, { kind: 'flood', delayMs: 1000 });
    r.m.stop({ faultId: f.id });
    vi.advanceTimersByTime(10_000);
    expect(r.applied).toHaveLength(0);
    expect(r.actions()).toEqual([`${f.id}:injected`, `${f.id}:stopped`]);
    expect(r.journal.at(-1)?.message).toMatch(/before it started/);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop all ends everything, journals each, and answers the (empty) remaining list', () => {
    const r = rig();
    injected(r, { kind: 'drop', percent: 5 });
    injected(r, { kind: 'noise', channel: 2, delayMs: 100 });
    const res = r.m.stop({ all: true });
    expect(res.ok && res.value).toEqual([]);
    expect(r.journal.filter((e) => e.action === 'stopped').map((e) => e.kind)).toEqual(['drop', 'noise']);
    expect(r.m.list()).toEqual([]);
    expect(r.applied.at(-1)).toEqual([]);
    const again = r.m.stop({ all: true });
    expect(again.ok && again.value).toEqual([]);
  });

  it('clear ends every fault as cleared by the engine with the reason; clearing twice is harmless', () => {
    const r = rig();
    const a = injected(r, { kind: 'drop', percent: 5 });
    const b = injected(r, { kind: 'stall', delayMs: 100 });
    r.m.clear('the link changed');
    expect(r.journal.slice(-2).map((e) => [e.faultId, e.action, e.operator])).toEqual([
      [a.id, 'cleared', 'engine'],
      [b.id, 'cleared', 'engine'],
    ]);
    expect(r.journal.at(-1)?.message).toContain('the link changed');
    expect(r.m.list()).toEqual([]);
    const count = r.journal.length;
    const applies = r.applied.length;
    r.m.clear('again');
    vi.advanceTimersByTime(100_000);
    expect(r.journal).toHaveLength(count);
    expect(r.applied).toHaveLength(applies);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('list reports live affected counts', () => {
    const r = rig();
    const f = injected(r, { kind: 'drop', percent: 50 });
    r.affected.set(f.id, 42);
    expect(r.m.list()[0]?.affected).toBe(42);
    expect(r.m.running()[0]?.affected).toBe(42);
  });

  it('keeps the newest 1000 journal entries, oldest first', () => {
    const r = rig();
    for (let i = 0; i < 400; i++) injected(r, { kind: 'noise', channel: 0, durationMs: 100 });
    // 400 × injected + started, then 400 × expired
    vi.advanceTimersByTime(100);
    expect(r.journal).toHaveLength(1200);
    const recent = r.m.recentJournal(5000);
    expect(recent).toHaveLength(FAULT_JOURNAL_CAPACITY);
    expect(recent).toEqual(r.journal.slice(-FAULT_JOURNAL_CAPACITY));
    expect(r.m.recentJournal(3)).toEqual(r.journal.slice(-3));
    expect(r.m.recentJournal(0)).toEqual([]);
  });

  it('close cancels timers without journal or callbacks; later calls do not throw', () => {
    const r = rig();
    injected(r, { kind: 'drop', percent: 5 });
    injected(r, { kind: 'stall', delayMs: 100 });
    const count = r.journal.length;
    const applies = r.applied.length;
    r.m.close();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100_000);
    expect(r.journal).toHaveLength(count);
    expect(r.applied).toHaveLength(applies);
    expect(() => {
      r.m.clear('closing');
      r.m.stop({ all: true });
      r.m.close();
    }).not.toThrow();
    expect(r.m.inject(req({ kind: 'stall' }), live).ok).toBe(false);
  });

  it('survives throwing callbacks and reports them', () => {
    const errors: unknown[] = [];
    const r = rig({
      onApply: () => {
        throw new Error('boom');
      },
      onCallbackError: (err) => errors.push(err),
    });
    const f = injected(r, { kind: 'stall', durationMs: 100 });
    expect(r.m.running()).toHaveLength(1);
    expect(() => vi.advanceTimersByTime(100)).not.toThrow();
    expect(r.m.list()).toEqual([]);
    expect(r.actions()).toEqual([`${f.id}:injected`, `${f.id}:started`, `${f.id}:expired`]);
    expect(errors).toHaveLength(2);
  });

  it('a callback that stops the fault re-entrantly leaves a consistent state', () => {
    const ref: { m?: FaultManager } = {};
    const r = rig({
      onApply: (running) => {
        for (const a of running) ref.m?.stop({ faultId: a.id });
      },
    });
    ref.m = r.m;
    const f = injected(r, { kind: 'drop', percent: 5, durationMs: 1000 });
    expect(r.m.list()).toEqual([]);
    expect(r.actions()).toEqual([`${f.id}:injected`, `${f.id}:started`, `${f.id}:stopped`]);
    vi.advanceTimersByTime(5000);
    expect(r.actions()).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
