// Piscina worker entry: one BatchProcessor per thread (its scratch buffers are reused).
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { loadScriptEngine, scriptEngineLoaded } from '../protocol/script/script-sandbox.js';
import type { ScriptTry, ScriptTryResult } from '@shared/domain/script-try.js';
import { tryParserScript } from '../protocol/script/script-try.js';
import { BatchProcessor } from './process-batch.js';
import { packResult, type DecodeTask } from './task.js';

const processor = new BatchProcessor();

export interface PackedWithFull {
  packed: Float64Array;
  full: Float64Array;
}

export default function processBatch(task: DecodeTask): Float64Array | PackedWithFull | Promise<Float64Array | PackedWithFull> {
  // The script sandbox (WebAssembly) loads on the first script batch a thread sees.
  if (task.format?.kind === 'script' && !scriptEngineLoaded()) return loadScriptEngine().then(() => processBatch(task));
  const result = processor.process(task);
  const packed = packResult(result);
  const full = result.full;
  if (!full) return move(packed) as unknown as Float64Array;
  // Both buffers are transferred: the full-resolution one travels on to the recorder untouched.
  const movable = {
    get [transferableSymbol]() {
      return [packed.buffer, full.buffer];
    },
    get [valueSymbol]() {
      return { packed, full };
    },
  };
  return move(movable) as unknown as PackedWithFull;
}

/** The device panel's "try": the operator's script compiled and run on a sample in this thread's sandbox. */
export function tryScript(input: ScriptTry): Promise<ScriptTryResult> {
  return tryParserScript(input);
}
