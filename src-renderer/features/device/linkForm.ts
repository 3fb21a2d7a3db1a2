// Form values of the link settings: every kind keeps its own values, so switching
// Serial → TCP → Serial does not lose what was typed.
import type { LinkKind, LinkSettings, LinkSettingsInput, PortInfo, PortMatch } from '@shared/domain/link.js';
import { matchFor } from '@shared/domain/link.js';
import { parseNumber as num } from '../../ui/forms/parseNumber';

export interface SerialValues {
  path: string;
  /** A standard rate or any typed value (validated by the schema). */
  baudRate: string;
  dataBits: string;
  parity: string;
  stopBits: string;
  flowControl: string;
  dtrOnOpen: boolean;
  rtsOnOpen: boolean;
  /** USB identity of the picked port, remembered so a reconnect finds the same device. */
  match?: PortMatch;
}

export interface LinkValues {
  serial: SerialValues;
  tcp: { host: string; port: string };
  udp: { bindAddress: string; port: string };
  /** Sources whose settings come from their own dialogs (replay, MQTT, Modbus): kept as configured. */
  other: Partial<Record<OtherKind, LinkSettingsInput>>;
}

type OtherKind = 'replay' | 'mqtt' | 'modbus';

export const DEFAULT_LINK_VALUES: LinkValues = {
  serial: { path: '', baudRate: '115200', dataBits: '8', parity: 'none', stopBits: '1', flowControl: 'none', dtrOnOpen: true, rtsOnOpen: true },
  tcp: { host: '127.0.0.1', port: '' },
  udp: { bindAddress: '0.0.0.0', port: '' },
  other: {},
};

export function linkValuesFromSettings(link: LinkSettings): LinkValues {
  const d: LinkValues = { serial: { ...DEFAULT_LINK_VALUES.serial }, tcp: { ...DEFAULT_LINK_VALUES.tcp }, udp: { ...DEFAULT_LINK_VALUES.udp }, other: {} };
  switch (link.kind) {
    case 'serial':
      d.serial = {
        path: link.path,
        baudRate: String(link.baudRate),
        dataBits: String(link.dataBits),
        parity: link.parity,
        stopBits: String(link.stopBits),
        flowControl: link.flowControl,
        dtrOnOpen: link.dtrOnOpen,
        rtsOnOpen: link.rtsOnOpen,
        ...(link.match ? { match: link.match } : {}),
      };
      break;
    case 'tcp':
      d.tcp = { host: link.host, port: String(link.port) };
      break;
    case 'udp':
      d.udp = { bindAddress: link.bindAddress, port: String(link.port) };
      break;
    case 'replay':
    case 'mqtt':
    case 'modbus':
      d.other[link.kind] = link;
      break;
    case 'simulated':
      break;
  }
  return d;
}

/** The request's `link` for the chosen source; the schema reports bad values by field. */
export function linkInput(kind: LinkKind, d: LinkValues): LinkSettingsInput {
  switch (kind) {
    case 'simulated':
      return { kind };
    case 'serial': {
      const s = d.serial;
      return {
        kind,
        path: s.path,
        baudRate: num(s.baudRate),
        dataBits: num(s.dataBits) as 8,
        parity: s.parity as 'none',
        stopBits: num(s.stopBits) as 1,
        flowControl: s.flowControl as 'none',
        dtrOnOpen: s.dtrOnOpen,
        rtsOnOpen: s.rtsOnOpen,
        ...(s.match ? { match: s.match } : {}),
      };
    }
    case 'tcp':
      return { kind, host: d.tcp.host, port: num(d.tcp.port) };
    case 'udp':
      return { kind, bindAddress: d.udp.bindAddress, port: num(d.udp.port) };
    case 'replay':
    case 'mqtt':
    case 'modbus':
      // Not configured yet: the schema names what is missing.
      return d.other[kind] ?? ({ kind } as LinkSettingsInput);
  }
}

/** Picking a port from the list remembers its USB identity; typing a path forgets it. */
export function withSerialPath(d: SerialValues, path: string, ports: readonly PortInfo[]): SerialValues {
  const port = ports.find((p) => p.path === path);
  const match = port ? matchFor(port) : undefined;
  const { match: _old, ...rest } = d;
  return match ? { ...rest, path, match } : { ...rest, path };
}
