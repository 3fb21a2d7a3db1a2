// The worker side of tryParserScript: compiles the operator's script in the same QuickJS
// sandbox (limits, prelude, time budget) the pool decodes with, and decodes a pasted sample
// with the format's framing and checksum, so what the editor shows is what the link will do.
import type { ScriptTry } from '@shared/domain/script-try.js';
import { sampleBytes, type ScriptTryResult } from '@shared/domain/script-try-result.js';
import { DecodeScratch } from '../decode-types.js';
import { ScriptDecoder } from './script-decoder.js';
import { loadScriptEngine } from './script-sandbox.js';

export async function tryParserScript(input: ScriptTry): Promise<ScriptTryResult> {
  await loadScriptEngine();
  const decoder = new ScriptDecoder(input.format);
  const empty: ScriptTryResult = { names: [], rows: [], frames: 0, scriptErrors: 0, checksumFailures: 0, malformed: 0, bytesDiscarded: 0 };
  try {
    if (decoder.compileError) return { ...empty, compileError: decoder.compileError };
    if (!input.sample) return empty;
    const scratch = new DecodeScratch();
    const c = decoder.decode(sampleBytes(input.sample), scratch);
    const names = [...decoder.names()];
    const rows: (number | null)[][] = [];
    for (let f = 0; f < c.frames; f++) {
      const row: (number | null)[] = [];
      for (let k = 0; k < c.channels; k++) {
        const v = scratch.values[f * c.channels + k] as number;
        row.push(Number.isFinite(v) ? v : null);
      }
      rows.push(row);
    }
    return {
      names,
      rows,
      frames: c.frames + c.scriptErrors,
      scriptErrors: c.scriptErrors,
      ...(c.lastError === undefined ? {} : { lastError: c.lastError }),
      checksumFailures: c.checksumFailures,
      malformed: c.malformed,
      bytesDiscarded: c.bytesDiscarded,
    };
  } finally {
    decoder.dispose();
  }
}
