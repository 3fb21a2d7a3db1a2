// Piscina with fixed threads: batches go in with their bytes transferred and
// come back as one transferred Float64Array. Busy time is tracked for utilisation.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { unpackResult, type DecodeResult, type DecodeTask } from './task.js';

export interface WorkerPoolOptions {
  workerFile: string;
  /** 0 or undefined: cores − 1, at least 1. */
  threads?: number;
  execArgv?: string[];
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class WorkerPool {
  readonly threads: number;
  private piscina: Piscina;
  private busyMs = 0;
  private lastSample = { at: performance.now(), busy: 0 };
  completed = 0;
  failed = 0;
  inFlight = 0;

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
  }

  /** How many tasks the pool should hold at once to keep every thread busy. */
  get capacity(): number {
    return this.threads * 2;
  }

  async run(task: DecodeTask): Promise<DecodeResult> {
    this.inFlight++;
    try {
      const out = (await this.piscina.run(task, { transferList: [task.bytes.buffer as ArrayBuffer] })) as
        | Float64Array
        | { packed: Float64Array; full: Float64Array };
      const result = out instanceof Float64Array ? unpackResult(out) : { ...unpackResult(out.packed), full: out.full };
      this.busyMs += result.busyMs;
      this.completed++;
      return result;
    } catch (err) {
      this.failed++;
      throw err;
    } finally {
      this.inFlight--;
    }
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
    await this.piscina.close({ force: true });
  }
}
