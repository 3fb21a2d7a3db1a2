import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FaultRequestSchema, type FaultRequestInput } from '@shared/domain/faults.js';
import { isLinkFault, LinkFaultInjector, type LinkFault } from '../../../../src-main/engine/faults/link-faults.js';

const LF = 10;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** Deterministic PRNG (mulberry32) so a failing case replays. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fault(input: FaultRequestInput): LinkFault {
  return FaultRequestSchema.parse(input) as LinkFault;
}

interface Rig {
  inj: LinkFaultInjector;
  /** Copies of every emitted chunk (the injector may reuse its buffer). */
  out: Uint8Array[];
  raw: Uint8Array[];
  bytes(): Uint8Array;
}

function rig(opts: { delimiter?: number; binary?: boolean; random?: () => number; faults?: LinkFault[] } = {}): Rig {
  const out: Uint8Array[] = [];
  const raw: Uint8Array[] = [];
  const inj = new LinkFaultInjector({
    emit: (c) => {
      raw.push(c);
      out.push(c.slice());
    },
    delimiter: opts.delimiter ?? LF,
    binary: opts.binary ?? false,
    random: opts.random ?? seeded(1),
  });
  if (opts.faults) inj.setFaults(opts.faults.map((f, i) => ({ id: `f${i + 1}`, fault: f })));
  return { inj, out, raw, bytes: () => concat(out) };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all;
}

function count(bytes: Uint8Array, b: number): number {
  let n = 0;
  for (const x of bytes) if (x === b) n++;
  return n;
}

/** Cuts `bytes` at the given (sorted, deduplicated) offsets. */
function chunked(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const c of [...at, bytes.length]) {
    if (c > prev) parts.push(bytes.slice(prev, c));
    prev = Math.max(prev, c);
  }
  return parts;
}

function csvFrames(n: number, channels = 3): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`${i},${Array.from({ length: channels }, (_, c) => (Math.sin(i + c) * 10).toFixed(4)).join(',')}\n`);
  return enc.encode(lines.join(''));
}

/** Binary frames: random bodies without the delimiter, each followed by it. */
const binaryStream = (delimiter: number): fc.Arbitrary<{ bytes: Uint8Array; frames: number }> =>
  fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { minLength: 0, maxLength: 40 }).map((bodies) => {
    const parts = bodies.map((b) => Uint8Array.from([...b.filter((x) => x !== delimiter), delimiter]));
    return { bytes: concat(parts), frames: parts.length };
  });

const frameFaults = fc.record({
  drop: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
  truncate: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
  corrupt: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
  flood: fc.option(fc.integer({ min: 2, max: 6 }), { nil: undefined }),
  stall: fc.boolean(),
});

function toFaults(f: { drop?: number; truncate?: number; corrupt?: number; flood?: number; stall: boolean }): LinkFault[] {
  const out: LinkFault[] = [];
  if (f.stall) out.push(fault({ kind: 'stall' }));
  if (f.drop !== undefined) out.push(fault({ kind: 'drop', percent: f.drop }));
  if (f.truncate !== undefined) out.push(fault({ kind: 'truncate', percent: f.truncate }));
  if (f.corrupt !== undefined) out.push(fault({ kind: 'corrupt', percent: f.corrupt }));
  if (f.flood !== undefined) out.push(fault({ kind: 'flood', factor: f.flood }));
  return out;
}

describe('LinkFaultInjector without faults', () => {
  it('emits the very same chunk object, synchronously', () => {
    const r = rig();
    const chunk = csvFrames(3);
    r.inj.push(chunk);
    expect(r.raw).toHaveLength(1);
    expect(r.raw[0]).toBe(chunk);
    expect(r.inj.active).toBe(false);
  });

  it('goes back to the fast path once faults are removed at a frame boundary', () => {
    const r = rig({ faults: [fault({ kind: 'drop', percent: 0 })] });
    expect(r.inj.active).toBe(true);
    r.inj.push(csvFrames(2));
    r.inj.setFaults([]);
    const chunk = csvFrames(2);
    r.inj.push(chunk);
    expect(r.raw.at(-1)).toBe(chunk);
  });
});

describe('LinkFaultInjector framing', () => {
  it('isLinkFault accepts the stream faults and leaves disconnect and device faults out', () => {
    expect(isLinkFault(FaultRequestSchema.parse({ kind: 'drop', percent: 1 }))).toBe(true);
    expect(isLinkFault(FaultRequestSchema.parse({ kind: 'disconnect' }))).toBe(false);
    expect(isLinkFault(FaultRequestSchema.parse({ kind: 'stuck', channel: 0 }))).toBe(false);
  });

  it('setDelimiter switches the frame boundary', () => {
    const r = rig({ faults: [fault({ kind: 'drop', percent: 100 })] });
    r.inj.setDelimiter(0xc0, true);
    r.inj.setFaults([]);
    r.inj.setFaults([{ id: 'd', fault: fault({ kind: 'drop', percent: 100 }) }]);
    r.inj.push(Uint8Array.from([1, 10, 2, 0xc0, 3, 0xc0]));
    expect(r.out).toHaveLength(0);
    expect(r.inj.counters.framesDropped).toBe(2);
  });
});

describe('LinkFaultInjector frame accounting', () => {
  it('delimiters out = N − dropped − stalled + replayed, over random chunkings (text)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(fc.nat(), { maxLength: 30 }), frameFaults, fc.integer(), (n, cuts, ff, seed) => {
        const input = csvFrames(n);
        const r = rig({ random: seeded(seed), faults: toFaults(ff) });
        for (const c of chunked(input, cuts)) r.inj.push(c);
        const c = r.inj.counters;
        expect(count(r.bytes(), LF)).toBe(n - c.framesDropped - c.framesStalled + c.framesReplayed);
        expect(c.framesDropped + c.framesStalled).toBeLessThanOrEqual(n);
        if (ff.stall) expect(c.framesStalled).toBe(n);
      }),
    );
  });

  it.each([
    ['COBS', 0x00],
    ['SLIP', 0xc0],
  ])('holds for binary %s frames, and corruption never creates a delimiter', (_name, delimiter) => {
    fc.assert(
      fc.property(binaryStream(delimiter), fc.array(fc.nat(), { maxLength: 20 }), frameFaults, fc.integer(), (s, cuts, ff, seed) => {
        const r = rig({ delimiter, binary: true, random: seeded(seed), faults: toFaults(ff) });
        for (const c of chunked(s.bytes, cuts)) r.inj.push(c);
        const c = r.inj.counters;
        expect(count(r.bytes(), delimiter)).toBe(s.frames - c.framesDropped - c.framesStalled + c.framesReplayed);
      }),
    );
  });

  it('without flood the output does not depend on how the input was chunked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.nat(), { maxLength: 30 }), fc.integer(), (n, cuts, seed) => {
        const faults = [fault({ kind: 'drop', percent: 30 }), fault({ kind: 'truncate', percent: 30 }), fault({ kind: 'corrupt', percent: 30 })];
        const input = csvFrames(n);
        const whole = rig({ random: seeded(seed), faults });
        whole.inj.push(input);
        const pieces = rig({ random: seeded(seed), faults });
        for (const c of chunked(input, cuts)) pieces.inj.push(c);
        expect(pieces.bytes()).toEqual(whole.bytes());
        expect(pieces.inj.counters).toEqual(whole.inj.counters);
      }),
    );
  });

  it('decides per frame: a frame split over three chunks is dropped whole', () => {
    // 0.5 < 0.6: drop the first frame; 0.9 ≥ 0.6: keep the second.
    const values = [0.5, 0.9];
    const r = rig({ random: () => values.shift() ?? 0.99, faults: [fault({ kind: 'drop', percent: 60 })] });
    for (const part of ['12,3', '.5', '00\n7,1.0000\n']) r.inj.push(enc.encode(part));
    expect(dec.decode(r.bytes())).toBe('7,1.0000\n');
    expect(r.inj.counters.framesDropped).toBe(1);
    expect(r.inj.affected('f1')).toBe(1);
  });
});

describe('LinkFaultInjector percent edge cases', () => {
  it.each(['drop', 'corrupt', 'truncate'] as const)('%s at 0 %% passes every chunk through untouched', (kind) => {
    const r = rig({ faults: [fault({ kind, percent: 0 })] });
    const chunks = chunked(csvFrames(50), [17, 200, 333, 901]);
    for (const c of chunks) r.inj.push(c);
    expect(r.raw).toEqual(chunks);
    r.raw.forEach((c, i) => expect(c).toBe(chunks[i]));
    expect(r.inj.affected('f1')).toBe(0);
  });

  it('drop frames at 100 % emits nothing and counts every frame', () => {
    const r = rig({ faults: [fault({ kind: 'drop', percent: 100 })] });
    r.inj.push(csvFrames(25));
    expect(r.out).toHaveLength(0);
    expect(r.inj.counters.framesDropped).toBe(25);
    expect(r.inj.counters.bytesDropped).toBe(0);
    expect(r.inj.affected('f1')).toBe(25);
  });

  it('drop bytes at 100 % emits nothing; at 50 % kept + dropped = all bytes', () => {
    const all = rig({ faults: [fault({ kind: 'drop', unit: 'bytes', percent: 100 })] });
    const input = csvFrames(20);
    all.inj.push(input);
    expect(all.out).toHaveLength(0);
    expect(all.inj.counters.bytesDropped).toBe(input.length);
    // Each lost delimiter is one frame fewer downstream.
    expect(all.inj.counters.framesDropped).toBe(20);

    const half = rig({ random: seeded(7), faults: [fault({ kind: 'drop', unit: 'bytes', percent: 50 })] });
    half.inj.push(input);
    const kept = half.bytes().length;
    expect(kept + half.inj.counters.bytesDropped).toBe(input.length);
    expect(count(half.bytes(), LF)).toBe(20 - half.inj.counters.framesDropped);
    expect(kept).toBeGreaterThan(input.length * 0.35);
    expect(kept).toBeLessThan(input.length * 0.65);
    expect(half.inj.affected('f1')).toBe(half.inj.counters.bytesDropped);
  });

  it('truncate at 100 % shortens every frame and keeps its delimiter', () => {
    const input = csvFrames(30);
    const r = rig({ random: seeded(3), faults: [fault({ kind: 'truncate', percent: 100 })] });
    r.inj.push(input);
    const before = dec.decode(input).split('\n').slice(0, -1);
    const after = dec.decode(r.bytes()).split('\n').slice(0, -1);
    expect(after).toHaveLength(30);
    after.forEach((line, i) => {
      expect(line.length).toBeLessThan((before[i] as string).length);
      expect((before[i] as string).startsWith(line)).toBe(true);
    });
    expect(r.inj.counters.framesTruncated).toBe(30);
  });

  it('corrupt at 100 % flips exactly one bit in every frame', () => {
    const input = csvFrames(40);
    const r = rig({ random: seeded(11), faults: [fault({ kind: 'corrupt', percent: 100 })] });
    r.inj.push(input);
    const output = r.bytes();
    expect(output.length).toBe(input.length);
    const lines = dec.decode(input).split('\n');
    let offset = 0;
    for (const line of lines.slice(0, -1)) {
      let bits = 0;
      for (let i = offset; i < offset + line.length + 1; i++) {
        let x = (input[i] as number) ^ (output[i] as number);
        for (; x; x &= x - 1) bits++;
      }
      expect(bits).toBe(1);
      offset += line.length + 1;
    }
    expect(r.inj.counters.framesCorrupted).toBe(40);
  });
});

describe('LinkFaultInjector corruption', () => {
  it('in text mode a corrupted line is never a valid number list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 }), fc.integer(), (n, channels, seed) => {
        const r = rig({ random: seeded(seed), faults: [fault({ kind: 'corrupt', percent: 100 })] });
        r.inj.push(csvFrames(n, channels));
        const lines = dec.decode(r.bytes()).split('\n').slice(0, -1);
        expect(lines).toHaveLength(n);
        for (const line of lines) {
          expect(line).not.toMatch(/^[-0-9.,]*$/);
          expect(line.split(',').every((f) => Number.isFinite(Number(f)) && f !== '')).toBe(false);
        }
      }),
    );
  });

  it('in text mode a line without digits is still corrupted without creating a line end', () => {
    // 'J' ^ 0x40 is '\n': never chosen.
    const r = rig({ random: () => 0, faults: [fault({ kind: 'corrupt', percent: 100 })] });
    r.inj.push(enc.encode('Jab\n'));
    expect(dec.decode(r.bytes())).toBe('J!b\n');
    expect(r.inj.counters.framesCorrupted).toBe(1);
  });

  it('in text mode prefers a digit, so a key=value line loses its number rather than gaining a name', () => {
    const r = rig({ random: () => 0, faults: [fault({ kind: 'corrupt', percent: 100 })] });
    r.inj.push(enc.encode('ab:12\n'));
    expect(dec.decode(r.bytes())).toBe('ab:q2\n');
  });

  it('in COBS mode never flips a byte into the 0x00 delimiter', () => {
    // 0x01 with bit 0 flipped would be 0x00: the first allowed bit is bit 1.
    const r = rig({ delimiter: 0, binary: true, random: () => 0, faults: [fault({ kind: 'corrupt', percent: 100 })] });
    r.inj.push(Uint8Array.from([0x01, 0x00]));
    expect([...r.bytes()]).toEqual([0x03, 0x00]);
  });

  it('in SLIP mode never produces END or ESC bytes', () => {
    fc.assert(
      fc.property(binaryStream(0xc0), fc.integer(), (s, seed) => {
        const r = rig({ delimiter: 0xc0, binary: true, random: seeded(seed), faults: [fault({ kind: 'corrupt', percent: 100 })] });
        r.inj.push(s.bytes);
        const out = r.bytes();
        expect(out.length).toBe(s.bytes.length);
        expect(count(out, 0xc0)).toBe(s.frames);
        expect(count(out, 0xdb)).toBeLessThanOrEqual(count(s.bytes, 0xdb));
      }),
    );
  });

  it('an empty frame is passed on and not counted as corrupted', () => {
    const r = rig({ delimiter: 0, binary: true, faults: [fault({ kind: 'corrupt', percent: 100 })] });
    r.inj.push(Uint8Array.from([0, 5, 0]));
    expect([...r.bytes()]).not.toEqual([0, 5, 0]);
    expect(r.bytes()[0]).toBe(0);
    expect(r.inj.counters.framesCorrupted).toBe(1);
  });
});

describe('LinkFaultInjector stall', () => {
  it('swallows everything, and resumes at the next frame boundary', () => {
    const r = rig({ faults: [fault({ kind: 'stall' })] });
    r.inj.push(enc.encode('1,2\n3,4\n5,'));
    expect(r.out).toHaveLength(0);
    r.inj.setFaults([]);
    // The frame in progress ('5,…') was partly swallowed: the rest of it goes too.
    r.inj.push(enc.encode('6\n7,8\n'));
    expect(dec.decode(r.bytes())).toBe('7,8\n');
    expect(r.inj.counters.framesStalled).toBe(3);
    expect(r.inj.counters.bytesStalled).toBe(12);
  });

  it('takes effect at once, even in the middle of a frame', () => {
    const r = rig({ faults: [fault({ kind: 'drop', percent: 0 })] });
    r.inj.push(enc.encode('1,2\n3,'));
    r.inj.setFaults([{ id: 's', fault: fault({ kind: 'stall' }) }]);
    r.inj.push(enc.encode('4\n5,6\n'));
    expect(dec.decode(r.bytes())).toBe('1,2\n3,');
    expect(r.inj.affected('s')).toBe(2);
  });
});

describe('LinkFaultInjector flood', () => {
  it('emits every output chunk `factor` times and counts the replays', () => {
    const r = rig({ faults: [fault({ kind: 'flood', factor: 3 })] });
    r.inj.push(enc.encode('1,2\n3,4\n'));
    r.inj.push(enc.encode('5,6'));
    expect(r.out.map((c) => dec.decode(c))).toEqual(['1,2\n3,4\n', '1,2\n3,4\n', '1,2\n3,4\n', '5,6', '5,6', '5,6']);
    expect(r.inj.counters.framesReplayed).toBe(4);
    expect(r.inj.affected('f1')).toBe(4);
  });
});

describe('LinkFaultInjector latency', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('delivers a copy after latencyMs (the producer may reuse its buffer)', () => {
    const r = rig({ faults: [fault({ kind: 'latency', latencyMs: 100 })] });
    const buf = enc.encode('1,2\n');
    r.inj.push(buf);
    buf.fill(0); // the producer overwrites its buffer
    vi.advanceTimersByTime(99);
    expect(r.out).toHaveLength(0);
    expect(r.inj.pending).toBe(1);
    vi.advanceTimersByTime(2);
    expect(r.out.map((c) => dec.decode(c))).toEqual(['1,2\n']);
    expect(r.inj.pending).toBe(0);
    expect(r.inj.counters.chunksDelayed).toBe(1);
  });

  it('with jitter keeps order and bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 40 }), fc.integer(), (chunks, seed) => {
        const r = rig({ random: seeded(seed), faults: [fault({ kind: 'latency', latencyMs: 5, jitterMs: 200 })] });
        for (const c of chunks) {
          r.inj.push(c);
          vi.advanceTimersByTime(3);
        }
        vi.advanceTimersByTime(1000);
        expect(r.out).toEqual(chunks);
        expect(r.inj.counters.chunksDelayed).toBe(chunks.length);
        expect(vi.getTimerCount()).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('chunks that arrive after the latency is removed do not overtake delayed ones', () => {
    const r = rig({ faults: [fault({ kind: 'latency', latencyMs: 500 })] });
    r.inj.push(enc.encode('1\n'));
    r.inj.setFaults([]);
    r.inj.push(enc.encode('2\n'));
    expect(r.out).toHaveLength(0);
    vi.advanceTimersByTime(501);
    expect(r.out.map((c) => dec.decode(c))).toEqual(['1\n', '2\n']);
    const chunk = enc.encode('3\n');
    r.inj.push(chunk);
    expect(r.raw.at(-1)).toBe(chunk);
  });

  it('close cancels delayed chunks and counts their frames as dropped', () => {
    const r = rig({ faults: [fault({ kind: 'latency', latencyMs: 100 }), fault({ kind: 'flood', factor: 2 })] });
    r.inj.push(enc.encode('1\n2\n'));
    r.inj.close();
    vi.advanceTimersByTime(1000);
    expect(r.out).toHaveLength(0);
    const c = r.inj.counters;
    expect(c.framesDropped).toBe(4);
    // The accounting still holds: 0 = 2 − 4 + 2.
    expect(2 - c.framesDropped - c.framesStalled + c.framesReplayed).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('flood then latency: the copies are delayed together, in order', () => {
    const r = rig({ faults: [fault({ kind: 'flood', factor: 2 }), fault({ kind: 'latency', latencyMs: 50 })] });
    r.inj.push(enc.encode('a\n'));
    r.inj.push(enc.encode('b\n'));
    vi.advanceTimersByTime(51);
    expect(r.out.map((c) => dec.decode(c))).toEqual(['a\n', 'a\n', 'b\n', 'b\n']);
    expect(r.inj.affected('f2')).toBe(4);
  });
});

describe('LinkFaultInjector: corruption (with latency/flood) keeps frames whole', () => {
  it('over any chunking: same length, every changed line differs in one bit, counted once, and is not a number list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.array(fc.nat(), { maxLength: 30 }), fc.integer(), (n, percent, cuts, seed) => {
        const input = csvFrames(n);
        const r = rig({ random: seeded(seed), faults: [fault({ kind: 'corrupt', percent })] });
        for (const c of chunked(input, cuts)) r.inj.push(c);
        const out = r.bytes();
        expect(out.length).toBe(input.length);
        const inLines = dec.decode(input).split('\n');
        const outLines = dec.decode(out).split('\n');
        expect(outLines.length).toBe(inLines.length);
        let changed = 0;
        for (let i = 0; i < inLines.length; i++) {
          const a = enc.encode(inLines[i]);
          const b = enc.encode(outLines[i]);
          let bits = 0;
          for (let k = 0; k < a.length; k++) bits += popcount((a[k] as number) ^ (b[k] as number));
          if (bits > 0) {
            changed++;
            expect(bits).toBe(1);
            expect(outLines[i]?.split(',').every((f) => /^-?\d+(\.\d+)?$/.test(f))).toBe(false);
          }
        }
        expect(changed).toBe(r.inj.counters.framesCorrupted);
        expect(r.inj.affected('f1')).toBe(changed);
      }),
      { numRuns: 200 },
    );
  });

  it('corrupts about the asked share of frames', () => {
    const input = csvFrames(20_000);
    const r = rig({ random: seeded(5), faults: [fault({ kind: 'corrupt', percent: 10 })] });
    for (const c of chunked(input, Array.from({ length: 200 }, (_, i) => i * 4099))) r.inj.push(c);
    expect(r.inj.counters.framesCorrupted).toBeGreaterThan(1800);
    expect(r.inj.counters.framesCorrupted).toBeLessThan(2200);
  });

  it('with latency the delayed chunk is its own copy (the producer may reuse its buffer)', async () => {
    vi.useFakeTimers();
    try {
      const r = rig({ random: seeded(9), faults: [fault({ kind: 'corrupt', percent: 50 }), fault({ kind: 'latency', latencyMs: 10, jitterMs: 0 })] });
      const buf = csvFrames(50);
      const original = buf.slice();
      r.inj.push(buf);
      buf.fill(0);
      await vi.advanceTimersByTimeAsync(20);
      const out = r.bytes();
      expect(out.length).toBe(original.length);
      expect(count(out, LF)).toBe(50);
      expect(r.inj.counters.framesCorrupted).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}
