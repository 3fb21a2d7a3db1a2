// Piscina with fixed threads: batches go in with their bytes transferred and
// come back as one transferred Float64Array. Busy time is tracked for utilisation.
// Faults: a batch whose worker throws or dies is retried once, then fails; piscina
// replaces dead workers (minThreads) and its 'error' event is always listened to.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { PoolStats } from '@shared/domain/metrics.js';
import type { ScriptTry, ScriptTryResult } from '@shared/domain/script-try.js';
import { unpackResult, type DecodeResult, type DecodeTask } from './task.js';

export interface WorkerPoolOptions {
  workerFile: string;
  /** 0 or undefined: cores − 1, at least 1. */
  threads?: number;
  execArgv?: string[];
  /** Pool errors that belong to no batch (a worker failing while idle, a close timeout). Never thrown. */
  onError?: (err: unknown) => void;
}

/** The pool's own counters, as `PoolStats` carries them. */
export type PoolCounters = Omit<PoolStats, 'threads' | 'utilization'>;

export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Spare buffers are at least this big, so one fits (almost) every batch the framer makes. */
const SPARE_MIN_BYTES = 64 * 1024 + 4096;

/** Piscina's error for a task whose worker exited under it (piscina 5: "worker exited with code: N"). */
function isWorkerDeath(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return err.message.startsWith('worker exited with code') || (typeof code === 'string' && code.startsWith('ERR_WORKER_'));
}

/** Wall-clock limit of one parser-script batch, queueing and a cold thread (tsx, WebAssembly) included: its worker is ended past it. */
export const SCRIPT_BATCH_DEADLINE_MS = 10_000;

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

export class WorkerPool {
  readonly threads: number;
  private piscina: Piscina;
  private busyMs = 0;
  private lastSample = { at: performance.now(), busy: 0 };
  private closing = false;
  /** Workers piscina has started and reported ready (the first `threads` of them are the initial set). */
  private created = 0;
  /** Recycled ArrayBuffers for the retry copies (see `run`). */
  private spares: ArrayBuffer[] = [];
  /** Batches decoded (first attempt or retry). */
  completed = 0;
  /** Batches that failed twice (or while the pool was closing): their lines count as failed. */
  failed = 0;
  inFlight = 0;
  /** Batches whose first attempt failed and were sent again. */
  retried = 0;
  /** Attempts that failed because the task threw (the worker lived on). */
  workerErrors = 0;
  /** Workers that died (exit, crash, out of memory) and were replaced by a new, ready one. */
  workersReplaced = 0;
  /** Workers that went away while the pool was open (died); `workersReplaced` catches up once replacements are ready. */
  workersLost = 0;
  /** Piscina 'error' events (errors of no batch); see `onError`. */
  poolErrors = 0;

  constructor(opts: WorkerPoolOptions) {
    this.threads = opts.threads && opts.threads > 0 ? opts.threads : defaultThreads();
    this.piscina = new Piscina({
      filename: pathToFileURL(opts.workerFile).href,
      minThreads: this.threads,
      maxThreads: this.threads,
      // Threads live for the whole session: start-up cost is paid once.
      idleTimeout: 60 * 60 * 1000,
      // The bounded queue upstream holds the backlog; the pool itself queues little.
      maxQueue: this.threads * 4,
      concurrentTasksPerWorker: 1,
      ...(opts.execArgv ? { execArgv: opts.execArgv } : {}),
    });
    // With minThreads = maxThreads the only workers created after the initial set are replacements.
    this.piscina.on('workerCreate', () => {
      if (++this.created > this.threads) this.workersReplaced++;
    });
    this.piscina.on('workerDestroy', () => {
      if (!this.closing) this.workersLost++;
    });
    // Piscina emits 'error' for a worker that fails with no task on it; unheard, the EventEmitter would throw in the main thread.
    this.piscina.on('error', (err: unknown) => {
      this.poolErrors++;
      opts.onError?.(err);
    });
  }

  /** How many tasks the pool should hold at once to keep every thread busy. */
  get capacity(): number {
    return this.threads * 2;
  }

  /** Worker threads piscina holds now (starting or ready); `threads` once dead ones are replaced. */
  get liveThreads(): number {
    return this.piscina.threads.length;
  }

  /** Everything of `PoolStats` the pool counts itself (the engine adds `threads` and `utilization`). */
  stats(): PoolCounters {
    return {
      inFlight: this.inFlight,
      completed: this.completed,
      failed: this.failed,
      retried: this.retried,
      workerErrors: this.workerErrors,
      workersReplaced: this.workersReplaced,
    };
  }

  /** Decodes one batch; a failed attempt is retried once, a second failure rejects (counted in `failed`). */
  async run(task: DecodeTask): Promise<DecodeResult> {
    this.inFlight++;
    // The first attempt transfers task.bytes to its worker: if that worker throws or dies the
    // bytes are gone with it, so a copy is kept for the one retry. It goes into a recycled
    // buffer: ~1.4 µs per 64 KiB batch, against ~8 µs for bytes.slice() (mostly the allocation)
    // and ~1 ms for a worker to decode it. The retry transfers the copy itself (no second copy).
    let spare: Uint8Array | undefined = this.copyForRetry(task.bytes);
    try {
      try {
        return await this.attempt(task);
      } catch (err) {
        this.countFault(err);
        // A script batch stopped by its deadline would only stop again.
        if (this.closing || isAbort(err)) throw err;
      }
      this.retried++;
      const bytes = spare;
      spare = undefined;
      try {
        return await this.attempt({ ...task, bytes });
      } catch (err) {
        this.countFault(err);
        throw err;
      }
    } catch (err) {
      this.failed++;
      throw err;
    } finally {
      if (spare) this.recycle(spare);
      this.inFlight--;
    }
  }

  /**
   * Compiles a parser script and decodes a sample in a pool thread, in the sandbox batches use
   * (never on the main thread). Not a batch: the counters above do not see it. Past the script
   * deadline the thread is ended like a runaway batch's.
   */
  async tryScript(input: ScriptTry): Promise<ScriptTryResult> {
    const signal = AbortSignal.timeout(Math.max(SCRIPT_BATCH_DEADLINE_MS, 40 * input.format.timeBudgetMs));
    return (await this.piscina.run(input, { name: 'tryScript', signal })) as ScriptTryResult;
  }

  private async attempt(task: DecodeTask): Promise<DecodeResult> {
    // Parser scripts stop themselves within their budget, except inside one long native call
    // (a huge allocation thrashing the sandbox's heap): past this deadline piscina ends the thread.
    const f = task.format;
    const signal = f?.kind === 'script' ? AbortSignal.timeout(Math.max(SCRIPT_BATCH_DEADLINE_MS, 40 * f.timeBudgetMs)) : undefined;
    const out = (await this.piscina.run(task, { transferList: [task.bytes.buffer as ArrayBuffer], ...(signal ? { signal } : {}) })) as
      | Float64Array
      | { packed: Float64Array; full: Float64Array };
    const result = out instanceof Float64Array ? unpackResult(out) : { ...unpackResult(out.packed), full: out.full };
    this.busyMs += result.busyMs;
    this.completed++;
    return result;
  }

  /** A failed attempt: a throw is a worker error; a death shows in `workersLost`/`workersReplaced`; closing is neither. */
  private countFault(err: unknown): void {
    if (!this.closing && !isWorkerDeath(err)) this.workerErrors++;
  }

  private copyForRetry(bytes: Uint8Array): Uint8Array {
    let buf = this.spares.pop();
    if (!buf || buf.byteLength < bytes.length) buf = new ArrayBuffer(Math.max(bytes.length, SPARE_MIN_BYTES));
    const copy = new Uint8Array(buf, 0, bytes.length);
    copy.set(bytes);
    return copy;
  }

  private recycle(spare: Uint8Array): void {
    // A transferred buffer is detached (byteLength 0) and cannot come back.
    if (spare.buffer.byteLength > 0 && this.spares.length < this.capacity) this.spares.push(spare.buffer as ArrayBuffer);
  }

  /** Share of thread time spent on batches since the previous call. */
  sampleUtilization(): number {
    const now = performance.now();
    const span = (now - this.lastSample.at) * this.threads;
    const busy = this.busyMs - this.lastSample.busy;
    this.lastSample = { at: now, busy: this.busyMs };
    return span > 0 ? Math.min(1, busy / span) : 0;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.piscina.close({ force: true });
  }
}
