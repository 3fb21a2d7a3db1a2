// Parses a decimal number straight from bytes (no strings on the hot path).
// Results go to the module-level `scan` record so the call allocates nothing.

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

// Exact powers of ten: mantissa / 10^k is then a single correctly rounded division.
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
// The rare form is plain ASCII; decoding it cannot overflow the stack on a long field.
const ASCII = new TextDecoder();

export const scan = {
  value: 0,
  /** Index of the first byte after the number. */
  end: 0,
  /** False when no digits were found or the number is not finite. */
  ok: false,
};

/** Parses a number at `i` (no leading spaces); reads at most up to `limit`. */
export function scanNumber(bytes: Uint8Array, i: number, limit: number): void {
  const start = i;
  let c = i < limit ? (bytes[i] as number) : -1;
  let neg = false;
  if (c === MINUS || c === PLUS) {
    neg = c === MINUS;
    i++;
    c = i < limit ? (bytes[i] as number) : -1;
  }
  let mant = 0;
  let digits = 0;
  let scale = 0;
  while (c >= ZERO && c <= NINE) {
    mant = mant * 10 + (c - ZERO);
    digits++;
    i++;
    c = i < limit ? (bytes[i] as number) : -1;
  }
  if (c === DOT) {
    i++;
    c = i < limit ? (bytes[i] as number) : -1;
    while (c >= ZERO && c <= NINE) {
      mant = mant * 10 + (c - ZERO);
      digits++;
      scale++;
      i++;
      c = i < limit ? (bytes[i] as number) : -1;
    }
  }
  if (digits === 0) {
    scan.ok = false;
    scan.end = i;
    return;
  }
  if (c === LOWER_E || c === UPPER_E || digits > 15 || scale >= POW10.length) {
    // Rare forms: let the platform parse them exactly.
    if (c === LOWER_E || c === UPPER_E) {
      i++;
      let d = i < limit ? (bytes[i] as number) : -1;
      if (d === MINUS || d === PLUS) {
        i++;
        d = i < limit ? (bytes[i] as number) : -1;
      }
      while (d >= ZERO && d <= NINE) {
        i++;
        d = i < limit ? (bytes[i] as number) : -1;
      }
    }
    const v = Number(ASCII.decode(bytes.subarray(start, i)));
    scan.value = v;
    scan.ok = Number.isFinite(v);
    scan.end = i;
    return;
  }
  const v = scale === 0 ? mant : mant / (POW10[scale] as number);
  scan.value = neg ? -v : v;
  scan.ok = true;
  scan.end = i;
}
