import { describe, expect, it } from 'vitest';
import { ReleaseBarriers } from '../../../src-main/engine/pipeline/release-barrier.js';

describe('release barriers', () => {
  it('runs at once when nothing is queued and everything before it is released', () => {
    const b = new ReleaseBarriers<string>();
    const ran: string[] = [];
    b.mark(undefined, 3, () => ran.push('end'));
    b.release(2);
    expect(ran).toEqual([]);
    b.release(3);
    expect(ran).toEqual(['end']);
  });

  it('waits for the last batch queued at the mark: runs right after its release, not before', () => {
    const b = new ReleaseBarriers<string>();
    const ran: number[] = [];
    b.mark('q2', 5, () => ran.push(1));
    b.assigned('q1', 5);
    b.release(6);
    expect(ran).toEqual([]); // id of q2 not known yet
    b.assigned('q2', 6);
    b.release(6);
    expect(ran).toEqual([]);
    b.release(7);
    expect(ran).toEqual([1]);
  });

  it('a dropped marker batch settles on what was already handed to the pool; barriers run in mark order', () => {
    const b = new ReleaseBarriers<string>();
    const ran: number[] = [];
    b.mark('a', 2, () => ran.push(1));
    b.mark(undefined, 2, () => ran.push(2));
    b.dropped('a', 4);
    b.release(3);
    expect(ran).toEqual([]);
    b.release(4);
    expect(ran).toEqual([1, 2]);
  });

  it('closing runs every barrier still waiting', () => {
    const b = new ReleaseBarriers<string>();
    const ran: number[] = [];
    b.mark('x', 0, () => ran.push(1));
    b.flushAll();
    expect(ran).toEqual([1]);
  });
});
