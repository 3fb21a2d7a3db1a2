// Runs a callback at an exact point of the pipeline's release order: after every batch
// framed before the mark was released (or dropped), before any batch framed after it.
// The recorder ends a session there, so a Stop followed at once by a Start splits the
// frames between two sessions exactly, without waiting for the pipeline to run dry.

interface Barrier<B> {
  /** The last batch queued at the mark, until it gets its id. */
  batch: B | undefined;
  /** Released ids below this belong before the barrier; -1 until known. */
  until: number;
  fn: () => void;
}

export class ReleaseBarriers<B> {
  private list: Barrier<B>[] = [];

  /** Marks the current end of the stream: `lastQueued` is still queued (or undefined when the queue is empty). */
  mark(lastQueued: B | undefined, nextId: number, fn: () => void): void {
    this.list.push({ batch: lastQueued, until: lastQueued === undefined ? nextId : -1, fn });
  }

  /** A batch left the queue for the pool with this id. */
  assigned(batch: B, id: number): void {
    for (const b of this.list) if (b.batch === batch) this.settle(b, id + 1);
  }

  /** A batch was dropped from the queue: it and everything before it is gone or already has an id. */
  dropped(batch: B, nextId: number): void {
    for (const b of this.list) if (b.batch === batch) this.settle(b, nextId);
  }

  /** Runs (in mark order) every barrier whose batches are all released. */
  release(nextRelease: number): void {
    while (this.list.length > 0) {
      const b = this.list[0] as Barrier<B>;
      if (b.until < 0 || nextRelease < b.until) return;
      this.list.shift();
      b.fn();
    }
  }

  /** The pipeline closes: nothing more will be released. */
  flushAll(): void {
    for (const b of this.list.splice(0)) b.fn();
  }

  private settle(b: Barrier<B>, until: number): void {
    b.batch = undefined;
    b.until = until;
  }
}
