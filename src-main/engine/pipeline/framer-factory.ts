// The main-thread framer a format needs: lines / SLIP / COBS cut at a delimiter byte,
// or sync-word frames hunted (and checked) whole.
import type { FrameFormat } from '@shared/domain/frame-format.js';
import type { IntegrityCounters } from '@shared/domain/integrity.js';
import { syncCutOf } from '../protocol/frame-cut.js';
import { frameDelimiter, maxFrameBytes } from '../protocol/frame-decoder.js';
import { LineFramer, type FramedBatch } from '../protocol/line-framer.js';
import { SyncFramer } from '../protocol/sync-framer.js';

export interface Framer {
  push(chunk: Uint8Array, now?: number, mono?: number): void;
  flush(): void;
  /** Forgets carried and pending bytes; returns the frames discarded. */
  reset(): number;
  readonly overlongLines: number;
  /** What the framer itself discarded (the pool counts the rest). */
  integrity(): Partial<IntegrityCounters>;
  clearCounts(): void;
}

export interface FramerOptions {
  /** Overrides the format's maximum line length (the default CSV only). */
  maxLineBytes?: number;
  onBatch: (batch: FramedBatch) => void;
  /** Sees the first line (a CSV header); true when it consumed it. */
  firstLine?: (line: Uint8Array) => boolean;
}

const MAX_BATCH_BYTES = 64 * 1024;
const MAX_DELAY_MS = 2;

export function createFramer(format: FrameFormat, opts: FramerOptions): Framer {
  const cut = format.kind === 'binary' || format.kind === 'script' ? syncCutOf(format) : undefined;
  if (cut) return new SyncFramer(cut, { maxBatchBytes: MAX_BATCH_BYTES, maxDelayMs: MAX_DELAY_MS, onBatch: opts.onBatch });
  return new LineFramer({
    delimiter: frameDelimiter(format),
    maxLineBytes: opts.maxLineBytes ?? maxFrameBytes(format),
    maxBatchBytes: MAX_BATCH_BYTES,
    maxDelayMs: MAX_DELAY_MS,
    onBatch: opts.onBatch,
    ...(opts.firstLine ? { firstLine: opts.firstLine } : {}),
  });
}
