// SLIP (RFC 1055) framing: END 0xC0 ends a frame; ESC 0xDB escapes END and ESC.

export const SLIP_END = 0xc0;
export const SLIP_ESC = 0xdb;
const ESC_END = 0xdc;
const ESC_ESC = 0xdd;

/** Encodes one payload as `END payload END` (the leading END flushes line noise). */
export function slipEncode(payload: Uint8Array): Uint8Array {
  let extra = 2;
  for (const b of payload) if (b === SLIP_END || b === SLIP_ESC) extra++;
  const out = new Uint8Array(payload.length + extra);
  let o = 0;
  out[o++] = SLIP_END;
  for (const b of payload) {
    if (b === SLIP_END) {
      out[o++] = SLIP_ESC;
      out[o++] = ESC_END;
    } else if (b === SLIP_ESC) {
      out[o++] = SLIP_ESC;
      out[o++] = ESC_ESC;
    } else out[o++] = b;
  }
  out[o] = SLIP_END;
  return out;
}

/**
 * Unescapes bytes[start, end) (no END inside) into `out`. Returns the payload
 * length, or -1 on a bad escape or when it would not fit in `out`.
 */
export function slipDecodeInto(bytes: Uint8Array, start: number, end: number, out: Uint8Array): number {
  const cap = out.length;
  let o = 0;
  for (let i = start; i < end; i++) {
    let b = bytes[i] as number;
    if (b === SLIP_ESC) {
      i++;
      if (i >= end) return -1;
      const e = bytes[i];
      if (e === ESC_END) b = SLIP_END;
      else if (e === ESC_ESC) b = SLIP_ESC;
      else return -1;
    }
    if (o >= cap) return -1;
    out[o++] = b;
  }
  return o;
}
