// Reading a CSV file for replay: times in each format, exact numbers, bad rows named by line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvMappingSchema, type CsvMappingInput } from '@shared/domain/link-replay.js';
import { CsvReplayReader, readCsvTable } from '../../../../src-main/engine/link/replay/csv-reader.js';
import { parseIsoMs, parseTime, splitCsvLine } from '../../../../src-main/engine/link/replay/csv-rows.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-replay-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

const mapping = (over: Partial<CsvMappingInput> = {}) =>
  CsvMappingSchema.parse({ timeColumn: 0, timeFormat: 'iso', columns: [{ column: 2, name: 'a' }, { column: 3, name: 'b', unit: 'V' }], ...over });

describe('CSV rows', () => {
  it('splits quoted fields with separators and doubled quotes inside', () => {
    expect(splitCsvLine('1,"a,b","say ""hi""",', ',')).toEqual(['1', 'a,b', 'say "hi"', '']);
    expect(() => splitCsvLine('"open,2', ',')).toThrow('a quoted field is not closed');
  });

  it('keeps microseconds of ISO times (the project export writes them) and honours zones', () => {
    expect(parseIsoMs('2026-12-07T18:00:00.123456Z')).toBe(Date.UTC(2026, 11, 7, 18, 0, 0) + 123.456);
    expect(parseIsoMs('2026-12-07 19:00:00+01:00')).toBe(Date.UTC(2026, 11, 7, 18, 0, 0));
    expect(parseIsoMs('2026-12-07T18:00:00')).toBe(Date.UTC(2026, 11, 7, 18, 0, 0));
    expect(parseIsoMs('yesterday')).toBeNaN();
  });

  it('reads each time format; seconds count from startAt', () => {
    expect(parseTime('1700000000123.5', 'epoch-ms', 'point', 0)).toBe(1700000000123.5);
    expect(parseTime('1700000000,5', 'epoch-s', 'comma', 0)).toBe(1700000000500);
    expect(parseTime('2.5', 'seconds', 'point', 1000)).toBe(3500);
    expect(parseTime('x', 'seconds', 'point', 0)).toBe('"x" is not a number of seconds');
    expect(parseTime('', 'iso', 'point', 0)).toBe('the time is empty');
  });
});

describe('CSV replay file', () => {
  it('reads the project export layout exactly, empty cells as gaps', async () => {
    const p = await file(
      'export.csv',
      '\uFEFFTime (UTC),Seconds,a,b [V]\r\n2026-12-07T18:00:00.000100Z,0,1.5,-2\r\n2026-12-07T18:00:00.001100Z,0.001,0.1,\r\n',
    );
    const t = await readCsvTable(p, mapping(), 0);
    expect(t.frames).toBe(2);
    expect(Array.from(t.times)).toEqual([Date.UTC(2026, 11, 7, 18) + 0.1, Date.UTC(2026, 11, 7, 18) + 1.1]);
    expect(Array.from(t.values)).toEqual([1.5, -2, 0.1, NaN]);
    expect(t.badRowCount).toBe(0);
  });

  it('names every bad row by its line number and why, and replays the good ones', async () => {
    const p = await file(
      'bad.csv',
      [
        'time,x,a,b',
        '2026-12-07T18:00:00Z,0,1,2', // line 2 ok
        'not a time,0,1,2', // 3
        '2026-12-07T18:00:01Z,0,1', // 4 too few fields
        '', // 5 blank: not a row
        '2026-12-07T18:00:02Z,0,abc,2', // 6 text value
        '2026-12-07T18:00:03Z,0,"3,5",4', // 7 quoted value with comma: not a number
        '2026-12-07T18:00:04Z,0,5,6', // 8 ok
      ].join('\n'),
    );
    const reader = new CsvReplayReader(p, mapping());
    const info = await reader.open();
    expect(info.frames).toBe(2);
    expect(info.badRowCount).toBe(4);
    expect(info.badRows).toEqual([
      { line: 3, reason: 'column 1: "not a time" is not an ISO 8601 time' },
      { line: 4, reason: '3 fields, the mapping needs column 4' },
      { line: 6, reason: 'column 3: "abc" is not a number' },
      { line: 7, reason: 'column 3: "3,5" is not a number' },
    ]);
    const block = await reader.read(0, 10);
    expect(Array.from(block.values)).toEqual([1, 2, 5, 6]);
    expect(await reader.indexAt(Date.UTC(2026, 11, 7, 18, 0, 1))).toBe(1);
    expect(await reader.indexAt(Date.UTC(2026, 11, 7, 19))).toBe(2);
  });

  it('a missing file is an open error naming the path', async () => {
    await expect(new CsvReplayReader(join(dir, 'nope.csv'), mapping()).open()).rejects.toThrow(/Cannot read .*nope\.csv: ENOENT/);
  });

  it('the mapping schema refuses a column used twice and a decimal comma with comma separators', () => {
    const r = CsvMappingSchema.safeParse({ timeColumn: 0, columns: [{ column: 0, name: 'a' }], decimal: 'comma' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['column 1 is used twice (or is the time column)', 'decimal comma needs the semicolon or tab separator']);
  });
});
