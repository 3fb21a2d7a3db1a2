// RFC 4180 CSV pieces: quoting, the CSV-injection rule for text cells, number
// and timestamp formatting. Pure functions so every pitfall is unit-tested.

export type Delimiter = 'comma' | 'semicolon' | 'tab';
export type DecimalMark = 'point' | 'comma';

export const DELIMITERS: Record<Delimiter, string> = { comma: ',', semicolon: ';', tab: '\t' };
export const CRLF = '\r\n';
export const UTF8_BOM = '\uFEFF';

/** Text cells starting with one of these are formulas to Excel/LibreOffice: prefix a quote so they stay text. */
const INJECTION_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return INJECTION_START.test(text) ? `'${text}` : text;
}

/** Quotes a cell when it holds the delimiter, a quote, CR or LF (RFC 4180 §2.6–2.7). */
export function quote(cell: string, delimiter: string): string {
  if (cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r')) {
    return `"${cell.replaceAll('"', '""')}"`;
  }
  return cell;
}

/** A text cell: neutralised, then quoted as needed. */
export function textCell(text: string, delimiter: string): string {
  return quote(neutralise(text), delimiter);
}

/** Numbers keep their shortest round-trip form (and their minus sign); NaN/∞ become empty cells. */
export function numberCell(x: number, decimal: DecimalMark): string {
  if (!Number.isFinite(x)) return '';
  const s = String(x);
  return decimal === 'comma' ? s.replace('.', ',') : s;
}

export function headerCell(name: string, unit: string): string {
  return unit ? `${name} [${unit}]` : name;
}

/** ISO 8601 UTC with microseconds: 2026-11-23T18:00:00.123456Z (epoch ms may carry a fraction). */
export function isoMicros(epochMs: number): string {
  let whole = Math.floor(epochMs);
  let micros = Math.round((epochMs - whole) * 1000);
  if (micros === 1000) {
    whole += 1;
    micros = 0;
  }
  const iso = new Date(whole).toISOString(); // …sss Z
  return `${iso.slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

/** Seconds since the session started, rounded to the microsecond so float noise never shows. */
export function secondsSince(epochMs: number, startMs: number, decimal: DecimalMark): string {
  const s = (Math.round((epochMs - startMs) * 1000) / 1e6).toString();
  return decimal === 'comma' ? s.replace('.', ',') : s;
}

/** isoMicros for ascending timestamps: the "YYYY-MM-DDTHH:MM:SS." prefix is reused within a second. */
export class IsoFormatter {
  private second = Number.NaN;
  private prefix = '';

  format(epochMs: number): string {
    let whole = Math.floor(epochMs);
    let micros = Math.round((epochMs - whole) * 1000);
    if (micros === 1000) {
      whole += 1;
      micros = 0;
    }
    const sec = Math.floor(whole / 1000);
    if (sec !== this.second) {
      this.second = sec;
      this.prefix = new Date(sec * 1000).toISOString().slice(0, 20);
    }
    const frac = (whole - sec * 1000) * 1000 + micros;
    return `${this.prefix}${frac < 100000 ? String(frac).padStart(6, '0') : frac}Z`;
  }
}
