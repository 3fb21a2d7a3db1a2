import { describe, expect, it } from 'vitest';
import { concatBytes, encodeFrame } from '../../../../src-main/engine/protocol/frame-encoder.js';
import { decode, enc, fmt, splitAt, streamDecode } from './helpers.js';

const CH8 = ['ch1', 'ch2', 'ch3', 'ch4', 'ch5', 'ch6', 'ch7', 'ch8'];

describe('CSV decoder', () => {
  const csv = fmt({ kind: 'csv' });

  it('decodes the simulator format exactly, LF and CRLF mixed', () => {
    const d = decode(csv, '1,1.5,-2\r\n2,3,4e2\n3,+0.25,-0\r\n', ['a', 'b']);
    expect(d.rows).toEqual([
      [1.5, -2],
      [3, 400],
      [0.25, -0],
    ]);
    expect(d.seqs).toEqual([1, 2, 3]);
    expect(d.counts).toMatchObject({ lines: 3, frames: 3, malformed: 0, nonNumeric: 0, bytesDiscarded: 0 });
  });

  it.each([
    [';', 'a;b', '1;2.5;3\n'],
    ['tab', 'a\tb', '1\t2.5\t3\n'],
    ['space', 'a b', '1  2.5   3 \n'],
  ] as const)('separator %s', (separator, _label, text) => {
    const d = decode(fmt({ kind: 'csv', separator }), text, ['a', 'b']);
    expect(d.rows).toEqual([[2.5, 3]]);
    expect(d.seqs).toEqual([1]);
  });

  it('without a sequence field every column is a channel and seq is NaN', () => {
    const d = decode(fmt({ kind: 'csv', seqField: false }), '1,2\n3,4\n', ['a', 'b']);
    expect(d.rows).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(d.seqs.every(Number.isNaN)).toBe(true);
  });

  it('extra or missing fields make the line malformed; a word is non-numeric; each is counted with its bytes', () => {
    const text = '1,2,3\n2,2,3,4\n3,2\n4,x,3\n5,2,3y\n\n6,,3\n7,5,6\n';
    const d = decode(csv, text, ['a', 'b']);
    expect(d.rows).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(d.counts).toMatchObject({ lines: 8, frames: 2, malformed: 3, nonNumeric: 3, resyncs: 1 });
    const bad = ['2,2,3,4\n', '3,2\n', '4,x,3\n', '5,2,3y\n', '\n', '6,,3\n'].join('');
    expect(d.counts.bytesDiscarded).toBe(bad.length);
  });

  it('a custom one-character delimiter ends lines', () => {
    const d = decode(fmt({ kind: 'csv', delimiter: '|' }), '1,2|2,3|', ['a']);
    expect(d.rows).toEqual([[2], [3]]);
  });

  it('frames split across chunks at every offset decode identically, with garbage between frames', () => {
    const stream = enc.encode('1,1.25,2\r\n\u0007garbage\u00ff\n2,3,4\n3,5.5,-6\r\n');
    const whole = streamDecode(csv, [stream], ['a', 'b']);
    expect(whole.rows).toEqual([
      { a: 1.25, b: 2 },
      { a: 3, b: 4 },
      { a: 5.5, b: -6 },
    ]);
    expect(whole.counts).toMatchObject({ frames: 3, nonNumeric: 1 });
    for (let at = 0; at <= stream.length; at++) expect(streamDecode(csv, splitAt(stream, at), ['a', 'b'])).toEqual(whole);
  });
});

describe('name:value decoder', () => {
  const kv = fmt({ kind: 'kv' });

  it('adds channels in order of first sight; space, comma and tab separate pairs', () => {
    const d = decode(kv, 'temp:21.5 hum:40\r\ntemp:22,hum:41,press:1013\nhum:\t42\ttemp:23\n');
    expect(d.names).toEqual(['temp', 'hum', 'press']);
    expect(d.counts.channels).toBe(3);
    expect(d.rows).toEqual([
      [21.5, 40, NaN],
      [22, 41, 1013],
      [23, 42, NaN],
    ]);
  });

  it('starts from the names the main thread already knows', () => {
    const d = decode(kv, 'b:2 a:1\n', ['a', 'b']);
    expect(d.names).toEqual(['a', 'b']);
    expect(d.rows).toEqual([[1, 2]]);
  });

  it('a non-numeric value drops the whole line and adds none of its names; a pair without colon is malformed', () => {
    const d = decode(kv, 'a:1 b:x\nc:1 d\nlabel\na:5\n');
    expect(d.names).toEqual(['a']);
    expect(d.rows).toEqual([[5]]);
    expect(d.counts).toMatchObject({ frames: 1, nonNumeric: 1, malformed: 2, bytesDiscarded: 'a:1 b:x\nc:1 d\nlabel\n'.length });
  });

  it('the sequence pair is not a channel', () => {
    const d = decode(fmt({ kind: 'kv', seqName: 'n' }), 'n:7 x:1\nn:9 x:2\n');
    expect(d.names).toEqual(['x']);
    expect(d.seqs).toEqual([7, 9]);
  });

  it('names beyond 32 channels are ignored and counted', () => {
    const line = Array.from({ length: 34 }, (_, i) => `c${i}:${i}`).join(' ');
    const d = decode(kv, `${line}\n${line}\n`);
    expect(d.names).toHaveLength(32);
    expect(d.rows[1]).toEqual(Array.from({ length: 32 }, (_, i) => i));
    expect(d.counts.unknownFields).toBe(4);
  });

  it('a name first seen mid-batch leaves NaN in the earlier frames', () => {
    const d = decode(kv, 'a:1\na:2 b:3\n');
    expect(d.rows).toEqual([
      [1, NaN],
      [2, 3],
    ]);
  });

  it('splits at every offset decode identically', () => {
    const stream = enc.encode('x:1 y:2\r\n!!junk!!\nx:3,y:4\ny:5 x:6\n');
    const whole = streamDecode(kv, [stream]);
    expect(whole.rows).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 4 },
      { x: 6, y: 5 },
    ]);
    for (let at = 0; at <= stream.length; at++) expect(streamDecode(kv, splitAt(stream, at))).toEqual(whole);
  });
});

describe('JSON lines decoder', () => {
  const jsonl = fmt({ kind: 'jsonl' });

  it('numeric fields become channels, nested paths are dotted, other values are skipped', () => {
    const d = decode(jsonl, '{"t": 1.5, "imu": {"ax": -1, "ay": 2e1}, "s": "x\\"}", "ok": true, "n": null, "arr": [1, {"a": "]"}]}\n');
    expect(d.names).toEqual(['t', 'imu.ax', 'imu.ay']);
    expect(d.rows).toEqual([[1.5, -1, 20]]);
  });

  it('malformed objects are counted and skipped; good lines after them decode', () => {
    const lines = ['{"a":1', '{"a":1}x', '[1,2]', '{"a":tru}', '{"a":1,}', 'garbage', '{"a":"unterminated}', '{"a": 2}'];
    const d = decode(jsonl, lines.join('\n') + '\n');
    expect(d.rows).toEqual([[2]]);
    expect(d.counts).toMatchObject({ frames: 1, malformed: 7, resyncs: 1 });
  });

  it('the sequence path is not a channel', () => {
    const d = decode(fmt({ kind: 'jsonl', seqPath: 'meta.seq' }), '{"meta":{"seq":4},"v":1}\n');
    expect(d.names).toEqual(['v']);
    expect(d.seqs).toEqual([4]);
  });

  it('an empty object is a frame without values', () => {
    const d = decode(jsonl, '{}\n{"a":1}\n');
    expect(d.counts.frames).toBe(2);
    expect(d.rows).toEqual([[NaN], [1]]);
  });

  it('splits at every offset decode identically', () => {
    const frames = [0, 1, 2].map((i) =>
      encodeFrame(jsonl, { seq: i, values: [i, i * 1.5, -i - 0.5], names: ['a', 'imu.ax', 'imu.ay'] }),
    );
    const stream = concatBytes([frames[0]!, enc.encode('{"broken\r\n'), frames[1]!, frames[2]!]);
    const whole = streamDecode(jsonl, [stream]);
    expect(whole.rows).toEqual([0, 1, 2].map((i) => ({ a: i, 'imu.ax': i * 1.5, 'imu.ay': -i - 0.5 })));
    for (let at = 0; at <= stream.length; at++) expect(streamDecode(jsonl, splitAt(stream, at))).toEqual(whole);
  });
});

describe('text framing through the line framer', () => {
  it('an over-long line is discarded by the framer and counted; the next line decodes', () => {
    const csv = fmt({ kind: 'csv', maxLineBytes: 16 });
    const s = streamDecode(csv, [enc.encode(`1,2\n${'9,'.repeat(20)}9\n2,3\n`)], ['a']);
    expect(s.rows).toEqual([{ a: 2 }, { a: 3 }]);
    expect(s.overlong).toBe(1);
    expect(s.framerDiscarded).toBe(42);
  });

  it('8 channels of the simulator format round-trip through the encoder', () => {
    const csv = fmt({ kind: 'csv' });
    const values = [1.5, -2.25, 3, 0, 1e-3, 12345.678, -0.5, 42];
    const d = decode(csv, encodeFrame(csv, { seq: 9, values, names: CH8 }), CH8);
    expect(d.rows).toEqual([values]);
  });
});
