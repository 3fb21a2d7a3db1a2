import { z } from 'zod';
import { FrameFormatSchema } from './frame-format.js';
import { DEFAULT_FRAME_FORMAT } from './frame-layout.js';
import { LINK_KINDS, LinkSettingsSchema } from './link.js';

export const MAX_CHANNELS = 32;
export const MIN_RATE_HZ = 1;
export const MAX_RATE_HZ = 100_000;

export const SignalShapeSchema = z.enum(['sine', 'ramp', 'square', 'noise', 'random-walk']);
export type SignalShape = z.infer<typeof SignalShapeSchema>;
export const SIGNAL_SHAPES = SignalShapeSchema.options;

export const ChannelSignalSchema = z.object({
  shape: SignalShapeSchema,
  amplitude: z.number().finite().min(0).max(1e6).default(1),
  offset: z.number().finite().min(-1e6).max(1e6).default(0),
  periodSec: z.number().finite().min(0.001).max(3600).default(2),
});
export type ChannelSignal = z.infer<typeof ChannelSignalSchema>;

/** Where frames come from: the kind of `link` (its settings live there). */
export const DeviceSourceSchema = z.enum(LINK_KINDS);
export type DeviceSource = z.infer<typeof DeviceSourceSchema>;

export const DeviceSettingsSchema = z
  .object({
    source: DeviceSourceSchema.default('simulated'),
    /** Per-kind link settings; `kind` must equal `source`. */
    link: LinkSettingsSchema.default({ kind: 'simulated' }),
    channels: z.number().int().min(1).max(MAX_CHANNELS).default(8),
    rateHz: z.number().finite().min(MIN_RATE_HZ).max(MAX_RATE_HZ).default(1000),
    /** Per-channel signal; channels beyond the list get a default shape by index. */
    signals: z.array(ChannelSignalSchema).max(MAX_CHANNELS).default([]),
    /** Start measuring as soon as the app starts, so an operator sees data with no hardware. */
    autoStart: z.boolean().default(true),
    /** How the link's bytes are framed and decoded; the default is what the simulator emits. */
    format: FrameFormatSchema.default(DEFAULT_FRAME_FORMAT),
  })
  .superRefine((d, ctx) => {
    if (d.link.kind !== d.source) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: `source ${d.source} needs ${d.source} link settings (link.kind is ${d.link.kind})` });
    }
  });
export type DeviceSettings = z.infer<typeof DeviceSettingsSchema>;
export type DeviceSettingsInput = z.input<typeof DeviceSettingsSchema>;

/** Device state machine: Idle → Measuring → SafeState. */
export const DeviceStateSchema = z.enum(['idle', 'measuring', 'safe']);
export type DeviceState = z.infer<typeof DeviceStateSchema>;

/** `reconnecting`: the device vanished and the link is waiting to reopen the same device. */
export const LinkStateSchema = z.enum(['disconnected', 'connecting', 'connected', 'reconnecting']);
export type LinkState = z.infer<typeof LinkStateSchema>;

export const DeviceCommandSchema = z.enum(['connect', 'disconnect', 'start', 'stop', 'reset', 'safe']);
export type DeviceCommand = z.infer<typeof DeviceCommandSchema>;

export interface DeviceStatus {
  source: DeviceSource;
  link: LinkState;
  state: DeviceState;
  /** Why the device is in its state (e.g. why SafeState was entered). */
  reason: string;
  /** Epoch ms of the last state change. */
  since: number;
  /** Backpressure asked the link to slow down. */
  throttled: boolean;
  /** While reconnecting: attempts so far and when the next one starts. */
  reconnect?: { attempt: number; nextAt: number };
}

export interface ChannelInfo {
  index: number;
  name: string;
  unit: string;
}

export function defaultSignal(index: number): ChannelSignal {
  const shape = SIGNAL_SHAPES[index % SIGNAL_SHAPES.length] ?? 'sine';
  return { shape, amplitude: 1 + index * 0.5, offset: index * 3, periodSec: 1 + (index % 4) };
}

/** The signal each channel actually gets: the configured one, else a default by index. */
export function signalFor(settings: Pick<DeviceSettings, 'signals'>, index: number): ChannelSignal {
  return settings.signals[index] ?? defaultSignal(index);
}

export function channelInfos(settings: Pick<DeviceSettings, 'channels'>): ChannelInfo[] {
  return Array.from({ length: settings.channels }, (_, i) => ({ index: i, name: `ch${i + 1}`, unit: '' }));
}
