// What the fault panel shows: whether a kind can be injected now, the parameters
// as one line, and how long a fault has left.
import { faultApplies, linkTakesFaults, type ActiveFault, type FaultApplicability, type FaultKind } from '@shared/domain/faults.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { fmtDuration } from '../../ui/format/duration';

/** faultApplies for the current device; before the first status nothing applies. */
export function faultAvailability(kind: FaultKind, device: DeviceStatus | null): FaultApplicability {
  if (!device) return { ok: false, reason: 'Waiting for the device…' };
  return faultApplies(kind, device.source, linkTakesFaults(device.link));
}

const UNITS: Record<string, string> = { percent: ' %', latencyMs: ' ms', jitterMs: ' ms', intervalMs: ' ms', silentMs: ' ms', factor: '×' };

/** "percent 20 %, unit frames"; with `timing`, also the delay and duration. */
export function fmtFaultParams(params: Readonly<Record<string, string | number | null>>, timing = false): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (k === 'delayMs' || k === 'durationMs') continue;
    parts.push(`${k} ${v ?? '—'}${typeof v === 'number' ? (UNITS[k] ?? '') : ''}`);
  }
  if (timing) {
    const delay = params.delayMs;
    if (typeof delay === 'number' && delay > 0) parts.push(`delay ${fmtDuration(delay)}`);
    if ('durationMs' in params) parts.push(params.durationMs === null ? 'until stopped' : `for ${fmtDuration(Number(params.durationMs))}`);
  }
  return parts.join(', ');
}

/** "starts in 2.0 s", "4.5 s left", "until stopped". */
export function fmtRemaining(fault: Pick<ActiveFault, 'state' | 'startsAt' | 'endsAt'>, now: number): string {
  if (fault.state === 'scheduled') return `starts in ${fmtDuration(fault.startsAt - now)}`;
  if (fault.endsAt === null) return 'until stopped';
  return `${fmtDuration(fault.endsAt - now)} left`;
}
