// Parser scripts in the QuickJS sandbox: valid results decode exactly; whatever a hostile
// script tries is refused at compile time or is a counted, explained bad frame.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FrameFormatInput } from '@shared/domain/frame-format.js';
import { DecodeScratch } from '../../../../src-main/engine/protocol/decode-types.js';
import { createFrameDecoder } from '../../../../src-main/engine/protocol/frame-decoder.js';
import { concatBytes } from '../../../../src-main/engine/protocol/frame-encoder.js';
import { syncFrame } from '../../../../src-main/engine/protocol/frame-encoder.js';
import { ScriptError, ScriptSandbox, loadScriptEngine } from '../../../../src-main/engine/protocol/script/script-sandbox.js';
import { enc, fmt } from './helpers.js';

beforeAll(async () => {
  await loadScriptEngine();
});

function script(source: string, extra: Partial<FrameFormatInput> = {}) {
  return fmt({ kind: 'script', source, timeBudgetMs: 40, ...extra } as FrameFormatInput);
}

function run(source: string, text: string, extra: Partial<FrameFormatInput> = {}) {
  const d = createFrameDecoder(script(source, extra), []);
  const scratch = new DecodeScratch();
  const c = d.decode(enc.encode(text), scratch);
  const rows: number[][] = [];
  for (let f = 0; f < c.frames; f++) rows.push(Array.from(scratch.values.subarray(f * c.channels, (f + 1) * c.channels)));
  const names = [...d.names()];
  d.dispose?.();
  return { c, rows, names };
}

describe('parser scripts: results', () => {
  it('an array of numbers fills ch1…chN exactly', () => {
    const { c, rows, names } = run('function parse(l) { return l.split(";").map(Number); }', '1.5;-2;3e3\n4;5;6.25\n');
    expect(names).toEqual(['ch1', 'ch2', 'ch3']);
    expect(rows).toEqual([
      [1.5, -2, 3000],
      [4, 5, 6.25],
    ]);
    expect(c.scriptErrors).toBe(0);
  });

  it('{name: number} names the channels; a name first seen later leaves earlier frames NaN there', () => {
    const src = 'function parse(l) { const [k, v] = l.split("="); const o = { t: 1 }; o[k] = +v; return o; }';
    const { rows, names } = run(src, 'a=1\nb=2\na=3\n');
    expect(names).toEqual(['t', 'a', 'b']);
    expect(rows).toEqual([
      [1, 1, Number.NaN],
      [1, Number.NaN, 2],
      [1, 3, Number.NaN],
    ]);
  });

  it('a shorter array or a missing key leaves exactly those columns NaN (no value of another frame shows through)', () => {
    const { c, rows, names } = run('function parse(l) { return l[0] === "o" ? { ch2: +l.slice(1) } : l.split(",").map(Number); }', '1,2,3\n4\no7\n5,6,x\n8,9\n');
    expect(names).toEqual(['ch1', 'ch2', 'ch3']);
    expect(rows).toEqual([
      [1, 2, 3],
      [4, Number.NaN, Number.NaN],
      [Number.NaN, 7, Number.NaN],
      [5, 6, Number.NaN],
      [8, 9, Number.NaN],
    ]);
    expect(c.scriptErrors).toBe(0);
  });

  it('binary payloads (sync+length, checksum checked first) arrive as Uint8Array', () => {
    const f = script('function parse(b) { return { sum: b[0] + b[1], n: b.length }; }', { framing: 'sync-length', sync: 'AA55', length: { type: 'u8' }, crc: 'crc16-xmodem' });
    const frame = (data: number[]) => syncFrame(f as Parameters<typeof syncFrame>[0], Uint8Array.from(data));
    const bad = frame([9, 9, 9]);
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
    const d = createFrameDecoder(f, []);
    const scratch = new DecodeScratch();
    const c = d.decode(concatBytes([frame([1, 2, 3]), bad, frame([10, 20])]), scratch);
    expect(c.frames).toBe(2);
    expect(c.checksumFailures).toBe(1);
    expect(Array.from(scratch.values.subarray(0, 4))).toEqual([3, 3, 30, 2]);
    d.dispose?.();
  });
});

describe('parser scripts: bad and hostile scripts', () => {
  it('a syntax error is refused with its line', () => {
    try {
      new ScriptSandbox('function parse(l) {\n  return l.split(,);\n}');
      expect.unreachable('compiled');
    } catch (e) {
      expect(e).toBeInstanceOf(ScriptError);
      expect((e as ScriptError).line).toBe(2);
      expect((e as ScriptError).message).toMatch(/SyntaxError/);
    }
  });

  it('a script without parse() is refused', () => {
    expect(() => new ScriptSandbox('const x = 1;')).toThrow(/must define function parse/);
  });

  it('a frame that throws, or returns the wrong shape, is a counted script error with its message', () => {
    const src = 'function parse(l) { if (l === "t") throw new RangeError("bad frame"); if (l === "s") return "5"; if (l === "n") return [1, "2"]; return [+l]; }';
    const { c, rows } = run(src, '1\nt\ns\nn\n2\n');
    expect(rows).toEqual([[1], [2]]);
    expect(c.scriptErrors).toBe(3);
    expect(c.lastError).toBe('frame 4 of its batch: value 1 is string, not a number');
  });

  it.each([
    ['require', 'function parse(l) { return [typeof require === "undefined" ? 1 : require("fs")]; }', [[1]]],
    ['process', 'function parse(l) { return [typeof process === "undefined" ? 1 : process.exit(1)]; }', [[1]]],
    ['timers', 'function parse(l) { return [typeof setTimeout + typeof setInterval + typeof fetch === "undefinedundefinedundefined" ? 1 : 0]; }', [[1]]],
    ['globalThis has no host objects', 'function parse(l) { return [Object.getOwnPropertyNames(globalThis).filter((k) => /^(process|require|module|Buffer|global|fetch|WebAssembly|setTimeout|std|os)$/.test(k)).length]; }', [[0]]],
  ])('%s: nothing of the host is reachable', (_label, src, expected) => {
    const { c, rows } = run(src, 'x\n');
    expect(c.scriptErrors).toBe(0);
    expect(rows).toEqual(expected);
  });

  it('the Function constructor and constructor-chain tricks only ever reach the sandbox itself', () => {
    const src = `function parse(l) {
      const f1 = Function("return typeof process")();
      const f2 = (() => {}).constructor("return typeof require")();
      const f3 = parse.constructor.constructor("return this")() === globalThis ? 1 : 0;
      const f4 = [].constructor.constructor("return typeof process")();
      return [f1 === "undefined" ? 1 : 0, f2 === "undefined" ? 1 : 0, f3, f4 === "undefined" ? 1 : 0];
    }`;
    const { c, rows } = run(src, 'x\n');
    expect(c.scriptErrors).toBe(0);
    expect(rows).toEqual([[1, 1, 1, 1]]);
  });

  it('an infinite loop is stopped: the frame is counted as timed out and the frames after it still decode', () => {
    const { c, rows } = run('function parse(l) { if (l === "loop") { for (;;) {} } return [+l]; }', '1\nloop\n2\n3\n');
    expect(rows).toEqual([[1], [2], [3]]);
    expect(c.scriptErrors).toBe(1);
    expect(c.lastError).toBe('frame 2 of its batch: parse() ran longer than 40 ms');
  });

  it('a script that loops on every frame gives up the rest of its batch after two timeouts (counted)', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `${i}\n`).join('');
    const { c } = run('function parse(l) { while (true) {} }', lines);
    expect(c.frames).toBe(0);
    expect(c.scriptErrors).toBe(50);
    expect(c.lastError).toBe('frame 50 of its batch: skipped: 2 frames of this batch ran out of time');
  });

  it('huge allocations hit the memory limit: those frames are counted errors, the next frames decode', () => {
    const src = 'function parse(l) { if (l === "big") return [new Uint8Array(1e9).length]; if (l === "str") { let s = "x"; for (;;) s += s; } return [+l]; }';
    const { c, rows } = run(src, '1\nbig\n2\nstr\n3\n');
    expect(rows).toEqual([[1], [2], [3]]);
    expect(c.scriptErrors).toBe(2);
    expect(c.lastError).toBe('frame 4 of its batch: InternalError: string too long');
  });

  it('a top-level infinite loop is refused at compile time', () => {
    expect(() => new ScriptSandbox('for (;;) {}\nfunction parse(l) { return [1]; }', { memoryBytes: 8 << 20, budgetMs: 20 })).toThrow(/interrupted/);
  });

  it('deep recursion is a counted stack overflow, not a crash', () => {
    const { c, rows } = run('function f(n) { return f(n + 1) + 1; } function parse(l) { return l === "r" ? [f(0)] : [+l]; }', 'r\n7\n');
    expect(rows).toEqual([[7]]);
    expect(c.scriptErrors).toBe(1);
    expect(c.lastError).toMatch(/stack overflow|InternalError|RangeError/);
  });
});
