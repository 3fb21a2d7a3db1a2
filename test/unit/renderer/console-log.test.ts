import { describe, expect, it } from 'vitest';
import type { ConsoleBatch } from '@shared/domain/link.js';
import { browse, EMPTY_HISTORY, remember } from '../../../src-renderer/features/console/commandHistory';
import { appendConsole, asHex, asText, consoleRows, EMPTY_CONSOLE, MAX_LINE_BYTES, searchConsole } from '../../../src-renderer/features/console/consoleLog';

const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');
const batch = (...entries: [dir: 'rx' | 'tx', text: string][]): ConsoleBatch => ({ entries: entries.map(([dir, text], i) => ({ dir, t: 1000 + i, data: b64(text) })), skippedBytes: 0 });
const texts = (log: typeof EMPTY_CONSOLE) => consoleRows(log).map((r) => `${r.dir}:${asText(r.bytes)}`);

describe('console log', () => {
  it('cuts received bytes into lines across batches; the unfinished line shows last', () => {
    let log = appendConsole(EMPTY_CONSOLE, batch(['rx', '1,2\n3,'], ['rx', '4\n5']));
    expect(texts(log)).toEqual(['rx:1,2\\n', 'rx:3,4\\n', 'rx:5']);
    log = appendConsole(log, batch(['rx', ',6\r\n']));
    expect(texts(log)).toEqual(['rx:1,2\\n', 'rx:3,4\\n', 'rx:5,6\\r\\n']);
  });

  it('each send is its own record, between received lines', () => {
    const log = appendConsole(EMPTY_CONSOLE, batch(['rx', 'a\n'], ['tx', 'CMD\r\n'], ['rx', 'b\n']));
    expect(texts(log)).toEqual(['rx:a\\n', 'tx:CMD\\r\\n', 'rx:b\\n']);
  });

  it('is bounded: oldest records go first and are counted; long lines are split', () => {
    let log = EMPTY_CONSOLE;
    for (let i = 0; i < 30; i++) log = appendConsole(log, batch(['rx', `${i}\n`]), 10);
    expect(texts(log)).toEqual(Array.from({ length: 10 }, (_, i) => `rx:${i + 20}\\n`));
    expect(log.droppedRecords).toBe(20);
    const long = appendConsole(EMPTY_CONSOLE, batch(['rx', 'x'.repeat(MAX_LINE_BYTES * 2 + 5)]));
    expect(consoleRows(long).map((r) => r.bytes.length)).toEqual([MAX_LINE_BYTES, MAX_LINE_BYTES, 5]);
  });

  it('counts bytes the engine skipped', () => {
    const log = appendConsole(EMPTY_CONSOLE, { entries: [], skippedBytes: 123 });
    expect(log.skippedBytes).toBe(123);
  });

  it('shows control bytes visibly in text, and hex on demand', () => {
    const bytes = Uint8Array.of(0x48, 0x49, 0x00, 0x09, 0x0d, 0x0a, 0xff);
    expect(asText(bytes)).toBe('HI\\0\\t\\r\\n\\xff');
    expect(asHex(bytes)).toBe('48 49 00 09 0d 0a ff');
  });
});

describe('command history', () => {
  it('up/down walks sent commands and restores what was being typed', () => {
    let h = remember(remember(remember(EMPTY_HISTORY, 'A'), 'B'), 'B');
    expect(h.items).toEqual(['A', 'B']);
    let r = browse(h, -1, 'typing');
    expect(r.text).toBe('B');
    r = browse(r.history, -1, r.text);
    expect(r.text).toBe('A');
    r = browse(r.history, -1, r.text);
    expect(r.text).toBe('A');
    r = browse(r.history, 1, r.text);
    expect(r.text).toBe('B');
    r = browse(r.history, 1, r.text);
    expect(r.text).toBe('typing');
    h = remember(r.history, '');
    expect(h.items).toEqual(['A', 'B']);
  });
});

describe('console search', () => {
  it('counts the matches in the whole history it searched, not only the rows it shows', () => {
    let log = EMPTY_CONSOLE;
    for (let i = 0; i < 300; i++) log = appendConsole(log, batch(['rx', `line ${i} ${i % 3 === 0 ? 'HIT' : 'miss'}\n`]));
    const found = searchConsole(log, 'hit', asText, 50);
    expect(found.matches).toBe(100);
    expect(found.rows).toHaveLength(50);
    expect(asText(found.rows.at(-1)!.bytes)).toBe('line 297 HIT\\n');
    expect(searchConsole(log, '', asText, 50)).toMatchObject({ matches: 300 });
    expect(searchConsole(log, 'nothing', asText, 50)).toEqual({ rows: [], matches: 0 });
  });
});
