// Which sessions a retention rule would delete: older than N days, then oldest
// first until the total size fits. Never the one being recorded. Pure.
import type { SessionInfo } from '@shared/domain/recording.js';

export interface RetentionRule {
  retentionDays: number;
  retentionMaxMb: number;
}

export function sessionsToDelete(sessions: readonly SessionInfo[], rule: RetentionRule, now: number): SessionInfo[] {
  const doomed = new Set<number>();
  const candidates = sessions.filter((s) => !s.recording).sort((a, b) => a.startedAt - b.startedAt);
  if (rule.retentionDays > 0) {
    const cutoff = now - rule.retentionDays * 86_400_000;
    for (const s of candidates) if ((s.endedAt ?? s.startedAt) < cutoff) doomed.add(s.id);
  }
  if (rule.retentionMaxMb > 0) {
    let total = sessions.filter((s) => !doomed.has(s.id)).reduce((a, s) => a + s.sizeBytes, 0);
    const limit = rule.retentionMaxMb * 1024 * 1024;
    for (const s of candidates) {
      if (total <= limit) break;
      if (doomed.has(s.id)) continue;
      doomed.add(s.id);
      total -= s.sizeBytes;
    }
  }
  return candidates.filter((s) => doomed.has(s.id));
}
