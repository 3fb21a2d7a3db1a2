// Replay at run time: what the operator can do to a running replay, and what it reports.
import { z } from 'zod';
import { REPLAY_MAX_SPEED, REPLAY_MIN_SPEED } from './link-replay.js';

export const ReplayControlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('resume') }),
  /** Jump to the first frame at or after `timeMs` (sample time, epoch ms). */
  z.object({ action: z.literal('seek'), timeMs: z.number().finite() }),
  z.object({
    action: z.literal('speed'),
    speed: z.number().finite().min(REPLAY_MIN_SPEED, `speed is at least ${REPLAY_MIN_SPEED}×`).max(REPLAY_MAX_SPEED, `speed is at most ${REPLAY_MAX_SPEED}×`),
    asFastAsPossible: z.boolean().default(false),
  }),
  z.object({ action: z.literal('loop'), loop: z.boolean() }),
]);
export type ReplayControl = z.infer<typeof ReplayControlSchema>;
export type ReplayControlInput = z.input<typeof ReplayControlSchema>;

/** A CSV row that was not replayed, and why. */
export interface BadRow {
  /** 1-based line number in the file. */
  line: number;
  reason: string;
}

/** Bad rows named one by one up to this many; the count goes on. */
export const MAX_BAD_ROWS_LISTED = 100;

export type ReplayState = 'loading' | 'playing' | 'paused' | 'ended';

export interface ReplayStatus {
  /** What is replayed ("replay of session 3", "replay of run.csv"). */
  description: string;
  state: ReplayState;
  /** Sample time (epoch ms) of the next frame to send; the slider's position. */
  positionMs: number;
  startMs: number;
  endMs: number;
  /** Frames in the source and sent so far (over every loop). */
  frames: number;
  framesSent: number;
  speed: number;
  asFastAsPossible: boolean;
  loop: boolean;
  loops: number;
  /** Malformed CSV rows: the count, and the first MAX_BAD_ROWS_LISTED by line number. */
  badRowCount: number;
  badRows: BadRow[];
}
