// Binary frames that start with a sync word (sync + length, or sync + fixed length):
// the pool's side. The main thread's SyncFramer already cut whole frames, but the
// same scanner runs here so a batch is decoded exactly whatever it holds.
import type { BinaryFormat } from '@shared/domain/frame-format.js';
import { BinaryFields } from './binary-fields.js';
import { emptyCounts, type DecodeCounts, type DecodeScratch, type FrameDecoder } from './decode-types.js';
import type { SyncCut } from './frame-cut.js';
import { SyncScanner, emptyScanCounts } from './sync-scanner.js';

export class SyncDecoder implements FrameDecoder {
  readonly seqModulo: number;
  readonly deviceTime?: { unitMs: number; modulo: number };
  readonly epochTime?: { unitMs: number };
  private readonly fields: BinaryFields;
  private readonly minFrame: number;

  constructor(
    format: BinaryFormat,
    private readonly cut: SyncCut,
  ) {
    this.fields = new BinaryFields(format);
    this.seqModulo = this.fields.seqModulo;
    if (this.fields.timeUnitMs > 0) this.deviceTime = { unitMs: this.fields.timeUnitMs, modulo: this.fields.timeModulo };
    if (this.fields.epochUnitMs > 0) this.epochTime = { unitMs: this.fields.epochUnitMs };
    this.minFrame = cut.sync.length + cut.lengthBytes + cut.bytes;
  }

  names(): readonly string[] {
    return this.fields.names;
  }

  decode(bytes: Uint8Array, scratch: DecodeScratch): DecodeCounts {
    const fields = this.fields;
    const channels = fields.names.length;
    const want = fields.layoutBytes;
    scratch.ensure(Math.floor(bytes.length / this.minFrame) + 1, channels);
    const values = scratch.values;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = emptyCounts(channels);
    const scan = emptyScanCounts();
    let frames = 0;
    let slots = 0;
    new SyncScanner(this.cut).scan(bytes, 0, bytes.length, true, scan, (start, payloadStart, payloadEnd) => {
      if (payloadEnd - payloadStart !== want) {
        // A whole, checked frame of another length: not this layout.
        out.malformed++;
        out.bytesDiscarded += payloadEnd + this.cut.bytes - start;
      } else {
        fields.read(view, payloadStart, values, frames * channels);
        scratch.seqs[frames] = fields.seq;
        scratch.times[frames] = fields.time;
        scratch.lineIndex[frames] = slots;
        scratch.frameBytes[frames] = payloadEnd + this.cut.bytes - start;
        frames++;
      }
      slots++;
    });
    out.checksumFailures = scan.checksumFailures;
    out.malformed += scan.malformed + scan.overlong;
    out.resyncs = scan.resyncs;
    out.bytesDiscarded += scan.bytesDiscarded;
    out.lines = slots;
    out.frames = frames;
    out.slots = slots;
    return out;
  }
}
