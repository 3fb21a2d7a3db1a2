// A recorded session as a replay source, read through the recorder's replay API
// (recorder/replay-read.ts) in blocks, so a long session never sits in memory whole.
import type { ReplayBlock, ReplayInfo, ReplayReader } from './replay-reader.js';

/** The recorder requests a session replay needs (the engine hands in its recorder). */
export interface SessionFrames {
  span(sessionId: number): Promise<{ frames: number; channels: number; startMs: number; endMs: number; originMs: number }>;
  read(sessionId: number, channels: number, index: number, max: number): Promise<ReplayBlock>;
  indexAt(sessionId: number, timeMs: number): Promise<number>;
}

export class SessionReplayReader implements ReplayReader {
  private channels = 0;

  constructor(
    private readonly frames: SessionFrames,
    private readonly sessionId: number,
  ) {}

  async open(): Promise<ReplayInfo> {
    let span;
    try {
      span = await this.frames.span(this.sessionId);
    } catch (err) {
      throw new Error(`Cannot replay session ${this.sessionId}: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.channels = span.channels;
    return { ...span, badRowCount: 0, badRows: [] };
  }

  read(index: number, max: number): Promise<ReplayBlock> {
    return this.frames.read(this.sessionId, this.channels, index, max);
  }

  indexAt(timeMs: number): Promise<number> {
    return this.frames.indexAt(this.sessionId, timeMs);
  }

  async close(): Promise<void> {
    // nothing held: the recorder owns the database
  }
}
