// The link for a device's settings: none for the simulator (the engine owns it), else serial, TCP or UDP.
import type { IBackoffFactory } from 'cockatiel';
import type { DeviceSettings } from '@shared/domain/device.js';
import type { LinkSettings } from '@shared/domain/link.js';
import type { WritableLink } from './device-link.js';
import { createSerialLink, type PortLister } from './serial-link.js';
import { createTcpLink } from './tcp-link.js';
import { UdpLink } from './udp-link.js';

export interface CreateLinkOptions {
  listPorts?: PortLister | undefined;
  backoff?: IBackoffFactory<unknown> | undefined;
  /** Throws while a "disconnect" fault keeps the endpoint unreachable. */
  gate?: (() => void) | undefined;
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
  }
}

/** Changes to these settings need a new link. */
export function linkKey(device: Pick<DeviceSettings, 'source' | 'link'>): string {
  return JSON.stringify([device.source, device.link]);
}
