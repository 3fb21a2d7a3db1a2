import { describe, expect, it } from 'vitest';
import type { DeviceCommand, DeviceState, DeviceStatus, LinkState } from '@shared/domain/device.js';
import { applyCommand } from '../../../src-main/engine/device/device-state.js';

const T0 = 1_000;
const NOW = 5_000;

function status(link: LinkState, state: DeviceState, reason: string): DeviceStatus {
  return { source: 'simulated', link, state, reason, since: T0, throttled: true };
}

type Start = [name: string, status: DeviceStatus];
const STARTS: Start[] = [
  ['disconnected/idle', status('disconnected', 'idle', 'Initial')],
  ['disconnected/safe', status('disconnected', 'safe', 'Overtemperature')],
  ['connected/idle', status('connected', 'idle', 'Stopped by operator')],
  ['connected/measuring', status('connected', 'measuring', 'Measuring')],
  ['connected/safe', status('connected', 'safe', 'Overtemperature')],
];

type Expect = { link: LinkState; state: DeviceState; reason: string } | 'same' | 'refused';

// Expected outcome of every command from every state.
const TABLE: Record<string, Record<DeviceCommand, Expect>> = {
  'disconnected/idle': {
    connect: { link: 'connected', state: 'idle', reason: 'Connected' },
    disconnect: { link: 'disconnected', state: 'idle', reason: 'Disconnected by operator' },
    start: { link: 'connected', state: 'measuring', reason: 'Measuring' },
    stop: 'same',
    reset: { link: 'disconnected', state: 'idle', reason: 'Reset by operator' },
    safe: { link: 'disconnected', state: 'safe', reason: 'SafeState entered by operator' },
  },
  'disconnected/safe': {
    // Connecting does not hide why the device is in SafeState.
    connect: { link: 'connected', state: 'safe', reason: 'Overtemperature' },
    disconnect: 'same',
    start: 'refused',
    stop: 'same',
    reset: { link: 'disconnected', state: 'idle', reason: 'Reset by operator' },
    safe: 'same',
  },
  'connected/idle': {
    connect: 'same',
    disconnect: { link: 'disconnected', state: 'idle', reason: 'Disconnected by operator' },
    start: { link: 'connected', state: 'measuring', reason: 'Measuring' },
    stop: 'same',
    reset: { link: 'connected', state: 'idle', reason: 'Reset by operator' },
    safe: { link: 'connected', state: 'safe', reason: 'SafeState entered by operator' },
  },
  'connected/measuring': {
    connect: 'same',
    disconnect: { link: 'disconnected', state: 'idle', reason: 'Disconnected by operator' },
    start: 'same',
    stop: { link: 'connected', state: 'idle', reason: 'Stopped by operator' },
    reset: { link: 'connected', state: 'idle', reason: 'Reset by operator' },
    safe: { link: 'connected', state: 'safe', reason: 'SafeState entered by operator' },
  },
  'connected/safe': {
    connect: 'same',
    disconnect: { link: 'disconnected', state: 'safe', reason: 'Overtemperature' },
    start: 'refused',
    stop: 'same',
    reset: { link: 'connected', state: 'idle', reason: 'Reset by operator' },
    safe: 'same',
  },
};

const COMMANDS: DeviceCommand[] = ['connect', 'disconnect', 'start', 'stop', 'reset', 'safe'];
const CASES = STARTS.flatMap(([name, from]) => COMMANDS.map((cmd) => [name, cmd, from, TABLE[name]?.[cmd] as Expect] as const));

describe('applyCommand', () => {
  it('the table covers every command from every state', () => {
    expect(CASES).toHaveLength(STARTS.length * COMMANDS.length);
    for (const c of CASES) expect(c[3]).toBeDefined();
  });

  it.each(CASES)('%s + %s', (_name, cmd, from, want) => {
    const before = structuredClone(from);
    const tr = applyCommand(from, cmd, NOW);
    expect(from).toEqual(before); // pure: the input is not mutated
    if (want === 'refused') {
      expect(tr.ok).toBe(false);
      if (tr.ok) return;
      expect(tr.message).toContain('SafeState');
      expect(tr.message).toContain('Reset');
      expect(tr.message).toContain(from.reason);
      return;
    }
    expect(tr.ok).toBe(true);
    if (!tr.ok) return;
    if (want === 'same') {
      expect(tr.changed).toBe(false);
      expect(tr.status).toEqual(from);
      expect(tr.status.since).toBe(T0);
      return;
    }
    expect(tr.changed).toBe(true);
    expect(tr.status).toEqual({ ...want, source: 'simulated', since: NOW, throttled: true });
  });

  it('start from SafeState explains how to get out of it', () => {
    const tr = applyCommand(status('connected', 'safe', 'Overtemperature'), 'start', NOW);
    expect(tr).toEqual({ ok: false, message: 'Cannot start: the device is in SafeState (Overtemperature). Reset it first.' });
  });

  it('reset then start leaves SafeState and measures', () => {
    let s = status('connected', 'safe', 'Overtemperature');
    const r = applyCommand(s, 'reset', NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    s = r.status;
    const st = applyCommand(s, 'start', NOW + 1);
    expect(st).toMatchObject({ ok: true, changed: true, status: { state: 'measuring', link: 'connected', reason: 'Measuring', since: NOW + 1 } });
  });

  it('since changes only on a real change, including reason-only changes', () => {
    const idle = status('connected', 'idle', 'Reset by operator');
    const same = applyCommand(idle, 'reset', NOW);
    expect(same).toMatchObject({ ok: true, changed: false });
    if (same.ok) expect(same.status).toBe(idle);
    const reasonOnly = applyCommand(status('connected', 'idle', 'Stopped by operator'), 'reset', NOW);
    expect(reasonOnly).toMatchObject({ ok: true, changed: true, status: { state: 'idle', reason: 'Reset by operator', since: NOW } });
  });

  it('a sequence of commands walks the state machine', () => {
    let s = status('disconnected', 'idle', 'Initial');
    const seen: string[] = [];
    for (const cmd of ['connect', 'start', 'safe', 'stop', 'disconnect', 'connect', 'reset', 'start', 'stop'] as DeviceCommand[]) {
      const tr = applyCommand(s, cmd, NOW);
      if (!tr.ok) throw new Error(tr.message);
      s = tr.status;
      seen.push(`${s.link}/${s.state}`);
    }
    expect(seen).toEqual([
      'connected/idle',
      'connected/measuring',
      'connected/safe',
      'connected/safe',
      'disconnected/safe',
      'connected/safe',
      'connected/idle',
      'connected/measuring',
      'connected/idle',
    ]);
  });
});
