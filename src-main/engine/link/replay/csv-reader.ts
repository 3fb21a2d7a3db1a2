// A CSV file as a replay source: read once, streaming (a large file never blocks the
// engine for long), into columns of numbers. Every row that cannot be replayed is
// counted and named by its line number; none is skipped silently.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { MAX_BAD_ROWS_LISTED, type BadRow } from '@shared/domain/replay.js';
import type { CsvMapping } from '@shared/domain/link-replay.js';
import { columnsNeeded, readCsvRow, separatorChar, splitCsvLine } from './csv-rows.js';
import { firstIndexAtOrAfter } from './index-at.js';
import type { ReplayBlock, ReplayInfo, ReplayReader } from './replay-reader.js';

export interface CsvTable {
  frames: number;
  channels: number;
  times: Float64Array;
  /** Row-major, `channels` per frame. */
  values: Float64Array;
  badRowCount: number;
  badRows: BadRow[];
}

/** Parses a whole CSV file per `mapping`. Rejects only when the file cannot be read at all. */
export async function readCsvTable(path: string, mapping: CsvMapping, startAt: number): Promise<CsvTable> {
  const sep = separatorChar(mapping.separator);
  const channels = mapping.columns.length;
  const need = columnsNeeded(mapping);
  let times: Float64Array = new Float64Array(4096);
  let values: Float64Array = new Float64Array(4096 * channels);
  let frames = 0;
  let badRowCount = 0;
  const badRows: BadRow[] = [];
  const bad = (line: number, reason: string): void => {
    badRowCount++;
    if (badRows.length < MAX_BAD_ROWS_LISTED) badRows.push({ line, reason });
  };
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new Error(`Cannot read ${path}: ${err.message}`)));
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (lineNo <= mapping.headerRows) continue;
    if (line.trim() === '') continue; // a blank line (often the last) is not a row
    let fields: string[];
    try {
      fields = splitCsvLine(line, sep);
    } catch (err) {
      bad(lineNo, (err as Error).message);
      continue;
    }
    if (frames === times.length) {
      times = grow(times, times.length * 2);
      values = grow(values, times.length * channels);
    }
    const t = readCsvRow(fields, mapping, need, startAt, values, frames * channels);
    if (typeof t === 'string') {
      bad(lineNo, t);
      continue;
    }
    times[frames] = t;
    frames++;
  }
  return { frames, channels, times: times.subarray(0, frames), values: values.subarray(0, frames * channels), badRowCount, badRows };
}

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

export class CsvReplayReader implements ReplayReader {
  private table: CsvTable | undefined;

  constructor(
    private readonly path: string,
    private readonly mapping: CsvMapping,
    private readonly now: () => number = Date.now,
  ) {}

  async open(): Promise<ReplayInfo> {
    this.table ??= await readCsvTable(this.path, this.mapping, this.mapping.startAt ?? this.now());
    const t = this.table;
    let start = Number.POSITIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < t.frames; i++) {
      const x = t.times[i] as number;
      if (x < start) start = x;
      if (x > end) end = x;
    }
    return { frames: t.frames, channels: t.channels, startMs: t.frames ? start : 0, endMs: t.frames ? end : 0, badRowCount: t.badRowCount, badRows: t.badRows };
  }

  async read(index: number, max: number): Promise<ReplayBlock> {
    const t = this.loaded();
    const count = Math.max(0, Math.min(max, t.frames - index));
    const c = t.channels;
    return { index, count, times: t.times.subarray(index, index + count), values: t.values.subarray(index * c, (index + count) * c) };
  }

  async indexAt(timeMs: number): Promise<number> {
    const t = this.loaded();
    return firstIndexAtOrAfter(t.times, t.frames, timeMs);
  }

  async close(): Promise<void> {
    this.table = undefined;
  }

  private loaded(): CsvTable {
    if (!this.table) throw new Error(`${this.path} is not open`);
    return this.table;
  }
}
