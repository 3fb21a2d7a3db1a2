import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeFixed } from '../../../../src-main/engine/link/fixed-format.js';
import { CsvDecoder, numberedNames } from '../../../../src-main/engine/protocol/csv-decoder.js';
import { DecodeScratch, countByte } from '../../../../src-main/engine/protocol/decode-types.js';

// These exactness and malformed-line cases were written for the first CSV decoder; they now run
// against the generalised CsvDecoder (comma, LF, sequence field) the pipeline uses.
function decodeCsvFrames(bytes: Uint8Array, channels: number, scratch: DecodeScratch): { lines: number; frames: number; errors: number } {
  const decoder = new CsvDecoder({ channels, seqField: true, separator: 44, eol: 10, names: numberedNames(channels) });
  const c = decoder.decode(bytes, scratch);
  return { lines: c.lines, frames: c.frames, errors: c.malformed + c.nonNumeric };
}

const countLines = (bytes: Uint8Array): number => countByte(bytes, 10);

const enc = new TextEncoder();

interface Decoded {
  lines: number;
  frames: number;
  errors: number;
  rows: number[][];
  seqs: number[];
  lineIndex: number[];
}

function decode(text: string | Uint8Array, channels: number, scratch = new DecodeScratch()): Decoded {
  const bytes = typeof text === 'string' ? enc.encode(text) : text;
  const out = decodeCsvFrames(bytes, channels, scratch);
  const rows: number[][] = [];
  for (let f = 0; f < out.frames; f++) rows.push(Array.from(scratch.values.subarray(f * channels, (f + 1) * channels)));
  return {
    ...out,
    rows,
    seqs: Array.from(scratch.seqs.subarray(0, out.frames)),
    lineIndex: Array.from(scratch.lineIndex.subarray(0, out.frames)),
  };
}

describe('decodeCsvFrames: exact values', () => {
  it('decodes one well-formed line exactly', () => {
    const d = decode('7,12.3456,-0.5,42\n', 3);
    expect(d).toMatchObject({ lines: 1, frames: 1, errors: 0 });
    expect(d.seqs).toEqual([7]);
    expect(d.rows).toEqual([[12.3456, -0.5, 42]]);
    expect(d.lineIndex).toEqual([0]);
  });

  it.each([
    ['12.3456', 12.3456],
    ['-12.3456', -12.3456],
    ['0', 0],
    ['42', 42],
    ['-42', -42],
    ['+1', 1],
    ['+1.25', 1.25],
    ['1e3', 1000],
    ['-1e3', -1000],
    ['1E3', 1000],
    ['2.5e-3', 0.0025],
    ['1.5E+2', 150],
    ['0.1', 0.1],
    ['0.3', 0.3],
    ['.5', 0.5],
    ['5.', 5],
    ['000123', 123],
    ['9007199254740993', 9007199254740992], // 16 digits: platform parse, correctly rounded
    ['123456789012345.678', 123456789012345.67], // 18 digits: rounds to the nearest double
    ['0.000000000000000000001', 1e-21],
    ['999999999999999', 999999999999999],
    ['-0.0001', -0.0001],
    ['3.141592653589793', 3.141592653589793],
  ])('value %s decodes to exactly Number(text)', (text, expected) => {
    const d = decode(`1,${text}\n`, 1);
    expect(d).toMatchObject({ frames: 1, errors: 0 });
    expect(d.rows[0]?.[0]).toBe(expected);
    expect(d.rows[0]?.[0]).toBe(Number(text));
  });

  it('keeps the sign of negative zero like Number does', () => {
    const d = decode('1,-0,-0.0\n', 2);
    expect(Object.is(d.rows[0]?.[0], -0)).toBe(true);
    expect(Object.is(d.rows[0]?.[1], -0)).toBe(true);
  });

  it('allows spaces around fields', () => {
    const d = decode('  3 ,  1.5 ,-2  \n4,   +7 ,  8\n', 2);
    expect(d).toMatchObject({ lines: 2, frames: 2, errors: 0 });
    expect(d.seqs).toEqual([3, 4]);
    expect(d.rows).toEqual([
      [1.5, -2],
      [7, 8],
    ]);
  });

  it('accepts CRLF line endings and mixed LF/CRLF', () => {
    const d = decode('1,1.5,2\r\n2,3,4\n3,-5,6.25\r\n', 2);
    expect(d).toMatchObject({ lines: 3, frames: 3, errors: 0 });
    expect(d.seqs).toEqual([1, 2, 3]);
    expect(d.rows).toEqual([
      [1.5, 2],
      [3, 4],
      [-5, 6.25],
    ]);
  });

  it('decodes a trailing line without LF as a line', () => {
    const d = decode('1,2\n2,3', 1);
    expect(d).toMatchObject({ lines: 2, frames: 2, errors: 0 });
    expect(d.rows).toEqual([[2], [3]]);
    expect(decode('1,2\n2,3\r', 1)).toMatchObject({ lines: 2, frames: 2, errors: 0 });
  });

  it('decodes an empty buffer as nothing', () => {
    expect(decode('', 3)).toMatchObject({ lines: 0, frames: 0, errors: 0 });
  });

  it('records the seq field and the line index of each frame', () => {
    const d = decode('10,1\nbad\n12,3\n\n14,5\n', 1);
    expect(d).toMatchObject({ lines: 5, frames: 3, errors: 2 });
    expect(d.seqs).toEqual([10, 12, 14]);
    expect(d.lineIndex).toEqual([0, 2, 4]);
    expect(d.rows).toEqual([[1], [3], [5]]);
  });

  it('decodes many channels row-major', () => {
    const channels = 32;
    const lines = Array.from({ length: 50 }, (_, f) => [f, ...Array.from({ length: channels }, (_, c) => f * 100 + c + 0.25)].join(','));
    const d = decode(`${lines.join('\n')}\n`, channels);
    expect(d).toMatchObject({ lines: 50, frames: 50, errors: 0 });
    for (let f = 0; f < 50; f++) {
      expect(d.seqs[f]).toBe(f);
      expect(d.rows[f]).toEqual(Array.from({ length: channels }, (_, c) => f * 100 + c + 0.25));
    }
  });

  it('reuses one scratch across calls and grows it on demand', () => {
    const scratch = new DecodeScratch();
    expect(decode('1,1\n', 1, scratch).rows).toEqual([[1]]);
    const many = Array.from({ length: 3000 }, (_, i) => `${i},${i * 2},${-i}`).join('\n');
    const d = decode(many, 2, scratch);
    expect(d).toMatchObject({ lines: 3000, frames: 3000, errors: 0 });
    expect(d.rows[2999]).toEqual([5998, -2999]);
    expect(decode('5,6,7\n', 2, scratch).rows).toEqual([[6, 7]]);
  });
});

describe('decodeCsvFrames: malformed lines', () => {
  it.each([
    ['too few fields', '1,2\n'],
    ['too many fields', '1,2,3,4\n'],
    ['empty field', '1,,3\n'],
    ['empty first field', ',2,3\n'],
    ['letters', '1,abc,3\n'],
    ['letters after a number', '1,2x,3\n'],
    ['hex', '1,0x1F,3\n'],
    ['two dots', '1,1.2.3,3\n'],
    ['trailing comma', '1,2,3,\n'],
    ['empty line', '\n'],
    ['only spaces', '   \n'],
    ['lone sign', '1,-,3\n'],
    ['lone dot', '1,.,3\n'],
    ['double sign', '1,--2,3\n'],
    ['space inside a number', '1,2 5,3\n'],
    ['NaN', '1,NaN,3\n'],
    ['Infinity', '1,Infinity,3\n'],
    ['overflowing exponent', '1,1e999,3\n'],
    ['exponent without digits', '1,1e,3\n'],
    ['exponent with sign only', '1,1e+,3\n'],
    ['exponent followed by junk', '1,1e3.5,3\n'],
    ['bare CR inside the line', '1,2\r,3\n'],
    ['double CR', '1,2,3\r\r\n'],
    ['NUL byte', '1,2\u0000,3\n'],
  ])('%s is counted and skipped; the next line still decodes', (_name, bad) => {
    const d = decode(`0,10,20\n${bad}2,30,40\n`, 2);
    expect(d).toMatchObject({ lines: 3, frames: 2, errors: 1 });
    expect(d.seqs).toEqual([0, 2]);
    expect(d.rows).toEqual([
      [10, 20],
      [30, 40],
    ]);
    expect(d.lineIndex).toEqual([0, 2]);
  });

  it('a malformed trailing partial line is one error', () => {
    expect(decode('1,2,3\n4,5', 2)).toMatchObject({ lines: 2, frames: 1, errors: 1 });
  });

  it('several consecutive bad lines are each counted', () => {
    const d = decode('x\n\n1,2\n,,\n9,1,1\n', 2);
    expect(d).toMatchObject({ lines: 5, frames: 1, errors: 4 });
    expect(d.seqs).toEqual([9]);
    expect(d.lineIndex).toEqual([4]);
  });

  it('an absurdly long numeric field is an error, not an exception', () => {
    const huge = '1'.repeat(300_000);
    let d: Decoded | undefined;
    expect(() => {
      d = decode(`0,1\n1,${huge}\n2,3\n`, 1);
    }).not.toThrow();
    expect(d).toMatchObject({ lines: 3, frames: 2, errors: 1 });
    expect(d?.rows).toEqual([[1], [3]]);
  });

  it('a long but valid field still decodes exactly', () => {
    const text = `0.${'0'.repeat(400_000)}1`; // Number(text) underflows to 0
    const d = decode(`0,${text}\n1,2\n`, 1);
    expect(d).toMatchObject({ lines: 2, frames: 2, errors: 0 });
    expect(d.rows).toEqual([[Number(text)], [2]]);
  });
});

describe('countLines', () => {
  it('counts LF bytes', () => {
    expect(countLines(enc.encode(''))).toBe(0);
    expect(countLines(enc.encode('a'))).toBe(0);
    expect(countLines(enc.encode('a\nb\r\n\n'))).toBe(3);
  });
});

// ---- properties ----------------------------------------------------------------

const finiteDouble = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });

describe('decodeCsvFrames: properties', () => {
  it('every toFixed(0..6) decimal decodes to exactly Number(text)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(finiteDouble, fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 16 }), (cells) => {
        const texts = cells.map(([v, d]) => v.toFixed(d));
        const d = decode(`5,${texts.join(',')}\n`, texts.length);
        expect(d).toMatchObject({ frames: 1, errors: 0 });
        expect(d.rows[0]).toEqual(texts.map(Number));
      }),
      { numRuns: 1000 },
    );
  });

  it('every writeFixed decimal decodes to exactly Number(text)', () => {
    const buf = new Uint8Array(64);
    fc.assert(
      fc.property(fc.array(fc.tuple(finiteDouble, fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 16 }), (cells) => {
        const texts = cells.map(([v, d]) => new TextDecoder().decode(buf.subarray(0, writeFixed(buf, 0, v, d))));
        const d = decode(`5,${texts.join(',')}\n`, texts.length);
        expect(d).toMatchObject({ frames: 1, errors: 0 });
        expect(d.rows[0]).toEqual(texts.map(Number));
      }),
      { numRuns: 1000 },
    );
  });

  it('arbitrary doubles written in shortest form (incl. exponents) decode exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const text = String(v); // String(-0) is '0'
        const d = decode(`1,${text}\n`, 1);
        expect(d).toMatchObject({ frames: 1, errors: 0 });
        expect(d.rows[0]?.[0]).toBe(Number(text));
        expect(d.rows[0]?.[0]).toBe(v === 0 ? 0 : v);
      }),
      { numRuns: 1000 },
    );
  });

  it('random bytes never throw and the line accounting holds', () => {
    const alphabet = fc.constantFrom(...enc.encode('0123456789,,,.-+eE \r\n\n\nx'));
    const bytesArb = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.array(alphabet, { maxLength: 300 }).map((a) => Uint8Array.from(a)));
    fc.assert(
      fc.property(bytesArb, fc.integer({ min: 1, max: 5 }), (bytes, channels) => {
        const scratch = new DecodeScratch();
        const out = decodeCsvFrames(bytes, channels, scratch);
        const lf = countLines(bytes);
        const trailing = bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? 1 : 0;
        expect(out.lines).toBe(lf + trailing);
        expect(out.frames + out.errors).toBe(out.lines);
        for (let f = 0; f < out.frames; f++) {
          expect(Number.isFinite(scratch.seqs[f])).toBe(true);
          if (f > 0) expect(scratch.lineIndex[f]).toBeGreaterThan(scratch.lineIndex[f - 1] as number);
          expect(scratch.lineIndex[f]).toBeLessThan(out.lines);
          for (let c = 0; c < channels; c++) expect(Number.isFinite(scratch.values[f * channels + c])).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('valid frames after garbage (and after mutated frames) are recovered exactly', () => {
    const channels = 3;
    const frameArb = fc.tuple(fc.nat({ max: 1e6 }), fc.array(fc.tuple(finiteDouble, fc.integer({ min: 0, max: 6 })), { minLength: channels, maxLength: channels }));
    // garbage that contains no LF: a line of it is one malformed line
    const garbageArb = fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => b.map((x) => (x === 10 ? 120 : x)));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), frameArb, garbageArb, fc.nat()), { minLength: 1, maxLength: 30 }),
        (items) => {
          const parts: Uint8Array[] = [];
          const expected: { line: number; seq: number; row: number[] }[] = [];
          const validLine = new Map<number, boolean>();
          let line = 0;
          for (const [garbage, [seq, cells], junk, cut] of items) {
            const text = `${seq},${cells.map(([v, d]) => v.toFixed(d)).join(',')}`;
            if (garbage) {
              // a mutated frame: a prefix of it followed by junk (the line may or may not parse)
              const mutated = new Uint8Array([...enc.encode(text.slice(0, cut % (text.length + 1))), ...junk, 10]);
              parts.push(mutated);
              validLine.set(line, false);
            } else {
              parts.push(enc.encode(`${text}\n`));
              expected.push({ line, seq, row: cells.map(([v, d]) => Number(v.toFixed(d))) });
              validLine.set(line, true);
            }
            line++;
          }
          const bytes = Uint8Array.from(parts.flatMap((p) => Array.from(p)));
          const scratch = new DecodeScratch();
          const out = decodeCsvFrames(bytes, channels, scratch);
          expect(out.lines).toBe(items.length);
          expect(out.frames + out.errors).toBe(out.lines);
          // every valid line is a frame with exact values, in order
          const got = new Map<number, { seq: number; row: number[] }>();
          for (let f = 0; f < out.frames; f++) {
            got.set(scratch.lineIndex[f] as number, {
              seq: scratch.seqs[f] as number,
              row: Array.from(scratch.values.subarray(f * channels, (f + 1) * channels)),
            });
          }
          for (const e of expected) expect(got.get(e.line)).toEqual({ seq: e.seq, row: e.row });
          expect(out.frames).toBeGreaterThanOrEqual(expected.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
