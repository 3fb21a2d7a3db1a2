// Raw bytes for the console panel, bounded and coalesced: at most `hz` messages a
// second and at most `maxBytesPerFlush` bytes each; anything beyond is counted as
// skipped instead of queued, so a flooding device cannot flood the UI.
import type { ConsoleBatch, ConsoleEntry } from '@shared/domain/link.js';

export interface ConsoleTapOptions {
  emit: (batch: ConsoleBatch) => void;
  hz?: number;
  maxBytesPerFlush?: number;
  now?: () => number;
}

interface Pending {
  dir: ConsoleEntry['dir'];
  t: number;
  parts: Uint8Array[];
  bytes: number;
}

export class ConsoleTap {
  private readonly emit: (batch: ConsoleBatch) => void;
  private readonly intervalMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private skipped = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  /** Messages emitted so far (tests check the rate bound with it). */
  flushes = 0;

  constructor(opts: ConsoleTapOptions) {
    this.emit = opts.emit;
    this.intervalMs = 1000 / (opts.hz ?? 30);
    this.maxBytes = opts.maxBytesPerFlush ?? 16 * 1024;
    this.now = opts.now ?? Date.now;
  }

  rx(chunk: Uint8Array): void {
    this.add('rx', chunk);
  }

  tx(chunk: Uint8Array): void {
    this.add('tx', chunk);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private add(dir: ConsoleEntry['dir'], chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const room = this.maxBytes - this.pendingBytes;
    // Sent bytes are always shown: the operator typed them.
    const take = dir === 'tx' ? chunk.length : Math.min(room, chunk.length);
    this.skipped += chunk.length - take;
    if (take > 0) {
      // Copy (Buffer#slice would not): the link may reuse its buffer, the pipeline may transfer it.
      const part = Uint8Array.prototype.slice.call(chunk, 0, take);
      const last = this.pending[this.pending.length - 1];
      if (last && last.dir === dir) {
        last.parts.push(part);
        last.bytes += take;
      } else {
        this.pending.push({ dir, t: this.now(), parts: [part], bytes: take });
      }
      this.pendingBytes += take;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    this.lastFlush = this.now();
    const entries: ConsoleEntry[] = this.pending.map((p) => ({ dir: p.dir, t: p.t, data: Buffer.concat(p.parts, p.bytes).toString('base64') }));
    const skippedBytes = this.skipped;
    this.pending = [];
    this.pendingBytes = 0;
    this.skipped = 0;
    if (entries.length === 0 && skippedBytes === 0) return;
    this.flushes++;
    this.emit({ entries, skippedBytes });
  }
}
