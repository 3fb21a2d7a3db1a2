// What trying a parser script answers, and the helpers both sides use; free of zod
// (the pool workers import this).

/** A pasted sample: text (line framing), or hex bytes for binary framings. */
export type ScriptSample = { text: string } | { hex: string };

/** Where a script failed to compile (1-based line and column in the operator's source, when known). */
export interface ScriptCompileError {
  message: string;
  line?: number;
  column?: number;
}

export interface ScriptTryResult {
  /** Set when the script does not compile or defines no parse(): nothing ran. */
  compileError?: ScriptCompileError;
  /** Channel names, in the order the decoded rows give their values. */
  names: string[];
  /** One row per decoded frame; null where the frame gave no value (or a non-finite one). */
  rows: (number | null)[][];
  /** Frames the framing found in the sample (decoded or rejected by the script). */
  frames: number;
  /** Frames the script rejected (threw, returned another shape, ran too long), with the latest message. */
  scriptErrors: number;
  lastError?: string;
  /** Refused before the script saw them. */
  checksumFailures: number;
  malformed: number;
  bytesDiscarded: number;
}

/** The sample's bytes (hex read two digits at a time). */
export function sampleBytes(sample: ScriptSample): Uint8Array {
  if ('text' in sample) return new TextEncoder().encode(sample.text);
  const digits = sample.hex.replace(/\s+/g, '');
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** "line 3, column 14: SyntaxError: …" — how a compile error reads in a field message. */
export function describeCompileError(e: ScriptCompileError): string {
  if (e.line === undefined) return e.message;
  return `line ${e.line}${e.column === undefined ? '' : `, column ${e.column}`}: ${e.message}`;
}
