// Test-only pool worker: the real worker, except for batches that carry a marker line.
//   #THROW               throws on every attempt
//   #EXIT                process.exit(1) on every attempt (the worker thread dies)
//   #THROW-ONCE:<path>   throws on the first attempt only
//   #EXIT-ONCE:<path>    exits on the first attempt only
// The retry sends identical bytes, possibly to another (or a fresh, replaced) worker, so
// "first attempt" cannot live in a thread's globals. It is an exclusive file create instead:
// open(path, 'wx') succeeds for exactly one attempt across every thread, dead or alive;
// every later attempt gets EEXIST and decodes normally. The test picks a fresh path per batch.
import { closeSync, openSync } from 'node:fs';
import type { DecodeTask } from '../../src-main/engine/pipeline/task.js';
import processBatch from '../../src-main/engine/pipeline/worker.js';

const HASH = 0x23; // '#'
const LF = 0x0a;

function markers(bytes: Uint8Array): string[] {
  const out: string[] = [];
  let i = bytes.indexOf(HASH);
  while (i >= 0) {
    if (i === 0 || bytes[i - 1] === LF) {
      let end = bytes.indexOf(LF, i);
      if (end < 0) end = bytes.length;
      out.push(new TextDecoder().decode(bytes.subarray(i, end)).trim());
      i = end;
    }
    i = bytes.indexOf(HASH, i + 1);
  }
  return out;
}

/** True for the one attempt that creates `path`. */
function firstAttempt(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx'));
    return true;
  } catch {
    return false;
  }
}

export default function chaosBatch(task: DecodeTask): ReturnType<typeof processBatch> {
  for (const m of markers(task.bytes)) {
    const colon = m.indexOf(':');
    const kind = colon < 0 ? m : m.slice(0, colon);
    const path = colon < 0 ? undefined : m.slice(colon + 1);
    const once = kind.endsWith('-ONCE');
    if (once && (!path || !firstAttempt(path))) continue;
    if (kind === '#THROW' || kind === '#THROW-ONCE') throw new Error(`chaos: ${m}`);
    if (kind === '#EXIT' || kind === '#EXIT-ONCE') process.exit(1);
  }
  return processBatch(task);
}
