// Operator fault injection: what can be injected, with which parameters, and
// the journal of what was done. Link faults wrap any link (simulated, serial,
// TCP, UDP); device faults change what the simulated instrument itself does.
import { z } from 'zod';
import type { DeviceSource, LinkState } from './device.js';

const percent = z.number().finite().min(0, 'must be ≥ 0 %').max(100, 'must be ≤ 100 %');
const channel = z.number().int().min(0).max(31);

/** Common timing: start after `delayMs`, run for `durationMs` (null: until stopped). */
const timing = {
  delayMs: z.number().int().min(0).max(3_600_000).default(0),
  durationMs: z.number().int().min(100).max(86_400_000).nullable().default(10_000),
};

export const LINK_FAULT_KINDS = ['drop', 'corrupt', 'latency', 'stall', 'disconnect', 'flood', 'truncate'] as const;
export const DEVICE_FAULT_KINDS = ['stuck', 'spike', 'drift', 'noise', 'out-of-range', 'error-replies', 'reboot'] as const;
export type LinkFaultKind = (typeof LINK_FAULT_KINDS)[number];
export type DeviceFaultKind = (typeof DEVICE_FAULT_KINDS)[number];
export type FaultKind = LinkFaultKind | DeviceFaultKind;
export const FAULT_KINDS: readonly FaultKind[] = [...LINK_FAULT_KINDS, ...DEVICE_FAULT_KINDS];

export const FaultRequestSchema = z.discriminatedUnion('kind', [
  /** Drop `percent` of the bytes, or of whole frames. */
  z.object({ kind: z.literal('drop'), percent, unit: z.enum(['frames', 'bytes']).default('frames'), ...timing }).strict(),
  /** Flip one bit in `percent` of the frames (checksum / syntax failures downstream). */
  z.object({ kind: z.literal('corrupt'), percent, ...timing }).strict(),
  /** Hold every chunk `latencyMs` ± up to `jitterMs` (order kept). */
  z
    .object({
      kind: z.literal('latency'),
      latencyMs: z.number().int().min(0).max(10_000).default(100),
      jitterMs: z.number().int().min(0).max(10_000).default(0),
      ...timing,
    })
    .strict(),
  /** No data at all while active. */
  z.object({ kind: z.literal('stall'), ...timing }).strict(),
  /** The link drops now and cannot be reopened while active. */
  z.object({ kind: z.literal('disconnect'), ...timing, durationMs: timing.durationMs.default(2000) }).strict(),
  /** Every chunk is delivered `factor` times (replayed frames). */
  z.object({ kind: z.literal('flood'), factor: z.number().int().min(2).max(100).default(5), ...timing }).strict(),
  /** Cut `percent` of the frames short (the frame end is kept). */
  z.object({ kind: z.literal('truncate'), percent, ...timing }).strict(),
  /** The channel repeats its value from the moment the fault starts. */
  z.object({ kind: z.literal('stuck'), channel, ...timing }).strict(),
  /** Adds `magnitude` to the channel once every `intervalMs`. */
  z
    .object({
      kind: z.literal('spike'),
      channel,
      magnitude: z.number().finite().min(-1e9).max(1e9).default(100),
      intervalMs: z.number().int().min(10).max(3_600_000).default(1000),
      ...timing,
    })
    .strict(),
  /** Adds `perSec` × seconds since the start to the channel. */
  z.object({ kind: z.literal('drift'), channel, perSec: z.number().finite().min(-1e6).max(1e6).default(1), ...timing }).strict(),
  /** Adds uniform noise of ± `amplitude` to the channel. */
  z.object({ kind: z.literal('noise'), channel, amplitude: z.number().finite().min(0).max(1e6).default(1), ...timing }).strict(),
  /** The channel reads `value` (e.g. far outside its range). */
  z.object({ kind: z.literal('out-of-range'), channel, value: z.number().finite().min(-1e12).max(1e12).default(1e6), ...timing }).strict(),
  /** `percent` of the commands sent to the device are answered with an error. */
  z.object({ kind: z.literal('error-replies'), percent, ...timing }).strict(),
  /** The device goes silent for `silentMs`, then starts over at sequence 0. */
  z.object({ kind: z.literal('reboot'), silentMs: z.number().int().min(0).max(600_000).default(2000), ...timing, durationMs: z.null().default(null) }).strict(),
]);
export type FaultRequest = z.infer<typeof FaultRequestSchema>;
export type FaultRequestInput = z.input<typeof FaultRequestSchema>;

export const StopFaultSchema = z.union([z.object({ faultId: z.string().min(1).max(64) }).strict(), z.object({ all: z.literal(true) }).strict()]);
export type StopFaultInput = z.infer<typeof StopFaultSchema>;

export function faultScope(kind: FaultKind): 'link' | 'device' {
  return (LINK_FAULT_KINDS as readonly string[]).includes(kind) ? 'link' : 'device';
}

export interface ActiveFault {
  id: string;
  kind: FaultKind;
  scope: 'link' | 'device';
  request: FaultRequest;
  /** Epoch ms: when injected, when it takes effect, when it ends (null: until stopped). */
  createdAt: number;
  startsAt: number;
  endsAt: number | null;
  state: 'scheduled' | 'active';
  /** What it has done so far (frames dropped, corrupted…). */
  affected: number;
}

export type FaultJournalAction = 'injected' | 'started' | 'stopped' | 'expired' | 'refused' | 'cleared';

export interface FaultJournalEntry {
  t: number;
  faultId: string;
  kind: FaultKind;
  /** The fault's parameters (kind-specific fields, delay and duration). */
  params: Record<string, string | number | null>;
  action: FaultJournalAction;
  /** Who did it (`engine` for expiry and clean-up). */
  operator: string;
  message: string;
}

export type FaultApplicability = { ok: true } | { ok: false; reason: string };

/** A link that is up or being re-established (reconnect, breaker probe) takes faults; a disconnected one does not. */
export function linkTakesFaults(link: LinkState): boolean {
  return link !== 'disconnected';
}

/** Whether a fault can be injected now; the fault panel disables the kind with `reason`. */
export function faultApplies(kind: FaultKind, source: DeviceSource, connected: boolean): FaultApplicability {
  if (!connected) return { ok: false, reason: 'Connect the device first: faults are injected into a live link' };
  if (kind === 'disconnect' && source === 'udp') {
    return { ok: false, reason: 'UDP has no connection to drop: use Stall to silence the link' };
  }
  if (faultScope(kind) === 'device' && source !== 'simulated') {
    return { ok: false, reason: `Device faults change what the simulated instrument does; the ${source} device is real. Link faults apply to it.` };
  }
  return { ok: true };
}

/** The kind-specific parameters of a request, for the journal and the active list. */
export function faultParams(request: FaultRequest): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(request)) {
    if (k === 'kind') continue;
    if (typeof v === 'number' || typeof v === 'string' || v === null) out[k] = v;
  }
  return out;
}

export const FAULT_LABELS: Record<FaultKind, string> = {
  drop: 'Drop bytes/frames',
  corrupt: 'Corrupt frames',
  latency: 'Latency / jitter',
  stall: 'Stall',
  disconnect: 'Disconnect now',
  flood: 'Flood (replay)',
  truncate: 'Truncate frames',
  stuck: 'Stuck channel',
  spike: 'Spike',
  drift: 'Drift',
  noise: 'Extra noise',
  'out-of-range': 'Out-of-range value',
  'error-replies': 'Error replies to commands',
  reboot: 'Reboot',
};
