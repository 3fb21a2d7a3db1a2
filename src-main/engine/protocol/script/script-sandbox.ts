// Runs an operator's parse(frame) inside QuickJS compiled to WebAssembly: its own heap
// (memory-limited), no Node, no file system, network, timers or host objects, and an
// interrupt handler that stops it when its time budget runs out. Chosen over node:vm,
// which Node documents as "not a security mechanism" and which cannot cap memory per
// script (measurements: README / test/bench decode-script).
import { getQuickJS, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from 'quickjs-emscripten';
import { PRELUDE, SCRIPT_STRIDE, epilogue } from './sandbox-prelude.js';

let engine: QuickJSWASMModule | undefined;
let loading: Promise<QuickJSWASMModule> | undefined;

/** Loads the WebAssembly engine once per thread (asynchronous; the decoders are synchronous). */
export async function loadScriptEngine(): Promise<void> {
  loading ??= getQuickJS();
  engine = await loading;
}

export function scriptEngineLoaded(): boolean {
  return engine !== undefined;
}

/** A script that does not compile or define parse(): the message with its line (1-based) when known. */
export class ScriptError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ScriptError';
  }
}

export interface SandboxLimits {
  /** Heap of the sandbox. */
  memoryBytes: number;
  /** Time the frames of one run may take before the running frame is stopped and counted. */
  budgetMs: number;
}

/** Frames per call into the sandbox: each call gets the whole time budget. */
const CHUNK_FRAMES = 256;
/** After this many timed-out frames, the rest of the batch is skipped (and counted). */
const MAX_TIMEOUTS_PER_BATCH = 2;

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { memoryBytes: 32 << 20, budgetMs: 50 };

export interface SandboxRun {
  /** Per frame: 0 when it failed, else 1 + the columns it wrote (later columns are NaN for it). */
  ok: Uint8Array;
  /** frames × SCRIPT_STRIDE values (NaN where a frame gave no value for the column). */
  values: Float64Array;
  /** Column names (the sandbox's table, grown as names are first seen). */
  names: readonly string[];
  /** Why frames failed: frame index and message. */
  errors: { frame: number; message: string }[];
  /** Values beyond the channel limit. */
  unknownFields: number;
}

type DumpedError = { name?: unknown; message?: unknown; lineNumber?: unknown; stack?: unknown };

function describe(dumped: unknown): { message: string; line?: number; column?: number } {
  if (dumped && typeof dumped === 'object') {
    const e = dumped as DumpedError;
    const message = `${typeof e.name === 'string' ? `${e.name}: ` : ''}${typeof e.message === 'string' ? e.message : String(dumped)}`;
    const at = typeof e.stack === 'string' ? /parser\.js:(\d+):(\d+)/.exec(e.stack) : null;
    const line = typeof e.lineNumber === 'number' ? e.lineNumber : at ? Number(at[1]) : undefined;
    const column = at ? Number(at[2]) : undefined;
    return { message, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) };
  }
  return { message: String(dumped) };
}

type FnName = 'setNames' | 'prepare' | 'run' | 'pos' | 'fail' | 'result' | 'out' | 'ok';

export class ScriptSandbox {
  private readonly rt: QuickJSRuntime;
  private readonly ctx: QuickJSContext;
  private readonly api: QuickJSHandle;
  private readonly fns: Record<FnName, QuickJSHandle>;
  private deadline = 0;
  private names: string[] = [];

  /** Compiles the script; throws ScriptError (with its line) when it does not compile or has no parse(). */
  constructor(
    source: string,
    private readonly limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
  ) {
    if (!engine) throw new Error('the script engine is not loaded (call loadScriptEngine first)');
    this.rt = engine.newRuntime();
    this.rt.setMemoryLimit(limits.memoryBytes);
    this.rt.setMaxStackSize(256 * 1024);
    this.rt.setInterruptHandler(() => performance.now() > this.deadline);
    this.ctx = this.rt.newContext();
    // Top-level code of the script runs now: it gets a generous but finite budget too.
    this.deadline = performance.now() + Math.max(limits.budgetMs, 1000);
    // The source alone first (compiled, not run): syntax errors at the operator's own line and
    // column, and a source that would close the prelude's function is refused as unbalanced.
    const syntax = this.ctx.evalCode(source, 'parser.js', { strict: true, compileOnly: true });
    if (syntax.error) this.refuse(syntax.error, source, false);
    syntax.value.dispose();
    const r = this.ctx.evalCode(PRELUDE + source + epilogue(SCRIPT_STRIDE), 'parser.js');
    if (r.error) this.refuse(r.error, source, true);
    this.api = r.value;
    const get = (name: string): QuickJSHandle => this.ctx.getProp(this.api, name);
    this.fns = { setNames: get('setNames'), prepare: get('prepare'), run: get('run'), pos: get('pos'), fail: get('fail'), result: get('result'), out: get('out'), ok: get('ok') };
  }

  /** Ends the construction: the sandbox is released and the error thrown with its place in `source`. */
  private refuse(error: QuickJSHandle, source: string, wrapped: boolean): never {
    const d = describe(this.ctx.dump(error));
    error.dispose();
    this.ctx.dispose();
    this.rt.dispose();
    // The prelude shares the source's first line; the epilogue's lines are none of the operator's.
    let { line, column } = d;
    if (wrapped && line === 1 && column !== undefined) column = Math.max(1, column - PRELUDE.length);
    if (wrapped && line !== undefined && line > source.split('\n').length) line = column = undefined;
    // QuickJS names the missing token of a source that just stops as ''.
    const message = d.message.replace(/: ''$/, ': the script ends too early (a closing } or ) missing?)');
    throw new ScriptError(message, line, column);
  }

  dispose(): void {
    if (!this.ctx.alive) return;
    for (const h of Object.values(this.fns)) h.dispose();
    this.api.dispose();
    this.ctx.dispose();
    this.rt.dispose();
  }

  /** Makes the sandbox's column names exactly `names` (the main thread's view). */
  syncNames(names: readonly string[]): void {
    if (names.length === this.names.length && names.every((n, i) => n === this.names[i])) return;
    this.names = [...names];
    this.call('setNames', this.ctx.newString(JSON.stringify(this.names)));
  }

  /**
   * Parses `count` frames: lines of `text` (split at `delimiter`), or byte ranges
   * [offsets[2f], offsets[2f+1]) of `bytes`. Never throws for what the script does.
   */
  run(input: { text: string; delimiter: string } | { bytes: Uint8Array; offsets: Int32Array }, count: number): SandboxRun {
    const ctx = this.ctx;
    this.deadline = performance.now() + this.limits.budgetMs;
    if ('text' in input) {
      this.call('prepare', ctx.newString(input.text), ctx.undefined, ctx.newNumber(count), ctx.newString(input.delimiter));
    } else {
      const buf = input.bytes.slice().buffer;
      const offs = input.offsets.slice(0, 2 * count).buffer;
      this.call('prepare', ctx.newArrayBuffer(buf), ctx.newArrayBuffer(offs), ctx.newNumber(count), ctx.undefined);
    }
    // Frames run in chunks, each call with a fresh budget. When the budget runs out, the
    // running frame is tried again alone with a whole budget: only a frame that cannot finish
    // by itself is counted (a slow machine never blames a good frame). After a few such frames
    // the rest of the batch is skipped (counted too).
    let from = 0;
    let timeouts = 0;
    let alone = false;
    while (from < count) {
      const to = alone ? from + 1 : Math.min(count, from + CHUNK_FRAMES);
      const outcome = this.runFrames(from, to);
      if (outcome === undefined) {
        from = to;
        alone = false;
        continue;
      }
      const at = Math.max(from, Math.min(to - 1, this.number('pos')));
      if (outcome.interrupted && !alone && at > from) {
        // Frames before `at` finished; give `at` its own budget.
        from = at;
        alone = true;
        continue;
      }
      alone = false;
      if (outcome.interrupted) timeouts++;
      this.call('fail', ctx.newNumber(at), ctx.newString(outcome.interrupted ? `parse() ran longer than ${this.limits.budgetMs} ms` : outcome.message));
      from = at + 1;
      if (timeouts >= MAX_TIMEOUTS_PER_BATCH && from < count) {
        for (let f = from; f < count; f++) this.call('fail', ctx.newNumber(f), ctx.newString(`skipped: ${timeouts} frames of this batch ran out of time`));
        break;
      }
    }
    this.deadline = performance.now() + 100;
    return this.collect(count);
  }

  /** Runs frames [from, to) with a fresh budget; undefined when they all ran, else why it stopped. */
  private runFrames(from: number, to: number): { interrupted: boolean; message: string } | undefined {
    const ctx = this.ctx;
    this.deadline = performance.now() + this.limits.budgetMs;
    const a = ctx.newNumber(from);
    const b = ctx.newNumber(to);
    const r = ctx.callFunction(this.fns.run, ctx.undefined, a, b);
    a.dispose();
    b.dispose();
    this.deadline = performance.now() + 100;
    if (!r.error) {
      r.value.dispose();
      return undefined;
    }
    const d = describe(ctx.dump(r.error));
    r.error.dispose();
    return { interrupted: /interrupted/.test(d.message), message: d.message };
  }

  private collect(count: number): SandboxRun {
    const values = new Float64Array(count * SCRIPT_STRIDE);
    const ok = new Uint8Array(count);
    this.copyBuffer('out', count, values);
    this.copyBuffer('ok', count, ok);
    let meta: { names?: unknown; errs?: unknown; unknown?: unknown } = {};
    const h = this.callValue('result');
    try {
      meta = JSON.parse(h === undefined ? '{}' : String(this.ctx.dump(h))) as typeof meta;
    } catch {
      // A script that broke JSON.stringify only breaks its own results: every frame is bad.
      ok.fill(0);
    }
    h?.dispose();
    const names = Array.isArray(meta.names) ? meta.names.filter((n): n is string => typeof n === 'string').slice(0, SCRIPT_STRIDE) : [];
    this.names = names;
    const errors: SandboxRun['errors'] = [];
    const errs = Array.isArray(meta.errs) ? meta.errs : [];
    for (let i = 0; i + 1 < errs.length; i += 2) {
      const frame = errs[i];
      if (typeof frame === 'number' && frame >= 0 && frame < count) {
        ok[frame] = 0;
        errors.push({ frame, message: String(errs[i + 1]) });
      }
    }
    return { ok, values, names, errors, unknownFields: typeof meta.unknown === 'number' ? meta.unknown : 0 };
  }

  private copyBuffer(fn: 'out' | 'ok', count: number, into: Float64Array | Uint8Array): void {
    const h = this.callValue(fn, this.ctx.newNumber(count));
    if (h === undefined) return;
    const life = this.ctx.getArrayBuffer(h);
    const src = life.value;
    const want = into.byteLength;
    if (src.byteLength === want) new Uint8Array(into.buffer, into.byteOffset, want).set(src);
    life.dispose();
    h.dispose();
  }

  private number(fn: 'pos'): number {
    const h = this.callValue(fn);
    const n = h === undefined ? 0 : this.ctx.getNumber(h);
    h?.dispose();
    return Number.isInteger(n) && n >= 0 ? n : 0;
  }

  private callValue(fn: FnName, ...args: QuickJSHandle[]): QuickJSHandle | undefined {
    const r = this.ctx.callFunction(this.fns[fn], this.ctx.undefined, ...args);
    for (const a of args) if (a.alive && a !== this.ctx.undefined) a.dispose();
    if (r.error) {
      r.error.dispose();
      return undefined;
    }
    return r.value;
  }

  private call(fn: FnName, ...args: QuickJSHandle[]): void {
    this.callValue(fn, ...args)?.dispose();
  }
}
