// Where a replay's frames come from: a recorded session (read through the recorder) or
// a parsed CSV file. Frames are addressed by index in their recorded order.
import type { BadRow } from '@shared/domain/replay.js';

export interface ReplayInfo {
  frames: number;
  channels: number;
  /** Sample times (epoch ms) of the first and last frame. */
  startMs: number;
  endMs: number;
  /** CSV rows that could not be read: the count and the first ones by line. */
  badRowCount: number;
  badRows: BadRow[];
  /** When the source began (a session's start, before its first sample); default startMs. */
  originMs?: number;
}

/** Frames `index … index+count-1`: their times and row-major values. */
export interface ReplayBlock {
  index: number;
  count: number;
  times: Float64Array;
  values: Float64Array;
}

export interface ReplayReader {
  /** Opens (or reopens after a failure) the source; rejects with a message naming it. */
  open(): Promise<ReplayInfo>;
  read(index: number, max: number): Promise<ReplayBlock>;
  /** Index of the first frame whose time is at or after `timeMs` (frames when none is). */
  indexAt(timeMs: number): Promise<number>;
  close(): Promise<void>;
}
