// The link for a device's settings: none for the simulator (the engine owns it), else
// serial, TCP, UDP, a replay, an MQTT subscription or a Modbus poller.
import type { IBackoffFactory } from 'cockatiel';
import type { DeviceSettings } from '@shared/domain/device.js';
import type { LinkSettings } from '@shared/domain/link.js';
import type { WritableLink } from './device-link.js';
import { createSerialLink, type PortLister } from './serial-link.js';
import { createTcpLink } from './tcp-link.js';
import { UdpLink } from './udp-link.js';
import type { ReplayStatus } from '@shared/domain/replay.js';
import { ReplayLink } from './replay/replay-link.js';
import { ModbusLink } from './modbus/modbus-link.js';
import { MqttLink } from './mqtt/mqtt-link.js';
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { DEFAULT_FRAME_FORMAT } from '@shared/domain/frame-layout.js';
import type { SessionFrames } from './replay/session-reader.js';

export interface CreateLinkOptions {
  listPorts?: PortLister | undefined;
  backoff?: IBackoffFactory<unknown> | undefined;
  /** Throws while a "disconnect" fault keeps the endpoint unreachable. */
  gate?: (() => void) | undefined;
  /** Recorded sessions a replay reads (through the recorder). */
  sessions?: SessionFrames | undefined;
  /** A replay's position and state, and its jumps (seek, loop) after which the chart starts over. */
  onReplayStatus?: ((status: ReplayStatus) => void) | undefined;
  onReplayJump?: (() => void) | undefined;
  /** A replay sends only once told the device measures (player.setMeasuring). */
  replayHeld?: boolean | undefined;
  /** The frame format in use now (MQTT frames each message for it). */
  format?: (() => FrameFormat) | undefined;
  /** Every complete Modbus poll cycle's duration (ms). */
  onModbusPoll?: ((ms: number) => void) | undefined;
}

export function createLink(settings: LinkSettings, opts: CreateLinkOptions = {}): WritableLink | undefined {
  const backoff = { ...(opts.backoff ? { backoff: opts.backoff } : {}), ...(opts.gate ? { gate: opts.gate } : {}) };
  switch (settings.kind) {
    case 'simulated':
      return undefined;
    case 'serial':
      return createSerialLink(settings, { ...(opts.listPorts ? { listPorts: opts.listPorts } : {}), ...backoff });
    case 'tcp':
      return createTcpLink(settings, backoff);
    case 'udp':
      return new UdpLink(settings);
    case 'replay':
      return new ReplayLink(settings, { ...backoff, sessions: opts.sessions, onStatus: opts.onReplayStatus, onJump: opts.onReplayJump, held: opts.replayHeld });
    case 'modbus':
      return new ModbusLink(settings, { ...backoff, onPoll: opts.onModbusPoll });
    case 'mqtt':
      return new MqttLink(settings, { ...backoff, format: opts.format ?? (() => DEFAULT_FRAME_FORMAT) });
  }
}

/** Changes to these settings need a new link. */
export function linkKey(device: Pick<DeviceSettings, 'source' | 'link'>): string {
  return JSON.stringify([device.source, device.link]);
}
