// Sources that hand over numbers rather than bytes (a replay, Modbus polls, MQTT topic
// channels) still deliver bytes to the pipeline, in one internal frame format: COBS-framed
// binary frames [seq u32][time f64]?[value f64 × channels][CRC-16], little-endian. So the
// queue, the pool, fault injection, integrity counters and the breaker see them exactly as
// they see a serial device; f64 keeps every value (and every replayed time) bit for bit.
import { BinaryFormatSchema, type BinaryFormat } from '@shared/domain/frame-format.js';

/** Layout field names no channel name can take (channel names are trimmed, printable). */
export const WIRE_SEQ = '\u0001seq';
export const WIRE_TIME = '\u0001time';

export interface WireChannel {
  name: string;
  unit: string;
}

const cache = new Map<string, BinaryFormat>();

/** The binary format the pipeline decodes a wire stream with; `timed`: frames carry their sample time. */
export function wireFormat(channels: readonly WireChannel[], timed: boolean): BinaryFormat {
  const key = JSON.stringify([channels.map((c) => [c.name, c.unit]), timed]);
  let f = cache.get(key);
  if (!f) {
    // Parsed once per layout: the schema fills every default the decoders expect.
    f = BinaryFormatSchema.parse(wireFormatInput(channels, timed)) as BinaryFormat;
    if (cache.size > 64) cache.clear();
    cache.set(key, f);
  }
  return f;
}

function wireFormatInput(channels: readonly WireChannel[], timed: boolean) {
  return {
    kind: 'binary',
    framing: 'cobs',
    crc: 'crc16-ccitt-false',
    layout: [
      { name: WIRE_SEQ, type: 'u32', endian: 'le', scale: 1, offset: 0, unit: '' },
      ...(timed ? [{ name: WIRE_TIME, type: 'f64' as const, endian: 'le' as const, scale: 1, offset: 0, unit: '' }] : []),
      ...channels.map((c) => ({ name: c.name, type: 'f64' as const, endian: 'le' as const, scale: 1, offset: 0, unit: c.unit })),
    ],
    seqField: WIRE_SEQ,
    ...(timed ? { timeField: { name: WIRE_TIME, unit: 'ms' as const, base: 'epoch' as const } } : {}),
    maxFrameBytes: 1024,
    channels: [],
  };
}
