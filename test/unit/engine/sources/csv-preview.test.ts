// The CSV dialog's preview request: exact rows parsed with the mapping, the header,
// malformed rows by line number, bounded reads, and the dispatch-level path rules.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchRequest, REQUESTS } from '@shared/api/contract.js';
import { CsvPreviewRequestSchema, type CsvPreviewRequestInput } from '@shared/domain/csv-preview.js';
import { previewCsv } from '../../../../src-main/engine/link/replay/csv-preview.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-preview-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const request = (path: string, over: Partial<CsvPreviewRequestInput> = {}, mapping: Partial<CsvPreviewRequestInput['mapping']> = {}) =>
  CsvPreviewRequestSchema.parse({
    path,
    mapping: { separator: ';', decimal: 'comma', timeColumn: 0, timeFormat: 'epoch-ms', columns: [{ column: 1, name: 'temp', unit: '°C' }, { column: 2, name: 'flow' }], ...mapping },
    ...over,
  });

describe('previewCsv', () => {
  it('parses the first rows exactly with the mapping, names the header and each malformed row by line', async () => {
    const lines = [
      '\uFEFFtime;temp;flow',
      `${T0};20,5;1`,
      `${T0 + 10};x;2`, // line 3: not a number
      `${T0 + 20};21,25;`, // an empty cell is a gap
      `later;22;3`, // line 5: bad time
      `${T0 + 40};23`, // line 6: too few fields
      `${T0 + 50};"24,5";5`,
      `${T0 + 60};25;6`,
    ];
    const p = await file('run.csv', lines.join('\r\n') + '\r\n');
    const preview = await previewCsv(request(p, { rows: 6 }));
    expect(preview.header).toEqual(['time', 'temp', 'flow']);
    expect(preview.detectedSeparator).toBe(';');
    expect(preview.columnCount).toBe(3);
    expect(preview.rows).toEqual([
      { line: 2, timeMs: T0, values: [20.5, 1] },
      { line: 4, timeMs: T0 + 20, values: [21.25, null] },
      { line: 7, timeMs: T0 + 50, values: [24.5, 5] },
    ]);
    expect(preview.badRows).toEqual([
      { line: 3, reason: 'column 2: "x" is not a number' },
      { line: 5, reason: 'column 1: "later" is not a number of milliseconds' },
      { line: 6, reason: '2 fields, the mapping needs column 3' },
    ]);
    expect(preview.raw.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(preview.raw[0]?.fields).toEqual([String(T0), '20,5', '1']);
    // Six data rows asked for, a seventh exists.
    expect(preview.more).toBe(true);
  });

  it('reads the whole short file: more is false, and seconds since a start time become epoch ms', async () => {
    const p = await file('secs.csv', 't,a\n0,1\n0.5,2\n\n');
    const preview = await previewCsv(request(p, {}, { separator: ',', decimal: 'point', timeFormat: 'seconds', startAt: T0, columns: [{ column: 1, name: 'a' }] }));
    expect(preview.rows).toEqual([
      { line: 2, timeMs: T0, values: [1] },
      { line: 3, timeMs: T0 + 500, values: [2] },
    ]);
    expect(preview.badRows).toEqual([]);
    expect(preview.more).toBe(false);
  });

  it('without header rows every line is data and the header is empty; a wrong separator is pointed out', async () => {
    const p = await file('noheader.csv', `${T0}\t1\t2\n${T0 + 1}\t3\t4\n`);
    const preview = await previewCsv(request(p, {}, { headerRows: 0 }));
    expect(preview.header).toEqual([]);
    expect(preview.detectedSeparator).toBe('tab');
    expect(preview.columnCount).toBe(1);
    expect(preview.badRows).toEqual([
      { line: 1, reason: '1 field, the mapping needs column 3' },
      { line: 2, reason: '1 field, the mapping needs column 3' },
    ]);
  });

  it('reads no further than its byte limit, and drops the line the limit cut', async () => {
    const p = await file('long.csv', 'time;temp;flow\n' + Array.from({ length: 1000 }, (_, i) => `${T0 + i};${i};${i}`).join('\n'));
    const preview = await previewCsv(request(p, { rows: 200 }), Date.now(), 100);
    // 15 header bytes, then 18-byte lines: lines 2-5 end by byte 87, line 6 would end at 105.
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(preview.rows.at(-1)).toEqual({ line: 5, timeMs: T0 + 3, values: [3, 3] });
    expect(preview.badRows).toEqual([]);
    expect(preview.more).toBe(true);
  });

  it('refuses what is not a regular file, and says which file is missing', async () => {
    const sub = join(dir, 'folder.csv');
    await mkdir(sub);
    await expect(previewCsv(request(sub))).rejects.toThrow(`${sub} is not a regular file`);
    await expect(previewCsv(request(join(dir, 'none.csv')))).rejects.toThrow(`Cannot read ${join(dir, 'none.csv')}: no such file`);
  });
});

describe('the previewCsv request', () => {
  it('is an operator request: a read-only viewer may not read files on the engine', () => {
    expect(REQUESTS.previewCsv.role).toBe('operate');
  });

  it.each([
    ['relative.csv', 'is not an absolute path'],
    ['//server/share/run.csv', 'network (UNC)'],
    ['/data/../etc/passwd', 'contains ".."'],
  ])('rejects the path %s before any handler runs', async (path, message) => {
    let called = false;
    const handlers = { previewCsv: () => ((called = true), Promise.resolve({ ok: true, value: null })) };
    const r = await dispatchRequest(handlers as never, 'previewCsv', { path, mapping: { timeColumn: 0, columns: [{ column: 1, name: 'a' }] } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('validation');
      expect(r.error.message).toContain(message);
    }
    expect(called).toBe(false);
  });
});
