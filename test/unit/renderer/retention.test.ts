import type { SessionInfo } from '@shared/domain/recording.js';
import { describe, expect, it } from 'vitest';
import { sessionsToDelete } from '../../../src-renderer/features/recording/retention';

const DAY = 86_400_000;
const NOW = 100 * DAY;
const s = (id: number, ageDays: number, mb: number, recording = false): SessionInfo => ({
  id,
  name: `S${id}`,
  source: 'simulated',
  startedAt: NOW - ageDays * DAY,
  endedAt: recording ? null : NOW - ageDays * DAY + 1000,
  frames: 1,
  channels: [],
  interrupted: false,
  sizeBytes: mb * 1024 * 1024,
  recording,
});

describe('retention', () => {
  it('keeps everything with both limits off', () => {
    expect(sessionsToDelete([s(1, 50, 10)], { retentionDays: 0, retentionMaxMb: 0 }, NOW)).toEqual([]);
  });
  it('deletes sessions older than the age limit', () => {
    const out = sessionsToDelete([s(1, 50, 1), s(2, 5, 1), s(3, 31, 1)], { retentionDays: 30, retentionMaxMb: 0 }, NOW);
    expect(out.map((x) => x.id)).toEqual([1, 3]);
  });
  it('deletes oldest first until the size fits, never the live session', () => {
    const out = sessionsToDelete([s(1, 3, 40), s(2, 2, 40), s(3, 1, 40), s(4, 9, 500, true)], { retentionDays: 0, retentionMaxMb: 100 }, NOW);
    expect(out.map((x) => x.id)).toEqual([1, 2, 3]);
  });
});
