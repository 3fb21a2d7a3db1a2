// Engine side of the recorder: owns the worker thread, forwards full-resolution
// frames to it transferred (never cloned), in order, and turns its reports into a
// RecordingStatus. If the worker falls too far behind, frames are dropped and counted.
// A worker that dies or stops answering is replaced by a fresh one (its unsaved rows
// counted as dropped): the recorder never stays broken until a restart.
import { Worker } from 'node:worker_threads';
import type { ExportProgress, RecordingStatus } from '@shared/domain/recording.js';
import type { FullFrames } from '../pipeline/task.js';
import type { EventSink, RecordedEvent } from './event-sink.js';
import type { FromRecorder, RecorderRequest, RecorderWorkerData, RecorderWorkerStatus, ToRecorder } from './protocol.js';
import type { NewSession } from './session-store.js';

export interface RecorderOptions extends RecorderWorkerData {
  workerFile: string;
  execArgv?: string[];
  /** Rows in flight to the worker before new frames are dropped (and counted). */
  maxLagRows?: number;
  onStatus?: (status: RecordingStatus) => void;
  onExport?: (progress: ExportProgress) => void;
  /** The worker is behind (lag above 50 % of maxLagRows, until below 20 %): slow the device down. */
  onBackpressure?: (active: boolean) => void;
  /** A request unanswered this long (ms) means the worker is stuck: it is replaced. */
  stallMs?: number;
}

const EMPTY_STATUS: RecorderWorkerStatus = {
  ready: false,
  sessionId: null,
  rowsFlushed: 0,
  rowsSettled: 0,
  droppedRows: 0,
  lastError: null,
  dbPath: null,
  recovered: [],
};

export class RecorderError extends Error {
  constructor(
    message: string,
    readonly notFound: boolean,
  ) {
    super(message);
  }
}

export class Recorder implements EventSink {
  private worker!: Worker;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; at: number }>();
  private worker_: RecorderWorkerStatus = EMPTY_STATUS;
  private postedRows = 0;
  private droppedHere = 0;
  private measuring = false;
  private enabled = true;
  private readyWaiters: (() => void)[] = [];
  private exited = false;
  private closing = false;
  private behind = false;
  /** The folder and flush interval the worker was last told (a replacement starts with them). */
  private folder: string;
  private flushMs: number;
  private session: NewSession | undefined;
  private restarts = 0;
  private watchdog: ReturnType<typeof setInterval>;

  constructor(private readonly opts: RecorderOptions) {
    this.folder = opts.folder;
    this.flushMs = opts.flushMs;
    this.spawn();
    const stallMs = opts.stallMs ?? 60_000;
    this.watchdog = setInterval(() => this.checkStall(stallMs), Math.min(5000, stallMs / 2));
    this.watchdog.unref();
  }

  /** Worker replacements so far (a dead or stuck thread). */
  get restartCount(): number {
    return this.restarts;
  }

  private spawn(): void {
    const opts = this.opts;
    const data: RecorderWorkerData = {
      folder: this.folder,
      flushMs: this.flushMs,
      exportsDir: opts.exportsDir,
      ...(opts.memoryLimit ? { memoryLimit: opts.memoryLimit } : {}),
      ...(opts.threads ? { threads: opts.threads } : {}),
      retryMs: opts.retryMs ?? 5000,
    };
    const worker = new Worker(opts.workerFile, { workerData: data, ...(opts.execArgv ? { execArgv: opts.execArgv } : {}) });
    this.worker = worker;
    worker.on('message', (msg: FromRecorder) => {
      if (worker === this.worker) this.onMessage(msg);
    });
    worker.on('error', (err) => {
      if (worker !== this.worker) return;
      this.worker_ = { ...this.worker_, lastError: `Recorder thread failed: ${err.message}` };
      for (const w of this.readyWaiters.splice(0)) w();
      this.emitStatus();
    });
    worker.on('exit', () => {
      if (worker !== this.worker) return;
      this.rejectWaiting('the recorder thread has exited');
      if (this.closing) {
        this.exited = true;
        clearInterval(this.watchdog);
      } else this.replace('the recorder thread exited');
    });
  }

  /** A fresh worker: rows the old one had not committed are counted as dropped; the session goes on in a new one. */
  private replace(why: string): void {
    const old = this.worker;
    this.restarts++;
    this.droppedHere += Math.max(0, this.postedRows - this.worker_.rowsSettled) + this.worker_.droppedRows;
    this.postedRows = 0;
    this.rejectWaiting(`the recorder thread was replaced (${why})`);
    this.worker_ = { ...EMPTY_STATUS, lastError: `Recording restarting: ${why}` };
    if (this.behind) this.setBehind(false);
    this.spawn();
    void old.terminate().catch(() => undefined);
    if (this.measuring && this.session) this.send({ type: 'begin', session: { ...this.session, startedAt: Date.now() } });
    this.emitStatus();
  }

  private checkStall(stallMs: number): void {
    if (this.closing || this.exited) return;
    const now = performance.now();
    for (const w of this.waiting.values()) {
      if (now - w.at > stallMs) return this.replace(`no answer for ${Math.round(stallMs / 1000)} s`);
    }
  }

  private rejectWaiting(why: string): void {
    for (const w of this.waiting.values()) w.reject(new RecorderError(why, false));
    this.waiting.clear();
  }

  /** Resolves once the worker reported for the first time (database open, or its error). */
  async ready(): Promise<RecorderWorkerStatus> {
    if (this.worker_.ready || this.worker_.lastError) return this.worker_;
    await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    return this.worker_;
  }

  get status(): RecordingStatus {
    const settled = this.worker_.rowsSettled;
    return {
      active: this.enabled && this.worker_.ready && this.worker_.lastError === null,
      enabled: this.enabled,
      sessionId: this.worker_.sessionId,
      rowsWritten: this.worker_.rowsFlushed,
      lagRows: Math.max(0, this.postedRows - settled),
      droppedRows: this.worker_.droppedRows + this.droppedHere,
      lastError: this.worker_.lastError,
      dbPath: this.worker_.dbPath,
    };
  }

  get recovered(): number[] {
    return this.worker_.recovered;
  }

  /** Whether frames should be produced at full resolution for the recorder. */
  get wantsFrames(): boolean {
    return this.enabled && this.measuring && !this.exited;
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    this.emitStatus();
  }

  beginSession(session: NewSession): void {
    if (!this.enabled) return;
    this.measuring = true;
    this.session = session;
    this.send({ type: 'begin', session });
  }

  endSession(endedAt = Date.now()): void {
    if (!this.measuring) return;
    this.measuring = false;
    this.send({ type: 'end', endedAt });
  }

  get sessionOpen(): boolean {
    return this.measuring;
  }

  /** Hands a batch to the worker; its buffer is transferred (the caller loses it). */
  pushFrames(f: FullFrames): void {
    if (!this.wantsFrames) return;
    const lag = this.postedRows - this.worker_.rowsSettled;
    if (lag + f.frames > this.maxLag) {
      this.droppedHere += f.frames;
      return;
    }
    this.postedRows += f.frames;
    if (!this.behind && lag + f.frames > this.maxLag * 0.5) this.setBehind(true);
    const msg: ToRecorder = { type: 'frames', data: f.data, frames: f.frames, channels: f.channels };
    this.worker.postMessage(msg, [f.data.buffer as ArrayBuffer]);
  }

  record(event: RecordedEvent): void {
    this.send({ type: 'events', events: [event] });
  }

  request<T>(request: RecorderRequest): Promise<T> {
    if (this.exited) return Promise.reject(new RecorderError('the recorder thread has exited', false));
    const id = this.nextId++;
    if (request.op === 'resume' && request.folder !== undefined) this.folder = request.folder;
    if (request.op === 'setFlushMs') this.flushMs = request.flushMs;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, at: performance.now() });
      this.send({ type: 'request', id, request });
    });
  }

  async close(): Promise<void> {
    if (this.exited || this.closing) return;
    clearInterval(this.watchdog);
    if (this.measuring) this.endSession();
    this.closing = true;
    try {
      await this.request({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }

  private get maxLag(): number {
    return this.opts.maxLagRows ?? 2_000_000;
  }

  private setBehind(on: boolean): void {
    this.behind = on;
    this.opts.onBackpressure?.(on);
  }

  private send(msg: ToRecorder): void {
    if (!this.exited) this.worker.postMessage(msg);
  }

  private onMessage(msg: FromRecorder): void {
    switch (msg.type) {
      case 'status':
        this.worker_ = msg.status;
        if (this.behind && this.postedRows - msg.status.rowsSettled < this.maxLag * 0.2) this.setBehind(false);
        for (const w of this.readyWaiters.splice(0)) w();
        this.emitStatus();
        return;
      case 'response': {
        const w = this.waiting.get(msg.id);
        if (!w) return;
        this.waiting.delete(msg.id);
        if (msg.ok) w.resolve(msg.value);
        else w.reject(new RecorderError(msg.error, msg.notFound === true));
        return;
      }
      case 'export':
        this.opts.onExport?.(msg.progress);
        return;
    }
  }

  private emitStatus(): void {
    this.opts.onStatus?.(this.status);
  }
}
