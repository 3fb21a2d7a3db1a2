import { describe, expect, it } from 'vitest';
import { emptyMetrics, policyDiscards } from '@shared/domain/metrics.js';

describe('policyDiscards', () => {
  it('counts frames when the pipeline reported them, with the batches in the title', () => {
    const q = { ...emptyMetrics({ capacity: 10 }).queue, dropped: 2, rejected: 1, framesDropped: 700, framesRejected: 300 };
    const d = policyDiscards(q);
    expect(d).toMatchObject({ count: 1000, unit: 'frames' });
    expect(d.title).toContain('Frames dropped 700, rejected 300');
    expect(d.title).toContain('batches: 2 dropped, 1 rejected');
  });

  it('falls back to batches when frames are unknown', () => {
    const d = policyDiscards({ ...emptyMetrics().queue, dropped: 4, rejected: 0 });
    expect(d).toMatchObject({ count: 4, unit: 'batches' });
  });
});
