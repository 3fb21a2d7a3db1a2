// Which device commands and breaker actions are available now: the renderer enables its buttons,
// menu items and shortcuts with these, and the engine refuses with the same reasons.
import type { BreakerStatus } from './breaker.js';
import type { DeviceCommand, DeviceStatus } from './device.js';

/** `by` says whose rule it is: the device state machine, or the breaker holding the link. */
export type Verdict = { ok: true } | { ok: false; by: 'state' | 'breaker'; reason: string };

export type BreakerView = Pick<BreakerStatus, 'state' | 'reason'>;

const yes: Verdict = { ok: true };
const no = (by: 'state' | 'breaker', reason: string): Verdict => ({ ok: false, by, reason });

/** Open, half-open or isolated: the breaker owns the link until it closes. */
export function breakerHolds(breaker: BreakerView | null | undefined): boolean {
  return breaker !== null && breaker !== undefined && breaker.state !== 'closed';
}

export function commandVerdict(command: DeviceCommand, status: DeviceStatus | null, breaker?: BreakerView | null): Verdict {
  if (!status) return no('state', 'The device status is not known yet');
  // Nothing reopens the link behind the breaker's back.
  if ((command === 'connect' || command === 'start') && breaker && breakerHolds(breaker)) {
    return no('breaker', `Cannot ${command}: the circuit breaker is ${breaker.state} (${breaker.reason}). Reset the breaker to resume now, or wait for its probe.`);
  }
  switch (command) {
    case 'connect':
      return status.link !== 'connected' ? yes : no('state', 'Already connected');
    case 'disconnect':
      return status.link !== 'disconnected' ? yes : no('state', 'Already disconnected');
    case 'start':
      // Start connects a disconnected simulator itself; only SafeState blocks it (Reset first).
      if (status.state === 'safe') return no('state', `Cannot start: the device is in SafeState (${status.reason}). Reset it first.`);
      return status.state === 'idle' ? yes : no('state', 'Already measuring');
    case 'stop':
      return status.state === 'measuring' ? yes : no('state', 'Not measuring');
    case 'reset':
      // The way out of SafeState; otherwise it restarts the series, valid in any state.
      return yes;
    case 'safe':
      return status.state !== 'safe' ? yes : no('state', 'Already in SafeState');
  }
}

/** Isolate holds the breaker open (SafeState); Reset closes it. */
export function breakerActionVerdict(action: 'isolate' | 'reset', status: DeviceStatus | null, breaker: BreakerView | null): Verdict {
  if (!breaker) return no('breaker', 'The circuit breaker status is not known yet');
  if (action === 'reset') return breaker.state !== 'closed' ? yes : no('breaker', 'The circuit breaker is already closed');
  if (breaker.state === 'isolated') return no('breaker', 'The circuit breaker is already isolated');
  if (status && status.link === 'disconnected' && !breakerHolds(breaker)) return no('state', 'Nothing to isolate: the device is disconnected');
  return yes;
}
