// Where a device's bytes come from: the built-in simulator, a serial port, a TCP
// server, UDP datagrams, a replayed recording or CSV file, an MQTT broker or a Modbus
// device. One discriminated schema so each kind keeps only its own settings.
import { z } from 'zod';
import { ReplayLinkSchema } from './link-replay.js';
import { ModbusLinkSchema } from './link-modbus.js';
import { MqttLinkSchema } from './link-mqtt.js';
import { PortNumberSchema } from './port-number.js';
import { SerialLinkSchema, type PortMatch, type SerialLinkSettings } from './link-serial.js';

export const LINK_KINDS = ['simulated', 'serial', 'tcp', 'udp', 'replay', 'mqtt', 'modbus'] as const;
export const LinkKindSchema = z.enum(LINK_KINDS);
export type LinkKind = z.infer<typeof LinkKindSchema>;

export {
  DATA_BITS,
  FLOW_CONTROLS,
  MAX_BAUD_RATE,
  PARITIES,
  PortMatchSchema,
  SerialLinkSchema,
  SerialPortSettingsSchema,
  STANDARD_BAUD_RATES,
  STOP_BITS,
  type PortMatch,
  type SerialLinkSettings,
  type SerialPortSettings,
} from './link-serial.js';

export const SimulatedLinkSchema = z.object({ kind: z.literal('simulated') });

export const TcpLinkSchema = z.object({
  kind: z.literal('tcp'),
  host: z.string().trim().min(1, 'enter a host name or address').max(253),
  port: PortNumberSchema,
});
export type TcpLinkSettings = z.infer<typeof TcpLinkSchema>;

export const UdpLinkSchema = z.object({
  kind: z.literal('udp'),
  bindAddress: z.string().trim().min(1, 'enter an address to listen on (0.0.0.0 for all)').max(253).default('0.0.0.0'),
  port: PortNumberSchema,
});
export type UdpLinkSettings = z.infer<typeof UdpLinkSchema>;

export const LinkSettingsSchema = z.discriminatedUnion('kind', [
  SimulatedLinkSchema,
  SerialLinkSchema,
  TcpLinkSchema,
  UdpLinkSchema,
  ReplayLinkSchema,
  MqttLinkSchema,
  ModbusLinkSchema,
]);
export type LinkSettings = z.infer<typeof LinkSettingsSchema>;
export type LinkSettingsInput = z.input<typeof LinkSettingsSchema>;

/** A serial port as discovery sees it. */
export interface PortInfo {
  path: string;
  manufacturer?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
}

/** "2341:0043" or "" when the port is not USB. */
export function vidPid(p: Pick<PortInfo, 'vendorId' | 'productId'>): string {
  return p.vendorId && p.productId ? `${p.vendorId.toLowerCase()}:${p.productId.toLowerCase()}` : '';
}

/** The match to remember for a port: its USB identity, when it has one. */
export function matchFor(port: PortInfo): PortMatch | undefined {
  const m: PortMatch = {};
  if (port.serialNumber) m.serialNumber = port.serialNumber;
  if (port.vendorId) m.vendorId = port.vendorId;
  if (port.productId) m.productId = port.productId;
  return Object.keys(m).length > 0 ? m : undefined;
}

export type PortChoice = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Which port a (re)connect may open, so it is never a different device:
 * - a remembered USB serial number must be found again (the path may have changed);
 * - else a remembered VID:PID must be at the configured path;
 * - else (no USB identity, e.g. a pty or an on-board UART) only the configured path.
 */
export function choosePort(settings: Pick<SerialLinkSettings, 'path' | 'match'>, ports: readonly PortInfo[]): PortChoice {
  const m = settings.match;
  if (m?.serialNumber) {
    const found = ports.filter((p) => p.serialNumber === m.serialNumber && (!m.vendorId || vidPid(p) === vidPid(m)));
    if (found.length === 0) return { ok: false, reason: `no port with USB serial number ${m.serialNumber} is present` };
    const same = found.find((p) => p.path === settings.path);
    return { ok: true, path: (same ?? found[0]!).path };
  }
  const atPath = ports.find((p) => p.path === settings.path);
  if (m?.vendorId && m.productId) {
    if (!atPath) return { ok: false, reason: `${settings.path} is not present` };
    if (vidPid(atPath) !== vidPid(m)) return { ok: false, reason: `${settings.path} is now a different device (${vidPid(atPath) || 'no USB id'}, expected ${vidPid(m)})` };
  }
  return { ok: true, path: settings.path };
}

export const TEXT_ENCODINGS = ['text', 'hex'] as const;
export const LINE_ENDINGS = ['none', 'lf', 'cr', 'crlf'] as const;
export const MAX_SEND_BYTES = 4096;

/** Hex text without separators (spaces, commas) and 0x prefixes. */
function hexDigits(text: string): string {
  return text.replace(/0x/gi, '').replace(/[\s,]/g, '');
}

export const SendToDeviceSchema = z
  .object({
    data: z.string().max(MAX_SEND_BYTES * 3, `at most ${MAX_SEND_BYTES} bytes`),
    encoding: z.enum(TEXT_ENCODINGS).default('text'),
    lineEnding: z.enum(LINE_ENDINGS).default('none'),
  })
  .superRefine((v, ctx) => {
    const digits = hexDigits(v.data);
    if (v.encoding === 'hex' && (!/^[0-9a-fA-F]*$/.test(digits) || digits.length % 2 !== 0)) {
      ctx.addIssue({ code: 'custom', path: ['data'], message: 'expected hex bytes like "01 a0 ff" (two hex digits per byte)' });
    }
  });
export type SendToDevice = z.infer<typeof SendToDeviceSchema>;
export type SendToDeviceInput = z.input<typeof SendToDeviceSchema>;

const LINE_ENDING_BYTES: Record<(typeof LINE_ENDINGS)[number], number[]> = { none: [], lf: [10], cr: [13], crlf: [13, 10] };

/** The bytes a validated send request puts on the wire. */
export function encodeSend(req: SendToDevice): Uint8Array {
  const body =
    req.encoding === 'hex'
      ? (hexDigits(req.data).match(/../g) ?? []).map((h) => parseInt(h, 16))
      : Array.from(new TextEncoder().encode(req.data));
  return Uint8Array.from([...body, ...LINE_ENDING_BYTES[req.lineEnding]]);
}

/** Raw bytes seen on the link, for the console. */
export interface ConsoleEntry {
  dir: 'rx' | 'tx';
  /** Epoch ms of the first byte of the entry. */
  t: number;
  /** Bytes as base64 (JSON- and structured-clone-friendly, compact). */
  data: string;
}

/** One coalesced console message (≤ 30 a second). */
export interface ConsoleBatch {
  entries: ConsoleEntry[];
  /** Bytes not forwarded since the last batch because the console budget was exceeded. */
  skippedBytes: number;
}
