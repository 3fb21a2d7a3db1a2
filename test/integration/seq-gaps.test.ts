// Sequence-gap accounting must not depend on where a stream is cut into chunks and batches: for
// random lost frames and random chunk splits, the pipeline's seqGaps and framesLost equal a
// reference computed over the whole sequence (fast-check property, real worker threads).
import fc from 'fast-check';
import { FrameFormatSchema, type FrameFormat } from '@shared/domain/frame-format.js';
import { afterAll, describe, expect, it } from 'vitest';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { concatBytes, encodeFrame } from '../../src-main/engine/protocol/frame-encoder.js';
import { testWorker } from '../helpers/worker.js';

const NAMES = ['a', 'b'];
const pool = new WorkerPool({ workerFile: testWorker.workerFile, execArgv: testWorker.workerExecArgv, threads: 2 });
afterAll(() => pool.close());

/** Gaps and lost frames over the whole sequence, as an operator would count them. */
function reference(seqs: number[], modulo: number): { seqGaps: number; framesLost: number } {
  let seqGaps = 0;
  let framesLost = 0;
  for (let i = 1; i < seqs.length; i++) {
    let step = seqs[i]! - seqs[i - 1]!;
    if (modulo > 0) step = ((step % modulo) + modulo) % modulo;
    if (step === 1) continue;
    seqGaps++;
    if (step > 1) framesLost += step - 1;
  }
  return { seqGaps, framesLost };
}

function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set(at.map((p) => Math.floor(p * bytes.length)))].filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.slice(from, p));
    from = p;
  }
  out.push(bytes.slice(from));
  return out;
}

async function count(format: FrameFormat, seqs: number[], splits: number[], pauses: boolean[]): Promise<{ seqGaps: number; framesLost: number }> {
  const pipeline = new Pipeline({ pool, channels: 2, periodMs: 1, bucketMs: 0, queueCapacity: 10_000, overflowPolicy: 'reject', publishHz: 60, format, onPublish: () => undefined });
  const bytes = concatBytes(seqs.map((s) => encodeFrame(format, { seq: s, values: [s, -s], names: NAMES })));
  const parts = cut(bytes, splits);
  for (let i = 0; i < parts.length; i++) {
    pipeline.ingest(parts[i]!);
    // Some chunks arrive after the pipeline drained: batch boundaries fall there.
    if (pauses[i % Math.max(1, pauses.length)]) await pipeline.idle();
    else if (i % 3 === 0) await new Promise((r) => setTimeout(r, 3));
  }
  await pipeline.idle();
  const { seqGaps, framesLost } = pipeline.integrity();
  pipeline.close();
  return { seqGaps, framesLost };
}

/** A sequence with random losses (runs of 1..5 frames), starting anywhere. */
const lossySeqs = (max: number) =>
  fc.record({ start: fc.integer({ min: 0, max }), n: fc.integer({ min: 2, max: 3000 }), lost: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 50 }), every: fc.integer({ min: 2, max: 60 }) }).map(({ start, n, lost, every }) => {
    const seqs: number[] = [];
    let s = start;
    for (let i = 0; i < n; i++) {
      seqs.push(s);
      s += 1 + (i % every === every - 1 ? (lost[i % Math.max(1, lost.length)] ?? 0) : 0);
    }
    return seqs;
  });

/** Frames wholly inside one run of measured chunks: the only ones an operator could have seen. */
function measuredSeqs(frameEnds: number[], seqs: number[], parts: Uint8Array[], measured: boolean[]): number[] {
  const runs: [number, number][] = [];
  let at = 0;
  parts.forEach((p, i) => {
    const on = measured[i % measured.length] ?? true;
    const last = runs.at(-1);
    if (on && last && last[1] === at) last[1] = at + p.length;
    else if (on) runs.push([at, at + p.length]);
    at += p.length;
  });
  const out: number[] = [];
  let start = 0;
  frameEnds.forEach((end, f) => {
    if (runs.some(([a, b]) => a <= start && end <= b)) out.push(seqs[f]!);
    start = end;
  });
  return out;
}

describe('sequence gaps across batch boundaries', () => {
  it.each([
    ['kv', { kind: 'kv', seqName: 'n' }],
    ['csv', { kind: 'csv' }],
  ])('%s: bytes skipped while not measuring never splice a frame from two places of the stream', async (_label, input) => {
    const format = FrameFormatSchema.parse(input);
    await fc.assert(
      fc.asyncProperty(lossySeqs(100_000), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 9 }), async (seqs, splits, measured) => {
        const pipeline = new Pipeline({ pool, channels: 2, periodMs: 1, bucketMs: 0, queueCapacity: 10_000, overflowPolicy: 'reject', publishHz: 60, format, onPublish: () => undefined });
        const frames = seqs.map((s) => encodeFrame(format, { seq: s, values: [s, -s], names: NAMES }));
        const frameEnds: number[] = [];
        frames.reduce((n, f) => (frameEnds.push(n + f.length), n + f.length), 0);
        const parts = cut(concatBytes(frames), splits);
        parts.forEach((p, i) => ((measured[i % measured.length] ?? true) ? pipeline.ingest(p) : pipeline.skip(p)));
        await pipeline.idle();
        const { seqGaps, framesLost, framesOk, malformed } = pipeline.integrity();
        pipeline.close();
        const seen = measuredSeqs(frameEnds, seqs, parts, measured);
        expect({ framesOk, malformed, seqGaps, framesLost }).toEqual({ framesOk: seen.length, malformed: 0, ...reference(seen, 0) });
      }),
      { numRuns: 60 },
    );
  });


  it('kv: seqGaps and framesLost equal the reference for any split into chunks and batches', async () => {
    const format = FrameFormatSchema.parse({ kind: 'kv', seqName: 'n' });
    await fc.assert(
      fc.asyncProperty(lossySeqs(100_000), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), fc.array(fc.boolean(), { maxLength: 8 }), async (seqs, splits, pauses) => {
        expect(await count(format, seqs, splits, pauses)).toEqual(reference(seqs, 0));
      }),
      { numRuns: 40 },
    );
  });

  it.each([
    ['csv', { kind: 'csv' }],
    ['jsonl', { kind: 'jsonl', seqPath: 'n' }],
  ])('%s: the same for any split', async (_label, input) => {
    const format = FrameFormatSchema.parse(input);
    await fc.assert(
      fc.asyncProperty(lossySeqs(100_000), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), fc.array(fc.boolean(), { maxLength: 8 }), async (seqs, splits, pauses) => {
        expect(await count(format, seqs, splits, pauses)).toEqual(reference(seqs, 0));
      }),
      { numRuns: 20 },
    );
  });

  it('binary with a u16 sequence that wraps: the same, modulo 65536', async () => {
    const layout = [{ name: 'n', type: 'u16' as const }, ...NAMES.map((name) => ({ name, type: 'f64' as const }))];
    const format = FrameFormatSchema.parse({ kind: 'binary', framing: 'cobs', crc: 'crc16-ccitt-false', layout, seqField: 'n' });
    await fc.assert(
      fc.asyncProperty(lossySeqs(65_400), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), fc.array(fc.boolean(), { maxLength: 8 }), async (seqs, splits, pauses) => {
        const wrapped = seqs.map((s) => s % 65_536);
        expect(await count(format, wrapped, splits, pauses)).toEqual(reference(wrapped, 65_536));
      }),
      { numRuns: 30 },
    );
  });
});
