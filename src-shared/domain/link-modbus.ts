// A Modbus device polled as a source: TCP or RTU (over the serial port settings),
// a unit id, a poll period and a register map. Each mapped register is a channel.
import { z } from 'zod';
import { MAX_FORMAT_CHANNELS } from './frame-limits.js';
import { SerialPortSettingsSchema } from './link-serial.js';
import { PortNumberSchema } from './port-number.js';

/** holding/input: 16-bit registers (function 3/4); coil/discrete: single bits (function 1/2). */
export const MODBUS_AREAS = ['holding', 'input', 'coil', 'discrete'] as const;
export const ModbusAreaSchema = z.enum(MODBUS_AREAS);
export type ModbusArea = z.infer<typeof ModbusAreaSchema>;

export const MODBUS_TYPES = ['u16', 'i16', 'u32', 'i32', 'f32'] as const;
export const ModbusTypeSchema = z.enum(MODBUS_TYPES);
export type ModbusType = z.infer<typeof ModbusTypeSchema>;

/** Registers one read may span (the protocol's limit for function 3/4 is 125). */
export const MODBUS_MAX_READ_REGISTERS = 125;
export const MODBUS_MAX_READ_BITS = 2000;

export const ModbusRegisterSchema = z.object({
  name: z.string().trim().min(1, 'a register needs a channel name').max(64),
  area: ModbusAreaSchema.default('holding'),
  /** 0-based protocol address (register 40001 is holding address 0). */
  address: z.number().int('address must be a whole number').min(0).max(65535),
  /** Ignored for coils and discrete inputs (a bit is 0 or 1). */
  type: ModbusTypeSchema.default('u16'),
  /** 32-bit values: `big` sends the high word first (the usual order), `little` the low word. */
  wordOrder: z.enum(['big', 'little']).default('big'),
  /** value = raw * scale + offset */
  scale: z.number().finite().default(1),
  offset: z.number().finite().default(0),
  unit: z.string().max(16).default(''),
});
export type ModbusRegister = z.infer<typeof ModbusRegisterSchema>;
export type ModbusRegisterInput = z.input<typeof ModbusRegisterSchema>;

export const ModbusTcpSchema = z.object({
  mode: z.literal('tcp'),
  host: z.string().trim().min(1, 'enter a host name or address').max(253),
  port: PortNumberSchema.default(502),
});

export const ModbusRtuSchema = SerialPortSettingsSchema.extend({ mode: z.literal('rtu') });

export const ModbusLinkSchema = z
  .object({
    kind: z.literal('modbus'),
    transport: z.discriminatedUnion('mode', [ModbusTcpSchema, ModbusRtuSchema]),
    /** Slave / unit id (TCP gateways route by it; 255 or 1 for a plain TCP device). */
    unitId: z.number().int().min(0).max(255).default(1),
    pollMs: z.number().int('poll period must be whole milliseconds').min(5, 'poll period is at least 5 ms').max(3_600_000).default(100),
    /** A request without an answer within this is a timeout (counted against its block). */
    timeoutMs: z.number().int().min(10).max(30_000).default(1000),
    /** Polls in a row in which every block failed before the link counts as lost (and reconnects). */
    lostAfterFailedPolls: z.number().int().min(1).max(1000).default(3),
    /** Unused addresses one read may span to save a request (0: only adjacent registers; some devices refuse unmapped ones). */
    maxGap: z.number().int().min(0).max(100).default(0),
    registers: z.array(ModbusRegisterSchema).min(1, 'map at least one register').max(MAX_FORMAT_CHANNELS),
  })
  .superRefine((m, ctx) => {
    const names = new Set<string>();
    m.registers.forEach((r, i) => {
      if (names.has(r.name)) ctx.addIssue({ code: 'custom', path: ['registers', i, 'name'], message: `duplicate channel name "${r.name}"` });
      names.add(r.name);
      const words = registerWords(r);
      if (r.address + words > 65536) ctx.addIssue({ code: 'custom', path: ['registers', i, 'address'], message: `a ${r.type} at ${r.address} runs past address 65535` });
    });
  });
export type ModbusLinkSettings = z.infer<typeof ModbusLinkSchema>;
export type ModbusLinkInput = z.input<typeof ModbusLinkSchema>;

/** 16-bit words a register occupies (bits count as one). */
export function registerWords(r: Pick<ModbusRegister, 'area' | 'type'>): number {
  if (r.area === 'coil' || r.area === 'discrete') return 1;
  return r.type === 'u16' || r.type === 'i16' ? 1 : 2;
}

export function describeModbus(s: Pick<ModbusLinkSettings, 'transport' | 'unitId'>): string {
  const t = s.transport;
  return t.mode === 'tcp' ? `modbus tcp ${t.host}:${t.port} unit ${s.unitId}` : `modbus rtu ${t.path} @ ${t.baudRate} unit ${s.unitId}`;
}

/**
 * The console's write command: `write <channel> <value>` (holding registers and coils).
 * Parsed here so the renderer can check it before asking for confirmation.
 */
export const MODBUS_WRITE_USAGE = 'write <channel name> <value>  (a holding register or coil of the map)';

export type ModbusWrite = { ok: true; register: ModbusRegister; value: number } | { ok: false; reason: string };

export function parseModbusWrite(text: string, registers: readonly ModbusRegister[]): ModbusWrite {
  const m = /^\s*write\s+(\S+)\s+(\S+)\s*$/i.exec(text);
  if (!m) return { ok: false, reason: `expected: ${MODBUS_WRITE_USAGE}` };
  const [, name, raw] = m as unknown as [string, string, string];
  const register = registers.find((r) => r.name === name);
  if (!register) return { ok: false, reason: `no channel named "${name}" in the register map` };
  if (register.area !== 'holding' && register.area !== 'coil') return { ok: false, reason: `"${name}" is ${register.area === 'input' ? 'an input register' : 'a discrete input'}: read-only` };
  const value = Number(raw);
  if (!Number.isFinite(value)) return { ok: false, reason: `"${raw}" is not a number` };
  if (register.area === 'coil' && value !== 0 && value !== 1) return { ok: false, reason: 'a coil is written 0 or 1' };
  return { ok: true, register, value };
}
