// COBS (Consistent Overhead Byte Stuffing): the encoded frame has no zero byte,
// so a 0x00 delimiter always marks a frame boundary.

export const COBS_DELIMITER = 0x00;

/** Encodes one payload and appends the 0x00 delimiter. */
export function cobsEncode(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + Math.ceil(payload.length / 254) + 2);
  let codeAt = 0;
  let o = 1;
  let code = 1;
  for (const b of payload) {
    if (b === 0) {
      out[codeAt] = code;
      codeAt = o++;
      code = 1;
      continue;
    }
    out[o++] = b;
    code++;
    if (code === 0xff) {
      out[codeAt] = code;
      codeAt = o++;
      code = 1;
    }
  }
  out[codeAt] = code;
  out[o++] = COBS_DELIMITER;
  return out.slice(0, o);
}

/**
 * Decodes bytes[start, end) (no zero inside) into `out`. Returns the payload
 * length, or -1 when the codes run past the end, a zero appears, or it would not fit.
 */
export function cobsDecodeInto(bytes: Uint8Array, start: number, end: number, out: Uint8Array): number {
  const cap = out.length;
  let o = 0;
  let i = start;
  while (i < end) {
    const code = bytes[i++] as number;
    if (code === 0) return -1;
    const stop = i + code - 1;
    if (stop > end || o + code - 1 > cap) return -1;
    while (i < stop) {
      const b = bytes[i++] as number;
      if (b === 0) return -1;
      out[o++] = b;
    }
    if (code < 0xff && i < end) {
      if (o >= cap) return -1;
      out[o++] = 0;
    }
  }
  return o;
}
