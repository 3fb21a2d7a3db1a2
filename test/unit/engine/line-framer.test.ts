import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LineFramer, type FramedBatch, type LineFramerOptions } from '../../../src-main/engine/protocol/line-framer.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

function setup(opts: Partial<Omit<LineFramerOptions, 'onBatch'>> = {}): { framer: LineFramer; batches: FramedBatch[] } {
  const batches: FramedBatch[] = [];
  const framer = new LineFramer({
    maxLineBytes: 64,
    maxBatchBytes: 1 << 20,
    maxDelayMs: 5,
    ...opts,
    onBatch: (b) => batches.push(b),
  });
  return { framer, batches };
}

/** The lines (with their LF) of every batch, in order. */
function linesOf(batches: FramedBatch[]): string[] {
  return batches.flatMap((b) => dec.decode(b.bytes).split(/(?<=\n)/).filter((l) => l.length > 0));
}

function totalLines(batches: FramedBatch[]): number {
  return batches.reduce((n, b) => n + b.lines, 0);
}

const SAMPLE = '0,1.5,2\n1,-3,4.25\r\n2,5,6\n\n3,7,8\r\n4,9,10\n';
const SAMPLE_LINES = ['0,1.5,2\n', '1,-3,4.25\r\n', '2,5,6\n', '\n', '3,7,8\r\n', '4,9,10\n'];

describe('LineFramer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes complete lines of one chunk through unchanged (LF and CRLF)', () => {
    const { framer, batches } = setup();
    framer.push(enc.encode(SAMPLE), 1000, 5);
    framer.flush();
    expect(batches).toHaveLength(1);
    expect(dec.decode(batches[0]?.bytes)).toBe(SAMPLE);
    expect(batches[0]?.lines).toBe(6);
    expect(linesOf(batches)).toEqual(SAMPLE_LINES);
  });

  it('gives the same lines for a split at every offset of the sample', () => {
    const bytes = enc.encode(SAMPLE);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { framer, batches } = setup();
      framer.push(bytes.subarray(0, cut));
      framer.push(bytes.subarray(cut));
      framer.flush();
      expect(linesOf(batches), `cut at ${cut}`).toEqual(SAMPLE_LINES);
      expect(totalLines(batches)).toBe(6);
    }
  });

  it('gives the same lines for every pair of cut points', () => {
    const bytes = enc.encode(SAMPLE);
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b++) {
        const { framer, batches } = setup();
        framer.push(bytes.subarray(0, a));
        framer.push(bytes.subarray(a, b));
        framer.push(bytes.subarray(b));
        framer.flush();
        expect(linesOf(batches), `cuts at ${a},${b}`).toEqual(SAMPLE_LINES);
      }
    }
  });

  it('gives the same lines when fed one byte at a time', () => {
    const bytes = enc.encode(SAMPLE);
    const { framer, batches } = setup();
    for (let i = 0; i < bytes.length; i++) framer.push(bytes.subarray(i, i + 1));
    framer.flush();
    expect(linesOf(batches)).toEqual(SAMPLE_LINES);
    expect(totalLines(batches)).toBe(6);
  });

  it('carries a partial line until the next chunk completes it', () => {
    const { framer, batches } = setup();
    framer.push(enc.encode('1,2,3\n4,5'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['1,2,3\n']);
    framer.push(enc.encode(',6\n7'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['1,2,3\n', '4,5,6\n']);
    framer.push(enc.encode(',8,9'));
    framer.flush();
    expect(batches).toHaveLength(2);
    framer.push(enc.encode('\n'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['1,2,3\n', '4,5,6\n', '7,8,9\n']);
    expect(batches.map((b) => b.lines)).toEqual([1, 1, 1]);
  });

  it('discards an over-long line (carried across chunks), counts it, and passes the next line', () => {
    const { framer, batches } = setup({ maxLineBytes: 10 });
    framer.push(enc.encode('ok\n0123456'));
    framer.push(enc.encode('789abcdef')); // now 16 > 10 bytes: discarded
    framer.push(enc.encode('ghij\nnext\n'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['ok\n', 'next\n']);
    expect(framer.overlongLines).toBe(1);
    expect(framer.discardedBytes).toBe('0123456789abcdefghij\n'.length);
  });

  it('discards an over-long line completed by the chunk holding its LF', () => {
    const { framer, batches } = setup({ maxLineBytes: 10 });
    framer.push(enc.encode('01234567'));
    framer.push(enc.encode('89abc\nnext\n'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['next\n']);
    expect(framer.overlongLines).toBe(1);
    expect(framer.discardedBytes).toBe('0123456789abc\n'.length);
  });

  it('keeps a line of exactly maxLineBytes', () => {
    const { framer, batches } = setup({ maxLineBytes: 10 });
    framer.push(enc.encode('0123456789\n'));
    framer.push(enc.encode('01234'));
    framer.push(enc.encode('56789\n'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['0123456789\n', '0123456789\n']);
    expect(framer.overlongLines).toBe(0);
    expect(framer.discardedBytes).toBe(0);
  });

  it('discards an over-long line inside a single chunk', () => {
    const { framer, batches } = setup({ maxLineBytes: 10 });
    framer.push(enc.encode('first\n0123456789abcdef\nnext\n'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['first\n', 'next\n']);
    expect(totalLines(batches)).toBe(2);
    expect(framer.overlongLines).toBe(1);
    expect(framer.discardedBytes).toBe('0123456789abcdef\n'.length);
  });

  it('discards an over-long first line of a single chunk', () => {
    const { framer, batches } = setup({ maxLineBytes: 10 });
    framer.push(enc.encode('0123456789abcdef\nnext\n'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['next\n']);
    expect(framer.overlongLines).toBe(1);
    expect(framer.discardedBytes).toBe(17);
  });

  it('over-long lines give the same result however the stream is chunked', () => {
    const text = 'a\n0123456789ABCDEFGH\nb\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n0123456789\nc\n';
    const want = ['a\n', 'b\r\n', '0123456789\n', 'c\n'];
    const bytes = enc.encode(text);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 8 }), (cuts) => {
        const points = [0, ...cuts.sort((x, y) => x - y), bytes.length];
        const { framer, batches } = setup({ maxLineBytes: 10 });
        for (let i = 0; i + 1 < points.length; i++) framer.push(bytes.subarray(points[i], points[i + 1]));
        framer.flush();
        expect(linesOf(batches)).toEqual(want);
        expect(totalLines(batches)).toBe(4);
        expect(framer.overlongLines).toBe(2);
        expect(framer.discardedBytes).toBe(19 + 31);
      }),
      { numRuns: 300 },
    );
  });

  it('random streams cut anywhere give the lines of the one-chunk stream', () => {
    const lineArb = fc.string({ unit: fc.constantFrom('1', ',', '.', '-', ' ', '\r', 'x'), maxLength: 14, size: 'max' }).map((s) => `${s}\n`);
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), fc.string({ unit: fc.constantFrom('1', ','), maxLength: 5 }), fc.array(fc.nat(), { maxLength: 6 }), (lines, tail, rawCuts) => {
        const bytes = enc.encode(lines.join('') + tail);
        const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
        const points = [0, ...cuts, bytes.length];
        const { framer, batches } = setup({ maxLineBytes: 10 });
        for (let i = 0; i + 1 < points.length; i++) framer.push(bytes.subarray(points[i], points[i + 1]));
        framer.flush();
        const want = lines.filter((l) => l.length - 1 <= 10);
        expect(linesOf(batches)).toEqual(want);
        expect(totalLines(batches)).toBe(want.length);
        expect(framer.overlongLines).toBe(lines.length - want.length);
        expect(framer.discardedBytes).toBe(lines.filter((l) => l.length - 1 > 10).reduce((n, l) => n + l.length, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('emits a batch as soon as it holds maxBatchBytes', () => {
    const { framer, batches } = setup({ maxBatchBytes: 20 });
    framer.push(enc.encode('0123456789\n')); // 11 bytes: waits
    expect(batches).toHaveLength(0);
    framer.push(enc.encode('abcdefghi\n')); // 21 ≥ 20: emitted now
    expect(batches).toHaveLength(1);
    expect(dec.decode(batches[0]?.bytes)).toBe('0123456789\nabcdefghi\n');
    expect(batches[0]?.lines).toBe(2);
    framer.push(enc.encode('0123456789012345678901\n')); // one big chunk: emitted at once
    expect(batches).toHaveLength(2);
    expect(batches[1]?.lines).toBe(1);
    // the size flush also cancelled the delay timer
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(2);
  });

  it('emits pending lines maxDelayMs after the first bytes', () => {
    const { framer, batches } = setup({ maxDelayMs: 5 });
    framer.push(enc.encode('a\n'), 100, 1);
    vi.advanceTimersByTime(3);
    framer.push(enc.encode('b\n'), 103, 4); // does not restart the timer
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(1);
    expect(dec.decode(batches[0]?.bytes)).toBe('a\nb\n');
    expect(batches[0]).toMatchObject({ lines: 2, arrivedAt: 103, firstArrivalMono: 1 });
    // nothing pending: no further batches
    vi.advanceTimersByTime(50);
    expect(batches).toHaveLength(1);
    // a new batch starts a new timer with its own first arrival
    framer.push(enc.encode('c\n'), 200, 50);
    vi.advanceTimersByTime(5);
    expect(batches).toHaveLength(2);
    expect(batches[1]).toMatchObject({ lines: 1, arrivedAt: 200, firstArrivalMono: 50 });
  });

  it('does not start a timer for a chunk without complete lines', () => {
    const { framer, batches } = setup();
    framer.push(enc.encode('partial'));
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(0);
  });

  it('flush with nothing pending emits nothing', () => {
    const { framer, batches } = setup();
    framer.flush();
    expect(batches).toHaveLength(0);
  });

  it('reset drops carried and pending data and returns the pending line count', () => {
    const { framer, batches } = setup({ maxLineBytes: 10 });
    framer.push(enc.encode('a\nb\nc\npartial'));
    expect(framer.reset()).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(0);
    framer.push(enc.encode('x\n'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['x\n']); // the carried "partial" is gone
    expect(framer.reset()).toBe(0);
  });

  it('reset ends an over-long line in progress', () => {
    const { framer, batches } = setup({ maxLineBytes: 4 });
    framer.push(enc.encode('0123456789'));
    expect(framer.overlongLines).toBe(1);
    framer.reset();
    framer.push(enc.encode('ok\n'));
    framer.flush();
    expect(linesOf(batches)).toEqual(['ok\n']);
  });

  it('emitted bytes own their whole buffer (transferable) and are not aliased to the input', () => {
    const cases: Uint8Array[][] = [
      [enc.encode('a,1\nb,2\n')],
      [enc.encode('a,1\nb,2\npart')],
      [enc.encode('xx'), enc.encode('a,1\nb,2\n')],
      [enc.encode('a,1\n'), enc.encode('b,2\n'), enc.encode('c,3\n')],
    ];
    for (const chunks of cases) {
      const { framer, batches } = setup();
      // chunks are views into a larger reused buffer, like the simulator's
      for (const c of chunks) {
        const big = new Uint8Array(c.length + 16);
        big.set(c, 8);
        framer.push(big.subarray(8, 8 + c.length));
        big.fill(0);
      }
      framer.flush();
      expect(batches).toHaveLength(1);
      const b = batches[0] as FramedBatch;
      expect(b.bytes.byteOffset).toBe(0);
      expect(b.bytes.buffer.byteLength).toBe(b.bytes.length);
      expect(dec.decode(b.bytes)).not.toContain('\u0000');
      expect(dec.decode(b.bytes).endsWith('\n')).toBe(true);
      // the buffer can actually be transferred
      const { port1, port2 } = new MessageChannel();
      port1.postMessage(b.bytes, [b.bytes.buffer as ArrayBuffer]);
      expect(b.bytes.byteLength).toBe(0);
      port1.close();
      port2.close();
    }
  });
});
