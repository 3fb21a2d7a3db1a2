// A serial port's settings, and the serial link built on them.
import { z } from 'zod';

/** Offered in the UI; any other positive integer is accepted as a custom rate. */
export const STANDARD_BAUD_RATES = [300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1_000_000, 2_000_000] as const;
export const MAX_BAUD_RATE = 20_000_000;

export const PARITIES = ['none', 'even', 'odd', 'mark', 'space'] as const;
export const FLOW_CONTROLS = ['none', 'rts-cts', 'xon-xoff'] as const;
export const DATA_BITS = [5, 6, 7, 8] as const;
export const STOP_BITS = [1, 1.5, 2] as const;

/** What identifies the physical device, remembered at connect so a reconnect opens the same one. */
export const PortMatchSchema = z.object({
  serialNumber: z.string().min(1).max(128).optional(),
  vendorId: z.string().regex(/^[0-9a-fA-F]{1,4}$/, 'expected a hex USB vendor id like 2341').optional(),
  productId: z.string().regex(/^[0-9a-fA-F]{1,4}$/, 'expected a hex USB product id like 0043').optional(),
});
export type PortMatch = z.infer<typeof PortMatchSchema>;

/** A serial port's settings: the serial link's, and Modbus RTU's. */
export const SerialPortSettingsSchema = z.object({
  path: z.string().trim().min(1, 'choose a serial port').max(512),
  baudRate: z.number().int('baud rate must be a whole number').positive().max(MAX_BAUD_RATE).default(115200),
  dataBits: z.union(DATA_BITS.map((n) => z.literal(n))).default(8),
  parity: z.enum(PARITIES).default('none'),
  stopBits: z.union(STOP_BITS.map((n) => z.literal(n))).default(1),
  flowControl: z.enum(FLOW_CONTROLS).default('none'),
  /** Boards that reset on open (Arduino) need DTR; some need it low. */
  dtrOnOpen: z.boolean().default(true),
  rtsOnOpen: z.boolean().default(true),
  match: PortMatchSchema.optional(),
});
export type SerialPortSettings = z.infer<typeof SerialPortSettingsSchema>;

export const SerialLinkSchema = SerialPortSettingsSchema.extend({ kind: z.literal('serial') });
export type SerialLinkSettings = z.infer<typeof SerialLinkSchema>;
