// The read API a replay needs from a recorded session: its span, blocks of frames at
// full resolution in recorded order (rowid order, as appended), and the frame at a time.
// Runs in the recorder worker on its own connection, beside appends and exports.
import type { DuckDBConnection, DuckDBDoubleVector } from '@duckdb/node-api';
import { num, samplesTable, valueColumn } from './schema.js';

export interface SessionSpan {
  frames: number;
  channels: number;
  startMs: number;
  endMs: number;
  /** The session's own start (epoch ms). */
  originMs: number;
}

export interface FrameBlock {
  index: number;
  count: number;
  times: Float64Array;
  /** Row-major values, `channels` per frame; NULL (a gap) is NaN. */
  values: Float64Array;
}

export async function sessionSpan(con: DuckDBConnection, sessionId: number): Promise<SessionSpan | undefined> {
  const info = (await con.runAndReadAll(`SELECT channel_count, started_at FROM sessions WHERE id = ${num(sessionId)}`)).getRowsJS()[0];
  if (!info) return undefined;
  const r = (await con.runAndReadAll(`SELECT count(*)::DOUBLE, min(t), max(t) FROM ${samplesTable(sessionId)}`)).getRowsJS()[0] ?? [];
  const frames = Number(r[0] ?? 0);
  return { frames, channels: Number(info[0]), startMs: frames ? Number(r[1]) : 0, endMs: frames ? Number(r[2]) : 0, originMs: Number(info[1]) };
}

export async function readFrames(con: DuckDBConnection, sessionId: number, channels: number, index: number, max: number): Promise<FrameBlock> {
  const cols = ['t', ...Array.from({ length: channels }, (_, c) => valueColumn(c))].join(', ');
  const result = await con.run(
    `SELECT ${cols} FROM ${samplesTable(sessionId)} WHERE rowid >= ${num(index)} AND rowid < ${num(index + max)} ORDER BY rowid`,
  );
  const times = new Float64Array(max);
  const values = new Float64Array(max * channels);
  let count = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    const rows = chunk.rowCount;
    const tv = chunk.getColumnVector(0) as DuckDBDoubleVector;
    for (let i = 0; i < rows; i++) times[count + i] = tv.getItem(i) ?? Number.NaN;
    for (let c = 0; c < channels; c++) {
      const v = chunk.getColumnVector(c + 1) as DuckDBDoubleVector;
      let o = count * channels + c;
      for (let i = 0; i < rows; i++, o += channels) values[o] = v.getItem(i) ?? Number.NaN;
    }
    count += rows;
  }
  return { index, count, times: times.subarray(0, count), values: values.subarray(0, count * channels) };
}

/** Index (rowid) of the first frame at or after `timeMs`; frames when none is. */
export async function frameIndexAt(con: DuckDBConnection, sessionId: number, timeMs: number): Promise<number> {
  const table = samplesTable(sessionId);
  const r = (await con.runAndReadAll(`SELECT min(rowid)::DOUBLE, (SELECT count(*)::DOUBLE FROM ${table}) FROM ${table} WHERE t >= ${num(timeMs)}`)).getRowsJS()[0] ?? [];
  return r[0] === null || r[0] === undefined ? Number(r[1] ?? 0) : Number(r[0]);
}
