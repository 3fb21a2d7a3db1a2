// Frames decoded by the operator's parse(frame) in the QuickJS sandbox. The framing is
// the format's (lines, SLIP, COBS, sync word); checksums are checked before the script
// sees a payload. A frame the script rejects is a counted script error with its message.
import type { ScriptFormat } from '@shared/domain/frame-format.js';
import { lineEndByte } from '@shared/domain/frame-layout.js';
import { describeCompileError, type ScriptCompileError } from '@shared/domain/script-try-result.js';
import { COBS_DELIMITER, cobsDecodeInto } from '../cobs.js';
import { readChecksum } from '../crc.js';
import { countByte, emptyCounts, type DecodeCounts, type DecodeScratch, type FrameDecoder } from '../decode-types.js';
import { checksumSpec, syncCutOf, type ChecksumSpec } from '../frame-cut.js';
import { SLIP_END, slipDecodeInto } from '../slip.js';
import { SyncScanner, emptyScanCounts } from '../sync-scanner.js';
import { SCRIPT_STRIDE } from './sandbox-prelude.js';
import { DEFAULT_SANDBOX_LIMITS, ScriptError, ScriptSandbox } from './script-sandbox.js';

const TEXT = new TextDecoder();

/** Payloads of a batch: concatenated bytes plus [start, end) per frame, and each frame's wire bytes. */
interface Payloads {
  bytes: Uint8Array;
  offsets: Int32Array;
  wire: Int32Array;
  count: number;
}

export class ScriptDecoder implements FrameDecoder {
  readonly seqModulo = 0;
  private readonly sandbox: ScriptSandbox | undefined;
  /** Why the script cannot run at all (it did not compile): every frame fails with this. */
  readonly compileError: ScriptCompileError | undefined;
  private readonly broken: string | undefined;
  private readonly check: ChecksumSpec;
  private payload = new Uint8Array(0);

  constructor(private readonly format: ScriptFormat) {
    this.check = checksumSpec(format);
    let sandbox: ScriptSandbox | undefined;
    let compileError: ScriptCompileError | undefined;
    try {
      sandbox = new ScriptSandbox(format.source, { ...DEFAULT_SANDBOX_LIMITS, budgetMs: format.timeBudgetMs });
    } catch (e) {
      compileError =
        e instanceof ScriptError
          ? { message: e.message, ...(e.line === undefined ? {} : { line: e.line }), ...(e.column === undefined ? {} : { column: e.column }) }
          : { message: e instanceof Error ? e.message : String(e) };
    }
    this.sandbox = sandbox;
    this.compileError = compileError;
    this.broken = compileError && describeCompileError(compileError);
  }

  names(): readonly string[] {
    return this.sandboxNames;
  }

  private sandboxNames: readonly string[] = [];

  sync(names: readonly string[]): void {
    this.sandbox?.syncNames(names);
    this.sandboxNames = names.slice(0, SCRIPT_STRIDE);
  }

  dispose(): void {
    this.sandbox?.dispose();
  }

  decode(bytes: Uint8Array, scratch: DecodeScratch): DecodeCounts {
    const out = emptyCounts(0);
    const f = this.format;
    let count: number;
    let wire: Int32Array | undefined;
    let input: Parameters<ScriptSandbox['run']>[0];
    if (f.framing === 'line') {
      const eol = lineEndByte(f);
      count = countByte(bytes, eol) + (bytes.length > 0 && bytes[bytes.length - 1] !== eol ? 1 : 0);
      input = { text: TEXT.decode(bytes), delimiter: String.fromCharCode(eol) };
    } else {
      const p = f.framing === 'slip' || f.framing === 'cobs' ? this.delimited(bytes, out) : this.synced(bytes, out);
      count = p.count;
      wire = p.wire;
      input = { bytes: p.bytes, offsets: p.offsets };
    }
    scratch.ensure(count, SCRIPT_STRIDE);
    if (!this.sandbox) {
      out.scriptErrors = count;
      if (count > 0) out.lastError = this.broken ?? 'the script cannot run';
      out.bytesDiscarded += bytes.length;
      out.lines = out.slots = count;
      return out;
    }
    const run = this.sandbox.run(input, count);
    this.sandboxNames = run.names;
    const channels = run.names.length;
    out.channels = channels;
    out.unknownFields = run.unknownFields;
    const values = scratch.values;
    let frames = 0;
    for (let k = 0; k < count; k++) {
      const ok = run.ok[k] as number;
      if (ok === 0) continue;
      // Columns past the ones the frame wrote or cleared were first seen in a later frame.
      const width = Math.min(ok - 1, channels);
      const base = frames * channels;
      for (let c = 0; c < width; c++) values[base + c] = run.values[k * SCRIPT_STRIDE + c] as number;
      for (let c = width; c < channels; c++) values[base + c] = Number.NaN;
      scratch.seqs[frames] = Number.NaN;
      scratch.lineIndex[frames] = k;
      frames++;
    }
    out.scriptErrors = count - frames;
    const last = run.errors.at(-1);
    if (last) out.lastError = `frame ${last.frame + 1} of its batch: ${last.message}`;
    if (out.scriptErrors > 0) {
      // Bytes of the rejected frames (lines: roughly, by their share of the batch).
      if (wire) for (const e of run.errors) out.bytesDiscarded += wire[e.frame] ?? 0;
      else out.bytesDiscarded += Math.round((bytes.length * out.scriptErrors) / Math.max(1, count));
    }
    out.lines = out.lines + count;
    out.frames = frames;
    out.slots = count;
    return out;
  }

  /** SLIP/COBS frames unstuffed and checked; bad ones counted in `out`. */
  private delimited(bytes: Uint8Array, out: DecodeCounts): Payloads {
    const slip = this.format.framing === 'slip';
    const delim = slip ? SLIP_END : COBS_DELIMITER;
    const max = this.format.maxFrameBytes;
    if (this.payload.length < bytes.length) this.payload = new Uint8Array(bytes.length);
    const n = countByte(bytes, delim) + 1;
    const offsets = new Int32Array(2 * n);
    const wire = new Int32Array(n);
    const { fn, bytes: size, little } = this.check;
    let o = 0;
    let count = 0;
    let prevBad = false;
    let i = 0;
    while (i < bytes.length) {
      let e = bytes.indexOf(delim, i);
      if (e < 0) e = bytes.length;
      if (e > i) {
        const dest = this.payload.subarray(o, Math.min(o + max, this.payload.length));
        const got = slip ? slipDecodeInto(bytes, i, e, dest) : cobsDecodeInto(bytes, i, e, dest);
        let bad = got < size;
        if (!bad && fn !== undefined && fn(dest, 0, got - size) !== readChecksum(dest, got - size, size, little)) {
          out.checksumFailures++;
          bad = true;
        } else if (bad) out.malformed++;
        out.lines++;
        if (bad) {
          out.bytesDiscarded += Math.min(e + 1, bytes.length) - i;
          if (!prevBad) out.resyncs++;
        } else {
          offsets[2 * count] = o;
          offsets[2 * count + 1] = o + got - size;
          wire[count] = Math.min(e + 1, bytes.length) - i;
          count++;
          o += got;
        }
        prevBad = bad;
      }
      i = e + 1;
    }
    out.lines -= count;
    return { bytes: this.payload.subarray(0, o), offsets, wire, count };
  }

  /** Sync-word frames: payloads are read in place. */
  private synced(bytes: Uint8Array, out: DecodeCounts): Payloads {
    const cut = syncCutOf(this.format);
    if (!cut) return { bytes, offsets: new Int32Array(0), wire: new Int32Array(0), count: 0 };
    const scan = emptyScanCounts();
    const starts: number[] = [];
    new SyncScanner(cut).scan(bytes, 0, bytes.length, true, scan, (start, payloadStart, payloadEnd) => starts.push(start, payloadStart, payloadEnd));
    const count = starts.length / 3;
    const offsets = new Int32Array(2 * count);
    const wire = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      offsets[2 * k] = starts[3 * k + 1] as number;
      offsets[2 * k + 1] = starts[3 * k + 2] as number;
      wire[k] = (starts[3 * k + 2] as number) + cut.bytes - (starts[3 * k] as number);
    }
    out.checksumFailures += scan.checksumFailures;
    out.malformed += scan.malformed + scan.overlong;
    out.resyncs += scan.resyncs;
    out.bytesDiscarded += scan.bytesDiscarded;
    return { bytes, offsets, wire, count };
  }
}
