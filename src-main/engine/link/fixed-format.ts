// Writes numbers as ASCII straight into a byte buffer: the simulator must
// produce > 100k frames/s on the main thread, so no toFixed() strings.

const DIGITS = new Uint8Array(24);
const POW10 = Array.from({ length: 10 }, (_, i) => 10 ** i);

/** Writes a non-negative integer; returns the new position. */
export function writeUint(buf: Uint8Array, pos: number, value: number): number {
  let v = Math.floor(value);
  if (v === 0) {
    buf[pos] = 48;
    return pos + 1;
  }
  let n = 0;
  while (v > 0) {
    const q = Math.floor(v / 10);
    DIGITS[n++] = 48 + (v - q * 10);
    v = q;
  }
  while (n > 0) buf[pos++] = DIGITS[--n] as number;
  return pos;
}

/** Writes `value` with `decimals` fraction digits (rounded); returns the new position. */
export function writeFixed(buf: Uint8Array, pos: number, value: number, decimals: number): number {
  const p = POW10[decimals] as number;
  const product = Math.abs(value) * p;
  // The product is itself rounded: when it lands exactly on a tie (1.45 * 10 === 14.5
  // although 1.45 is really 1.4499…) or is too large to be exact, let toFixed round
  // the true decimal value. Rare, so the hot path stays string-free.
  if (product - Math.floor(product) === 0.5 || product >= 2 ** 52) return writeExact(buf, pos, value, decimals);
  let scaled = Math.round(product);
  if (value < 0 && scaled !== 0) buf[pos++] = 45;
  const int = Math.floor(scaled / p);
  pos = writeUint(buf, pos, int);
  if (decimals > 0) {
    buf[pos++] = 46;
    scaled -= int * p;
    for (let d = decimals - 1; d >= 0; d--) {
      const q = POW10[d] as number;
      const digit = Math.floor(scaled / q);
      buf[pos++] = 48 + digit;
      scaled -= digit * q;
    }
  }
  return pos;
}

function writeExact(buf: Uint8Array, pos: number, value: number, decimals: number): number {
  const text = Math.abs(value).toFixed(decimals);
  // Like the fast path, a value that rounds to zero is written without a sign.
  if (value < 0 && /[1-9]/.test(text)) buf[pos++] = 45;
  for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
  return pos;
}

/** Upper bound of bytes `writeFixed` needs for |value| < 1e9. */
export const MAX_FIXED_BYTES = 1 + 10 + 1 + 9;
