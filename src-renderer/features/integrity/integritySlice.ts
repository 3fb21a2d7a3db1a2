// Per-link data-integrity counters.
import type { IntegrityReport } from '@shared/domain/integrity.js';
import type { Slice, SliceContext } from '../../state/slice';

export interface IntegrityState {
  integrity: IntegrityReport | null;
  actions: object;
}

export function createIntegritySlice(ctx: SliceContext<IntegrityState>): Slice<IntegrityState> {
  const { api, set } = ctx;
  return {
    state: { integrity: null },
    actions: {},
    subscribe: (mark) => [
      api.on('integrity', (integrity) => {
        mark('integrity');
        set({ integrity });
      }),
    ],
    fromSnapshot: (snap, seen) => (seen.has('integrity') ? {} : { integrity: snap.integrity ?? null }),
  };
}
