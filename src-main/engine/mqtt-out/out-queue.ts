// The bounded queue between the publisher and the broker: FIFO, the oldest dropped (and
// counted) when full, and a message the broker did not acknowledge goes back to the head.
export class OutQueue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  dropped = 0;

  constructor(readonly capacity: number) {}

  get depth(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    if (this.depth >= this.capacity) {
      this.items[this.head++] = undefined;
      this.dropped++;
    }
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.depth === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Compact now and then so the array does not grow without end.
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Back to the head (a publish that failed); counts against the capacity like any other. */
  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
    if (this.depth > this.capacity) {
      // Full: the newest retried message is older than everything else, so it is the one to drop.
      this.shift();
      this.dropped++;
    }
  }
}
