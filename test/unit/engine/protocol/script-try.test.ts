// Trying a parser script before it is applied: compile errors at the operator's own line and
// column, and a pasted sample decoded exactly (text lines, hex bytes through framing + checksum).
import { beforeAll, describe, expect, it } from 'vitest';
import { FRAME_TEMPLATES } from '@shared/domain/frame-templates.js';
import { ScriptTrySchema, describeCompileError, sampleBytes, type ScriptTryInput } from '@shared/domain/script-try.js';
import { loadScriptEngine } from '../../../../src-main/engine/protocol/script/script-sandbox.js';
import { tryParserScript } from '../../../../src-main/engine/protocol/script/script-try.js';

beforeAll(async () => {
  await loadScriptEngine();
});

const tryIt = (input: ScriptTryInput) => tryParserScript(ScriptTrySchema.parse(input));
const script = (source: string) => ({ kind: 'script' as const, source });

describe('tryParserScript: compile errors', () => {
  it.each([
    ['function parse(l) {\n  return l.split(,);\n}', 2, 18, "SyntaxError: unexpected token in expression: ','"],
    ['function parse(l) { return l.split(,); }', 1, 36, "SyntaxError: unexpected token in expression: ','"],
    ['// header\n\nfunction parse(l) {\n  var x = ;\n  return 1;\n}', 4, 11, "SyntaxError: unexpected token in expression: ';'"],
    ['function parse(l) {\n  retrun 5;\n}', 2, 10, "SyntaxError: expecting ';'"],
    ['function parse(l) {\n  return 1;\n', 3, 1, 'SyntaxError: unexpected token in expression: the script ends too early (a closing } or ) missing?)'],
    ['foo();\nfunction parse(l) { return [1]; }', 1, 1, "ReferenceError: 'foo' is not defined"],
  ])('%j fails at line %i, column %i', async (source, line, column, message) => {
    const r = await tryIt({ format: script(source), sample: { text: '1\n' } });
    expect(r.compileError).toEqual({ message, line, column });
    expect(r.rows).toEqual([]);
    expect(describeCompileError(r.compileError!)).toBe(`line ${line}, column ${column}: ${message}`);
  });

  it('a source that closes the prelude to escape it is refused as unbalanced', async () => {
    const r = await tryIt({ format: script('}); (function () { function parse(l) { return [1]; }') });
    expect(r.compileError?.line).toBe(1);
    expect(r.compileError?.message).toMatch(/^SyntaxError/);
  });

  it('a script without parse() is refused without a line', async () => {
    const r = await tryIt({ format: script('function parce(l) { return [1]; }') });
    expect(r.compileError).toEqual({ message: 'TypeError: the script must define function parse(frame)' });
  });

  it('a script that compiles answers no error and, without a sample, no rows', async () => {
    expect(await tryIt({ format: script('function parse(l) { return [1]; }') })).toEqual({ names: [], rows: [], frames: 0, scriptErrors: 0, checksumFailures: 0, malformed: 0, bytesDiscarded: 0 });
  });
});

describe('tryParserScript: samples', () => {
  it('text lines decode to exact rows; a frame the script rejects is counted with its message', async () => {
    const source = 'function parse(l) {\n  if (l === "bad") throw new Error("not a reading");\n  const [k, v] = l.split("=");\n  return { [k.trim()]: Number(v) };\n}';
    const r = await tryIt({ format: script(source), sample: { text: 'rpm = 1200\nbad\ntemp=21.25\r\n' } });
    expect(r.compileError).toBeUndefined();
    expect(r.names).toEqual(['rpm', 'temp']);
    expect(r.rows).toEqual([
      [1200, null],
      [null, 21.25],
    ]);
    expect(r.frames).toBe(3);
    expect(r.scriptErrors).toBe(1);
    expect(r.lastError).toBe('frame 2 of its batch: Error: not a reading');
  });

  it('every template with a script decodes its own sample to its listed values', async () => {
    const scripts = FRAME_TEMPLATES.filter((t) => t.format.kind === 'script');
    expect(scripts.map((t) => t.id)).toEqual(['script-csv', 'script-binary']);
    for (const t of scripts) {
      const r = await tryIt({ format: t.format as ScriptTryInput['format'], sample: t.sample });
      expect(Object.fromEntries(r.names.map((n, i) => [n, r.rows[0]?.[i]])), t.id).toEqual(t.values);
      expect(r.rows, t.id).toHaveLength(1);
    }
  });

  it('hex bytes go through the framing and checksum first: a bad checksum never reaches the script', async () => {
    const t = FRAME_TEMPLATES.find((x) => x.id === 'script-binary')!;
    // The template's frame, then the same frame with its checksum broken, then a frame with value 12.3.
    const r = await tryIt({ format: t.format as ScriptTryInput['format'], sample: { hex: 'AA55 0302FBFF05 AA 55 03 02 FB FF 06 aa 55 03 07 7b 00 7f' } });
    expect(r.rows).toEqual([
      [2, -0.5],
      [7, 12.3],
    ]);
    expect(r.checksumFailures).toBe(1);
    expect(r.frames).toBe(2);
  });

  it('a runaway parse() is a counted error with its message, never a stuck try', async () => {
    const r = await tryIt({ format: { ...script('function parse(l) { while (true) {} }'), timeBudgetMs: 20 }, sample: { text: 'a\n' } });
    expect(r.rows).toEqual([]);
    expect(r.scriptErrors).toBe(1);
    expect(r.lastError).toBe('frame 1 of its batch: parse() ran longer than 20 ms');
  });

  it('samples are validated: hex is two digits per byte', () => {
    expect(ScriptTrySchema.safeParse({ format: script('function parse(b) { return [1]; }'), sample: { hex: 'AA 5' } }).error?.issues[0]?.message).toBe(
      'the sample is hex bytes, two digits each, e.g. "AA 55 03 01"',
    );
    expect(Array.from(sampleBytes({ hex: ' aa55\n0F ' }))).toEqual([0xaa, 0x55, 0x0f]);
  });
});
