// Reading one CSV row of a replay file: fields (RFC 4180 quotes), the time in the
// mapping's format, and numbers with either decimal mark. Errors are sentences that
// name the column, for the bad-row list.
import type { CsvMapping, CsvTimeFormat } from '@shared/domain/link-replay.js';

export function separatorChar(sep: CsvMapping['separator']): string {
  return sep === 'tab' ? '\t' : sep;
}

/** Splits one line (no line end) into fields; a quoted field may hold the separator and "" for a quote. */
export function splitCsvLine(line: string, sep: string): string[] {
  if (!line.includes('"')) return line.split(sep);
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error('a quoted field is not closed');
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < line.length && line[i] !== sep) throw new Error('text after a closing quote');
    } else {
      const e = line.indexOf(sep, i);
      field = line.slice(i, e < 0 ? line.length : e);
      i = e < 0 ? line.length : e;
    }
    out.push(field);
    if (i >= line.length) return out;
    i++; // the separator
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * ISO 8601 to epoch ms, keeping sub-millisecond digits (Date.parse drops them): the
 * project's own exports carry microseconds. A time without a zone is UTC.
 */
export function parseIsoMs(text: string): number {
  const m = ISO.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Whole nanoseconds over 1e6: 123456 µs becomes exactly the double nearest 123.456 ms.
  if (frac) ms += Number(frac.padEnd(9, '0')) / 1e6;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms;
}

export function parseNumber(text: string, decimal: CsvMapping['decimal']): number {
  const t = text.trim();
  if (t === '') return Number.NaN;
  const n = Number(decimal === 'comma' ? t.replace(',', '.') : t);
  return n;
}

/** The time of a row in epoch ms, or an explanation of why it is not one. */
export function parseTime(text: string, format: CsvTimeFormat, decimal: CsvMapping['decimal'], startAt: number): number | string {
  const t = text.trim();
  if (t === '') return 'the time is empty';
  if (format === 'iso') {
    const ms = parseIsoMs(t);
    return Number.isFinite(ms) ? ms : `"${t}" is not an ISO 8601 time`;
  }
  const n = parseNumber(t, decimal);
  if (!Number.isFinite(n)) return `"${t}" is not a number of ${format === 'epoch-ms' ? 'milliseconds' : 'seconds'}`;
  if (format === 'epoch-ms') return n;
  if (format === 'epoch-s') return n * 1000;
  return startAt + n * 1000;
}

/** Fields a row needs for `mapping` (the highest mapped column, 1-based). */
export function columnsNeeded(mapping: CsvMapping): number {
  return Math.max(mapping.timeColumn, ...mapping.columns.map((c) => c.column)) + 1;
}

/**
 * One data row per `mapping`: writes the channels' values to `out` from `base` (an empty cell is a
 * gap, NaN, as the project's own export writes one) and answers the row's time, or why the row is bad.
 */
export function readCsvRow(fields: string[], mapping: CsvMapping, need: number, startAt: number, out: Float64Array, base: number): number | string {
  if (fields.length < need) return `${fields.length} field${fields.length === 1 ? '' : 's'}, the mapping needs column ${need}`;
  const t = parseTime(fields[mapping.timeColumn] as string, mapping.timeFormat, mapping.decimal, startAt);
  if (typeof t === 'string') return `column ${mapping.timeColumn + 1}: ${t}`;
  const cols = mapping.columns;
  for (let c = 0; c < cols.length; c++) {
    const col = (cols[c] as CsvMapping['columns'][number]).column;
    const text = fields[col] as string;
    const v = parseNumber(text, mapping.decimal);
    if (Number.isNaN(v) && text.trim() !== '') return `column ${col + 1}: "${text.trim()}" is not a number`;
    out[base + c] = v;
  }
  return t;
}
