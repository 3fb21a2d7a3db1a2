// Bounded FIFO between link and pool. Overflow is a policy, never a crash or
// unbounded growth; every item is counted exactly once as delivered, dropped or rejected.
import type { OverflowPolicy, QueueStats } from '@shared/domain/metrics.js';

export interface BoundedQueueOptions<T> {
  capacity: number;
  policy: OverflowPolicy;
  /** Fraction of capacity above which the producer is asked to slow down. */
  highWaterRatio?: number;
  /** Fraction of capacity below which backpressure is released. */
  lowWaterRatio?: number;
  onBackpressure?: (active: boolean) => void;
  /** Called with each item drop-oldest discards (so frame counts can be kept). */
  onDrop?: (item: T) => void;
}

export class BoundedQueue<T> {
  private ring: (T | undefined)[];
  private head = 0;
  private size = 0;
  private capacityValue: number;
  private policyValue: OverflowPolicy;
  private highWater = 0;
  private counters = { enqueued: 0, delivered: 0, dropped: 0, rejected: 0 };
  private backpressure = false;

  constructor(private readonly opts: BoundedQueueOptions<T>) {
    checkCapacity(opts.capacity);
    this.capacityValue = opts.capacity;
    this.policyValue = opts.policy;
    this.ring = new Array<T | undefined>(opts.capacity);
  }

  get depth(): number {
    return this.size;
  }

  get capacity(): number {
    return this.capacityValue;
  }

  /** Adds an item. Returns false when the reject policy refused it. */
  push(item: T): boolean {
    if (this.size === this.capacityValue) {
      if (this.policyValue === 'reject') {
        this.counters.rejected++;
        return false;
      }
      const oldest = this.shiftRaw();
      this.counters.dropped++;
      if (oldest !== undefined) this.opts.onDrop?.(oldest);
    }
    this.ring[(this.head + this.size) % this.capacityValue] = item;
    this.size++;
    this.counters.enqueued++;
    if (this.size > this.highWater) this.highWater = this.size;
    this.updateBackpressure();
    return true;
  }

  /** Takes the oldest item, counting it as delivered. */
  shift(): T | undefined {
    const item = this.shiftRaw();
    if (item !== undefined) {
      this.counters.delivered++;
      this.updateBackpressure();
    }
    return item;
  }

  /** Empties the queue; the items are counted as dropped. */
  clear(): T[] {
    const items: T[] = [];
    let item: T | undefined;
    while ((item = this.shiftRaw()) !== undefined) {
      items.push(item);
      this.counters.dropped++;
    }
    this.updateBackpressure();
    return items;
  }

  /** Changes capacity/policy live; shrinking below the depth drops the oldest items. */
  reconfigure(capacity: number, policy: OverflowPolicy): void {
    checkCapacity(capacity);
    const items: T[] = [];
    let item: T | undefined;
    while ((item = this.shiftRaw()) !== undefined) items.push(item);
    while (items.length > capacity) {
      const dropped = items.shift() as T;
      this.counters.dropped++;
      this.opts.onDrop?.(dropped);
    }
    this.capacityValue = capacity;
    this.policyValue = policy;
    this.ring = new Array<T | undefined>(capacity);
    this.head = 0;
    for (const it of items) {
      this.ring[this.size++] = it;
    }
    this.updateBackpressure();
  }

  resetCounters(): void {
    this.counters = { enqueued: 0, delivered: 0, dropped: 0, rejected: 0 };
    this.highWater = this.size;
  }

  stats(): QueueStats {
    return {
      capacity: this.capacityValue,
      policy: this.policyValue,
      depth: this.size,
      highWater: this.highWater,
      ...this.counters,
      backpressure: this.backpressure,
    };
  }

  private shiftRaw(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacityValue;
    this.size--;
    return item;
  }

  private updateBackpressure(): void {
    const high = Math.max(1, Math.floor(this.capacityValue * (this.opts.highWaterRatio ?? 0.8)));
    const low = Math.floor(this.capacityValue * (this.opts.lowWaterRatio ?? 0.5));
    let next = this.backpressure;
    if (!this.backpressure && this.size >= high) next = true;
    else if (this.backpressure && this.size <= low) next = false;
    if (next !== this.backpressure) {
      this.backpressure = next;
      this.opts.onBackpressure?.(next);
    }
  }
}

function checkCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`queue capacity must be a positive integer, got ${capacity}`);
}
