import { describe, expect, it } from 'vitest';
import { initialBreakerStatus, type BreakerState } from '@shared/domain/breaker.js';
import { breakerActionVerdict, commandVerdict } from '@shared/domain/device-commands.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { eventsSidecarName } from '@shared/domain/export-names.js';

const status = (patch: Partial<DeviceStatus> = {}): DeviceStatus => ({ source: 'simulated', link: 'connected', state: 'idle', reason: 'Connected', since: 0, throttled: false, ...patch });
const breaker = (state: BreakerState, reason = 'Isolated by operator') => ({ ...initialBreakerStatus(0), state, reason });

describe('device command availability (one rule for the buttons and the engine)', () => {
  it('connect and start wait while the breaker holds the link, with the reason the engine answers', () => {
    const safe = status({ state: 'safe', link: 'disconnected' });
    for (const st of ['open', 'half-open', 'isolated'] as const) {
      expect(commandVerdict('connect', safe, breaker(st))).toEqual({
        ok: false,
        by: 'breaker',
        reason: `Cannot connect: the circuit breaker is ${st} (Isolated by operator). Reset the breaker to resume now, or wait for its probe.`,
      });
      expect(commandVerdict('start', safe, breaker(st))).toMatchObject({ ok: false, by: 'breaker' });
      // Giving the link up stays possible.
      expect(commandVerdict('disconnect', status({ state: 'safe', link: 'reconnecting' }), breaker(st))).toEqual({ ok: true });
      expect(commandVerdict('reset', safe, breaker(st))).toEqual({ ok: true });
    }
    expect(commandVerdict('connect', status({ link: 'disconnected' }), breaker('closed'))).toEqual({ ok: true });
  });

  it('follows the state machine when the breaker is closed', () => {
    expect(commandVerdict('start', status(), null)).toEqual({ ok: true });
    expect(commandVerdict('stop', status(), null)).toEqual({ ok: false, by: 'state', reason: 'Not measuring' });
    expect(commandVerdict('start', status({ state: 'safe', reason: 'x' }), null)).toEqual({ ok: false, by: 'state', reason: 'Cannot start: the device is in SafeState (x). Reset it first.' });
    expect(commandVerdict('start', null, null)).toMatchObject({ ok: false });
  });

  it('Isolate needs something to isolate; Reset needs a breaker that is not closed', () => {
    expect(breakerActionVerdict('isolate', status({ link: 'disconnected' }), breaker('closed'))).toEqual({ ok: false, by: 'state', reason: 'Nothing to isolate: the device is disconnected' });
    expect(breakerActionVerdict('isolate', status(), breaker('closed'))).toEqual({ ok: true });
    // Open with the link closed for SafeState: isolating it is still possible.
    expect(breakerActionVerdict('isolate', status({ link: 'disconnected', state: 'safe' }), breaker('open'))).toEqual({ ok: true });
    expect(breakerActionVerdict('isolate', status(), breaker('isolated'))).toMatchObject({ ok: false, reason: 'The circuit breaker is already isolated' });
    expect(breakerActionVerdict('reset', status(), breaker('closed'))).toEqual({ ok: false, by: 'breaker', reason: 'The circuit breaker is already closed' });
    expect(breakerActionVerdict('reset', status(), breaker('half-open'))).toEqual({ ok: true });
  });
});

describe('export file names', () => {
  it('puts the events sidecar next to the data file, whatever the case of .csv', () => {
    expect(eventsSidecarName('run-1.csv')).toBe('run-1.events.csv');
    expect(eventsSidecarName('/home/op/Run.CSV')).toBe('/home/op/Run.events.csv');
    expect(eventsSidecarName('noext')).toBe('noext.events.csv');
  });
});
