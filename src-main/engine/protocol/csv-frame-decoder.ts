// The simulator's format `seq,v1,…,vN\n`: a thin front on the general CsvDecoder,
// kept for callers that only know a channel count.
import { CsvDecoder, numberedNames } from './csv-decoder.js';
import { DecodeScratch, countByte, droppedFrames } from './decode-types.js';

export { DecodeScratch };

const LF = 10;
const COMMA = 44;

export interface DecodeOutput {
  /** Lines seen (valid + malformed); each takes a time slot. */
  lines: number;
  /** Valid frames written to `values`/`seqs`/`lineIndex`. */
  frames: number;
  /** Lines skipped because they were malformed (wrong field count, non-numeric, empty). */
  errors: number;
}

export function countLines(bytes: Uint8Array): number {
  return countByte(bytes, LF);
}

const decoders = new Map<number, CsvDecoder>();

/**
 * Decodes complete lines of `bytes` (a trailing partial line counts as a line).
 * Values land row-major in `scratch.values` (frame f, channel c at f * channels + c).
 */
export function decodeCsvFrames(bytes: Uint8Array, channels: number, scratch: DecodeScratch): DecodeOutput {
  let d = decoders.get(channels);
  if (!d) {
    d = new CsvDecoder({ channels, seqField: true, separator: COMMA, eol: LF, names: numberedNames(channels) });
    decoders.set(channels, d);
  }
  const c = d.decode(bytes, scratch);
  return { lines: c.lines, frames: c.frames, errors: droppedFrames(c) };
}
