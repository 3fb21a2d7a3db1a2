// Hunts sync-word frames in a byte stream: sync, optional length field, payload,
// checksum. A candidate that fails (impossible length, bad checksum) gives up only its
// first byte and the hunt goes on inside it, so a valid frame that starts within
// garbage or within a false candidate is never lost. Every byte ends up in exactly one
// valid frame or in bytesDiscarded.
import { readChecksum } from './crc.js';
import type { SyncCut } from './frame-cut.js';

export interface ScanCounts {
  checksumFailures: number;
  /** Candidates whose length field is impossible (shorter than its header). */
  malformed: number;
  /** Candidates whose length field exceeds the maximum frame length. */
  overlong: number;
  /** Runs of discarded bytes (each one hunt for the next sync word). */
  resyncs: number;
  bytesDiscarded: number;
}

export function emptyScanCounts(): ScanCounts {
  return { checksumFailures: 0, malformed: 0, overlong: 0, resyncs: 0, bytesDiscarded: 0 };
}

/** A valid frame: [start, payloadEnd + checksum bytes), its payload at [payloadStart, payloadEnd). */
export type FrameSink = (start: number, payloadStart: number, payloadEnd: number) => void;

export class SyncScanner {
  /** Inside a run of discarded bytes (a resync is counted once per run, across calls). */
  private hunting = false;
  private readonly header: number;

  constructor(private readonly cut: SyncCut) {
    this.header = cut.sync.length + cut.lengthBytes;
  }

  reset(): void {
    this.hunting = false;
  }

  /**
   * Scans buf[from, end). Returns the first byte not yet settled (a frame that may still
   * complete); with `final` nothing waits: every byte is settled and end is returned.
   */
  scan(buf: Uint8Array, from: number, end: number, final: boolean, counts: ScanCounts, sink: FrameSink): number {
    const { sync, lengthBytes, fixedPayload, maxFrameBytes, fn, bytes: crcBytes, little } = this.cut;
    const syncLen = sync.length;
    const s0 = sync[0] as number;
    const header = this.header;
    let i = from;
    while (i < end) {
      const p = buf.indexOf(s0, i);
      if (p < 0 || p >= end) {
        this.discard(counts, end - i);
        return end;
      }
      // Not enough bytes yet to judge the candidate at p: wait for more (or give up its first byte when final).
      let need = p + syncLen;
      let ok = need <= end;
      if (ok) {
        for (let k = 1; k < syncLen; k++) {
          if (buf[p + k] !== sync[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) {
          this.discard(counts, p + 1 - i);
          i = p + 1;
          continue;
        }
        need = p + header;
        ok = need <= end;
      }
      let payload = fixedPayload;
      let total = 0;
      if (ok && lengthBytes > 0) {
        const v = lengthBytes === 1 ? (buf[p + syncLen] as number) : little16(buf, p + syncLen, this.cut.lengthLittle);
        payload = this.cut.lengthCountsFrame ? v - header - crcBytes : v;
        if (payload < 0 || header + payload + crcBytes > maxFrameBytes) {
          if (payload < 0) counts.malformed++;
          else counts.overlong++;
          this.discard(counts, p + 1 - i);
          i = p + 1;
          continue;
        }
      }
      if (ok) {
        total = header + payload + crcBytes;
        ok = p + total <= end;
      }
      if (!ok) {
        if (final) {
          this.discard(counts, p + 1 - i);
          i = p + 1;
          continue;
        }
        this.discard(counts, p - i);
        return p;
      }
      const payloadEnd = p + header + payload;
      if (fn !== undefined && fn(buf, this.cut.crcFromSync ? p : p + syncLen, payloadEnd) !== readChecksum(buf, payloadEnd, crcBytes, little)) {
        counts.checksumFailures++;
        this.discard(counts, p + 1 - i);
        i = p + 1;
        continue;
      }
      this.discard(counts, p - i);
      this.hunting = false;
      sink(p, p + header, payloadEnd);
      i = p + total;
    }
    return i;
  }

  private discard(counts: ScanCounts, n: number): void {
    if (n <= 0) return;
    counts.bytesDiscarded += n;
    if (!this.hunting) {
      counts.resyncs++;
      this.hunting = true;
    }
  }
}

function little16(buf: Uint8Array, off: number, little: boolean): number {
  const a = buf[off] as number;
  const b = buf[off + 1] as number;
  return little ? a | (b << 8) : (a << 8) | b;
}
