import { describe, expect, it } from 'vitest';
import { IsoFormatter, headerCell, isoMicros, neutralise, numberCell, quote, secondsSince, textCell } from '../../../src-main/engine/export/csv-format.js';
import { parseCsv } from '../../helpers/csv-parse.js';

describe('csv format', () => {
  it.each(['=1+1', '+41', '-A1', '@SUM(A1)', '\tx', '\rx'])('neutralises the text cell %j', (t) => {
    expect(neutralise(t)).toBe(`'${t}`);
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(neutralise('temp')).toBe('temp');
    expect(numberCell(-1.5, 'point')).toBe('-1.5');
    expect(numberCell(-1.5, 'comma')).toBe('-1,5');
    expect(numberCell(1e-9, 'point')).toBe('1e-9');
    expect(numberCell(Number.NaN, 'point')).toBe('');
  });

  it('quotes per RFC 4180 and parses back', () => {
    const cells = ['a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'plain'];
    const line = cells.map((c) => quote(c, ',')).join(',');
    expect(line).toBe('"a,b","say ""hi""","two\nlines","cr\rhere",plain');
    expect(parseCsv(line)).toEqual([cells]);
    expect(quote('a;b', ';')).toBe('"a;b"');
    expect(quote('a;b', ',')).toBe('a;b');
    expect(textCell('=x,y', ',')).toBe(`"'=x,y"`);
  });

  it('builds "name [unit]" headers with non-ASCII units', () => {
    expect(headerCell('temp', '°C')).toBe('temp [°C]');
    expect(headerCell('count', '')).toBe('count');
  });

  it('writes ISO 8601 UTC with microseconds, carrying a rounded-up fraction', () => {
    expect(isoMicros(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe('2026-01-02T03:04:05.006000Z');
    expect(isoMicros(Date.UTC(2026, 0, 2, 3, 4, 5, 6) + 0.25)).toBe('2026-01-02T03:04:05.006250Z');
    expect(isoMicros(Date.UTC(2026, 0, 2, 3, 4, 5, 999) + 0.9999999)).toBe('2026-01-02T03:04:06.000000Z');
  });

  it('IsoFormatter matches isoMicros across second boundaries and fractions', () => {
    const f = new IsoFormatter();
    const base = Date.UTC(2026, 10, 23, 23, 59, 59, 998);
    for (const t of [base, base + 0.5, base + 1, base + 1.9999996, base + 2, base + 2.001, base + 1000.25, base + 86_400_000]) {
      expect(f.format(t)).toBe(isoMicros(t));
    }
  });

  it('writes seconds since start without float noise', () => {
    expect(secondsSince(1000.3, 1000, 'point')).toBe('0.0003');
    expect(secondsSince(1000 + 1234.5, 1000, 'comma')).toBe('1,2345');
  });
});
