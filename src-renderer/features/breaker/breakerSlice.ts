// The device link's circuit breaker: its status, the operator's Isolate/Reset and its settings.
import type { AppConfig } from '@shared/config/app-config.js';
import type { BreakerAction, BreakerSettingsInput, BreakerStatus } from '@shared/domain/breaker.js';
import type { ApiResult } from '@shared/domain/result.js';
import type { Slice, SliceContext } from '../../state/slice';
import { newerBreaker } from './breakerView';

export interface BreakerActions {
  breakerAction(action: BreakerAction): Promise<boolean>;
  /** Saves the breaker settings (`config.resilience.breaker`, replaced whole); the result carries field issues for the form. */
  saveBreakerSettings(settings: BreakerSettingsInput): Promise<ApiResult<AppConfig>>;
}

export interface BreakerState {
  breaker: BreakerStatus | null;
  actions: BreakerActions;
}

export function createBreakerSlice(ctx: SliceContext<BreakerState>): Slice<BreakerState> {
  const { api, set, get, request, saveConfig } = ctx;
  return {
    state: { breaker: null },
    actions: {
      async breakerAction(action) {
        const label = action.action === 'isolate' ? 'Isolating the link' : 'Resetting the breaker';
        const result = await request(label, () => api.breakerAction(action));
        if (result.ok) set({ breaker: newerBreaker(get().breaker, result.value) });
        return result.ok;
      },
      saveBreakerSettings: (settings) => saveConfig('Saving breaker settings', { resilience: { breaker: settings } }),
    },
    subscribe: (mark) => [
      api.on('breaker', (breaker) => {
        mark('breaker');
        set({ breaker });
      }),
    ],
    fromSnapshot: (snap, seen) => (seen.has('breaker') ? {} : { breaker: snap.breaker ?? null }),
  };
}
