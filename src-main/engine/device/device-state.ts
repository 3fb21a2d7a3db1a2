// The device state machine as a pure function: Idle → Measuring → SafeState,
// plus the link's connect/disconnect. Illegal commands get a reason, not an exception.
import type { DeviceCommand, DeviceStatus } from '@shared/domain/device.js';

export type Transition = { ok: true; status: DeviceStatus; changed: boolean } | { ok: false; message: string };

export function applyCommand(current: DeviceStatus, command: DeviceCommand, now: number): Transition {
  const next = (patch: Partial<DeviceStatus>): Transition => {
    const status = { ...current, ...patch };
    const changed = status.link !== current.link || status.state !== current.state || status.reason !== current.reason;
    return { ok: true, status: changed ? { ...status, since: now } : current, changed };
  };
  switch (command) {
    case 'connect':
      // Like disconnect, connecting keeps the reason SafeState was entered.
      return next({ link: 'connected', reason: current.link === 'connected' || current.state === 'safe' ? current.reason : 'Connected' });
    case 'disconnect':
      return next({ link: 'disconnected', state: current.state === 'safe' ? 'safe' : 'idle', reason: current.state === 'safe' ? current.reason : 'Disconnected by operator' });
    case 'start':
      if (current.state === 'safe') return { ok: false, message: `Cannot start: the device is in SafeState (${current.reason}). Reset it first.` };
      // Starting a disconnected simulator connects it: one click to data.
      return next({ link: 'connected', state: 'measuring', reason: current.state === 'measuring' ? current.reason : 'Measuring' });
    case 'stop':
      if (current.state !== 'measuring') return next({});
      return next({ state: 'idle', reason: 'Stopped by operator' });
    case 'reset':
      return next({ state: 'idle', reason: 'Reset by operator' });
    case 'safe':
      return next({ state: 'safe', reason: current.state === 'safe' ? current.reason : 'SafeState entered by operator' });
  }
}
