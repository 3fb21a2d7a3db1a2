// Plays a replay source as a device: frames leave in recorded order with their recorded
// times, paced at `speed` × real time (or as fast as backpressure lets them), with pause,
// seek and loop. The position survives a lost link: a reconnect attaches a new transport
// and playback continues where it stopped.
import type { ReplayControl, ReplayState, ReplayStatus } from '@shared/domain/replay.js';
import type { Transport, TransportHandlers } from '../transport.js';
import { WireEncoder } from '../wire/wire-encoder.js';
import type { ReplayBlock, ReplayInfo, ReplayReader } from './replay-reader.js';

/** Frames read from the source at a time. */
const BLOCK_FRAMES = 32_768;
/** Frames per chunk handed to the pipeline when playing as fast as possible. */
const FAST_CHUNK = 4096;
/** Paced playback checks the clock at least this often (so pause and seek answer quickly). */
const MAX_WAIT_MS = 20;
const STATUS_MS = 250;

export interface ReplayPlayerOptions {
  description: string;
  channels: number;
  speed: number;
  asFastAsPossible: boolean;
  loop: boolean;
  onStatus?: (status: ReplayStatus) => void;
  /** Playback jumped in sample time (seek, loop): the chart starts over. */
  onJump?: () => void;
  now?: () => number;
  /** Start held until `setMeasuring(true)`: frames flow only while the device measures. */
  held?: boolean;
}

export class ReplayPlayer {
  private info: ReplayInfo | undefined;
  private opening: Promise<ReplayInfo> | undefined;
  private handlers: TransportHandlers | undefined;
  private readonly encoder: WireEncoder;
  private block: ReplayBlock | undefined;
  private nextBlock: Promise<ReplayBlock> | undefined;
  private index = 0;
  private state: ReplayState = 'loading';
  private throttled = false;
  /** Not measuring: the replay waits (its frames would be ignored, not recorded). */
  private held: boolean;
  private speed: number;
  private fast: boolean;
  private loop: boolean;
  private loops = 0;
  private framesSent = 0;
  /** Wall and sample time that correspond: paced playback sends what is due since then. */
  private anchorWall = 0;
  private anchorSample = Number.NaN;
  private lastSentT = Number.NaN;
  /** Bumped by seek/detach so a loop iteration awaiting a read notices it is stale. */
  private epoch = 0;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private lastStatusAt = 0;
  private readonly now: () => number;

  constructor(
    private readonly reader: ReplayReader,
    private readonly opts: ReplayPlayerOptions,
  ) {
    this.encoder = new WireEncoder(opts.channels, true);
    this.speed = opts.speed;
    this.fast = opts.asFastAsPossible;
    this.loop = opts.loop;
    this.now = opts.now ?? (() => performance.now());
    this.held = opts.held ?? false;
  }

  /** Frames flow only while the device measures; stopping holds the position. */
  setMeasuring(measuring: boolean): void {
    if (measuring === !this.held) return;
    this.held = !measuring;
    if (measuring) {
      this.reanchor();
      this.kick();
    }
  }

  /** When the first frame was recorded: a recording of the replay starts there (its "Seconds" match). */
  get originMs(): number | undefined {
    return this.info?.originMs ?? this.info?.startMs;
  }

  status(): ReplayStatus {
    const info = this.info;
    return {
      description: this.opts.description,
      state: this.state,
      positionMs: this.positionMs(),
      startMs: info?.startMs ?? 0,
      endMs: info?.endMs ?? 0,
      frames: info?.frames ?? 0,
      framesSent: this.framesSent,
      speed: this.speed,
      asFastAsPossible: this.fast,
      loop: this.loop,
      loops: this.loops,
      badRowCount: info?.badRowCount ?? 0,
      badRows: info?.badRows ?? [],
    };
  }

  /**
   * The replay's "now" in sample time: where paced playback is (clock-driven checks such as
   * stale data use it instead of the wall clock). NaN before anything was sent.
   */
  sampleNow(): number {
    if (this.canRun() && !this.fast && !Number.isNaN(this.anchorSample)) {
      return this.anchorSample + (this.now() - this.anchorWall) * this.speed;
    }
    return Number.isNaN(this.lastSentT) ? this.positionMs() : this.lastSentT;
  }

  /** Opens the source (once) and starts sending to `handlers`; the transport of one connection. */
  async attach(handlers: TransportHandlers): Promise<Transport> {
    const info = await this.openInfo();
    if (info.frames === 0) throw new Error(`${this.opts.description}: the source holds no frames`);
    if (info.channels !== this.opts.channels) {
      throw new Error(`${this.opts.description}: the source has ${info.channels} channels, the settings name ${this.opts.channels}`);
    }
    // The block to play first is read before the clock is anchored (see run()).
    if (this.index < info.frames) await this.blockFor(this.index);
    this.detach();
    this.handlers = handlers;
    if (this.state === 'loading') this.state = 'playing';
    this.reanchor();
    this.kick();
    this.emitStatus(true);
    let closed = false;
    return {
      write: () => Promise.reject(new Error(`${this.opts.description} takes no commands`)),
      setPaused: (paused) => this.setThrottled(paused),
      close: async () => {
        if (closed) return;
        closed = true;
        if (this.handlers === handlers) this.detach();
      },
    };
  }

  async control(c: ReplayControl): Promise<ReplayStatus> {
    switch (c.action) {
      case 'pause':
        if (this.state === 'playing') this.state = 'paused';
        break;
      case 'resume':
        if (this.state === 'paused') this.state = 'playing';
        else if (this.state === 'ended') await this.jumpTo(0);
        this.reanchor();
        break;
      case 'seek': {
        const info = await this.openInfo();
        const clamped = Math.min(Math.max(c.timeMs, info.startMs), info.endMs);
        await this.jumpTo(await this.reader.indexAt(clamped));
        break;
      }
      case 'speed':
        this.speed = c.speed;
        this.fast = c.asFastAsPossible;
        this.reanchor();
        break;
      case 'loop':
        this.loop = c.loop;
        break;
    }
    this.kick();
    this.emitStatus(true);
    return this.status();
  }

  async dispose(): Promise<void> {
    this.detach();
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    await this.reader.close().catch(() => undefined);
  }

  // ---- internals -----------------------------------------------------------

  private openInfo(): Promise<ReplayInfo> {
    if (this.info) return Promise.resolve(this.info);
    this.opening ??= this.reader.open().then(
      (info) => {
        this.info = info;
        return info;
      },
      (err: unknown) => {
        this.opening = undefined;
        throw err;
      },
    );
    return this.opening;
  }

  private detach(): void {
    this.handlers = undefined;
    this.epoch++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setThrottled(on: boolean): void {
    if (on === this.throttled) return;
    this.throttled = on;
    // Paced playback continues from where it stopped, not with a burst of what fell due meanwhile.
    if (!on) {
      this.reanchor();
      this.kick();
    }
  }

  private async jumpTo(index: number): Promise<void> {
    this.epoch++;
    this.index = index;
    this.block = undefined;
    this.nextBlock = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const frames = this.info?.frames ?? 0;
    this.state = index >= frames ? 'ended' : this.state === 'ended' ? 'playing' : this.state;
    this.reanchor();
    this.opts.onJump?.();
    // The block at the new position, so the status names its time at once.
    if (index < frames) {
      const epoch = this.epoch;
      const block = await this.reader.read(index, BLOCK_FRAMES).catch(() => undefined);
      if (block && epoch === this.epoch && block.count > 0) this.block = block;
    }
  }

  private reanchor(): void {
    this.anchorWall = this.now();
    this.anchorSample = Number.NaN;
  }

  private canRun(): boolean {
    return this.handlers !== undefined && !this.throttled && !this.held && this.state === 'playing';
  }

  /** Starts the send loop unless it runs (one loop at a time). */
  private kick(): void {
    if (this.running || this.timer || !this.canRun()) return;
    this.running = true;
    void this.run().finally(() => {
      this.running = false;
      // A seek or resume while this loop awaited a read: the new position plays now.
      if (!this.timer) this.kick();
    });
  }

  private async run(): Promise<void> {
    let epoch = this.epoch;
    while (this.canRun() && epoch === this.epoch) {
      const info = this.info as ReplayInfo;
      if (this.index >= info.frames) {
        if (!this.loop) {
          this.state = 'ended';
          this.emitStatus(true);
          return;
        }
        this.loops++;
        await this.jumpTo(0);
        epoch = this.epoch;
        continue;
      }
      let block: ReplayBlock;
      const waitedForRead = !this.holds(this.block, this.index);
      try {
        block = await this.blockFor(this.index);
      } catch (err) {
        // A source that cannot be read is a lost link: the reconnect path reopens it.
        const handlers = this.handlers;
        if (epoch !== this.epoch || !handlers) return;
        this.detach();
        handlers.onLost(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      if (epoch !== this.epoch || !this.canRun()) return;
      const at = this.index - block.index;
      const left = block.count - at;
      let n: number;
      if (this.fast) {
        n = Math.min(FAST_CHUNK, left);
      } else {
        if (Number.isNaN(this.anchorSample)) {
          this.anchorSample = block.times[at] as number;
          // Pacing (re)started before a read from the source: the wall clock starts when the block
          // arrived, or the read's duration (a busy recorder) would go out as a burst of read time × speed.
          if (waitedForRead) this.anchorWall = this.now();
        }
        const due = this.anchorSample + (this.now() - this.anchorWall) * this.speed;
        n = 0;
        while (n < left && (block.times[at + n] as number) <= due) n++;
        if (n === 0) {
          const wait = ((block.times[at] as number) - due) / this.speed;
          this.timer = setTimeout(() => {
            this.timer = undefined;
            this.kick();
          }, Math.max(1, Math.min(MAX_WAIT_MS, wait)));
          return;
        }
      }
      this.send(block, at, n);
      // Give the event loop (and the pipeline's backpressure) a turn between chunks.
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  private send(block: ReplayBlock, at: number, n: number): void {
    const bytes = this.encoder.encode(block.values, block.times, at, n);
    this.index += n;
    this.framesSent += n;
    this.lastSentT = block.times[at + n - 1] as number;
    this.handlers?.onData(bytes);
    this.emitStatus(false);
  }

  private holds(b: ReplayBlock | undefined, index: number): b is ReplayBlock {
    return b !== undefined && index >= b.index && index < b.index + b.count;
  }

  /** The block holding `index`, reading the following one ahead. */
  private async blockFor(index: number): Promise<ReplayBlock> {
    const b = this.block;
    if (this.holds(b, index)) {
      if (!this.nextBlock && b.index + b.count < (this.info?.frames ?? 0) && index - b.index > b.count / 2) {
        this.nextBlock = this.reader.read(b.index + b.count, BLOCK_FRAMES);
        this.nextBlock.catch(() => undefined);
      }
      return b;
    }
    let next: ReplayBlock | undefined;
    if (this.nextBlock) {
      const pending = this.nextBlock;
      this.nextBlock = undefined;
      const got = await pending;
      if (index >= got.index && index < got.index + got.count) next = got;
    }
    next ??= await this.reader.read(index, BLOCK_FRAMES);
    if (next.count === 0) throw new Error(`${this.opts.description}: no frame at index ${index}`);
    this.block = next;
    return next;
  }

  private positionMs(): number {
    const b = this.block;
    if (b && this.index >= b.index && this.index < b.index + b.count) return b.times[this.index - b.index] as number;
    if (this.info && this.index >= this.info.frames) return this.info.endMs;
    return Number.isNaN(this.lastSentT) ? (this.info?.startMs ?? 0) : this.lastSentT;
  }

  /** Status at most every STATUS_MS while playing; at once on state changes. */
  private emitStatus(now: boolean): void {
    const cb = this.opts.onStatus;
    if (!cb) return;
    const t = this.now();
    if (now || t - this.lastStatusAt >= STATUS_MS) {
      this.lastStatusAt = t;
      if (this.statusTimer) clearTimeout(this.statusTimer);
      this.statusTimer = undefined;
      cb(this.status());
      return;
    }
    this.statusTimer ??= setTimeout(() => {
      this.statusTimer = undefined;
      this.lastStatusAt = this.now();
      cb(this.status());
    }, STATUS_MS - (t - this.lastStatusAt));
  }
}
