// Where the columns of a batch go in the pipeline's channel layout: kv, jsonl and
// script batches may carry names the pipeline has not published yet, in their own order.
import { MAX_FORMAT_CHANNELS } from '@shared/domain/frame-layout.js';
import { STATS_FIELDS } from './batch-stats.js';
import type { DecodeResult, FullFrames } from './task.js';

export interface ColumnMapping {
  /** Published channel of each result column (null: the same index). */
  map: Int32Array | null;
  /** The published names after this batch (the same array when nothing was added). */
  names: string[];
  /** Columns beyond the channel limit. */
  unknown: number;
}

/**
 * A batch's columns are the names its task carried, then any names it saw first;
 * those are added (in order) unless already known.
 */
export function mapColumns(r: DecodeResult, taskNames: readonly string[], published: string[]): ColumnMapping {
  const names = r.names;
  if (!names) return { map: null, names: published, unknown: 0 };
  let next = published;
  const map = new Int32Array(r.channels);
  let identity = true;
  let unknown = 0;
  for (let c = 0; c < r.channels; c++) {
    const name = names[c] as string;
    let g = c < taskNames.length && next[c] === name ? c : next.indexOf(name);
    if (g < 0 && next.length < MAX_FORMAT_CHANNELS) {
      if (next === published) next = [...next];
      next.push(name);
      g = next.length - 1;
    }
    if (g < 0) unknown++;
    map[c] = g;
    if (g !== c) identity = false;
  }
  return { map: identity ? null : map, names: next, unknown };
}

/** Full-resolution frames moved into the pipeline's channel layout. */
export function fullInLayout(data: Float64Array, frames: number, columns: number, colMap: Int32Array | null, channels: number): FullFrames {
  if (!colMap && columns === channels) return { channels, frames, data };
  const out = new Float64Array(frames * (1 + channels)).fill(Number.NaN);
  out.set(data.subarray(0, frames), 0);
  for (let c = 0; c < columns; c++) {
    const g = colMap ? (colMap[c] as number) : c;
    if (g < 0 || g >= channels) continue;
    for (let f = 0; f < frames; f++) out[frames + f * channels + g] = data[frames + f * columns + c] as number;
  }
  return { channels, frames, data: out };
}

/** Batch statistics laid out on the published channels (missing ones empty). */
export function remapStats(stats: Float64Array, columns: number, colMap: Int32Array | null, channels: number): Float64Array {
  const out = new Float64Array(STATS_FIELDS * channels);
  for (let c = 0; c < columns; c++) {
    const g = colMap ? (colMap[c] as number) : c;
    if (g < 0 || g >= channels) continue;
    out.set(stats.subarray(c * STATS_FIELDS, (c + 1) * STATS_FIELDS), g * STATS_FIELDS);
  }
  return out;
}
