// Operator fault injection: faults scheduled or active, the fault journal.
import type { ActiveFault, FaultJournalEntry, FaultRequestInput, StopFaultInput } from '@shared/domain/faults.js';
import type { ApiResult } from '@shared/domain/result.js';
import { errorText, type Slice, type SliceContext } from '../../state/slice';
import { appendFaultJournal } from './faultJournal';

export interface FaultsActions {
  /** Validation issues are the form's (it puts them at their field); other errors also go to the banner. */
  injectFault(request: FaultRequestInput): Promise<ApiResult<ActiveFault>>;
  stopFault(request: StopFaultInput): Promise<boolean>;
}

export interface FaultsState {
  /** Faults scheduled or active now. */
  faults: ActiveFault[];
  /** Newest fault journal entries, oldest first (bounded). */
  faultJournal: FaultJournalEntry[];
  actions: FaultsActions;
}

export function createFaultsSlice(ctx: SliceContext<FaultsState>): Slice<FaultsState> {
  const { api, set, get, request, notify } = ctx;
  return {
    state: { faults: [], faultJournal: [] },
    actions: {
      async injectFault(input) {
        let result: ApiResult<ActiveFault>;
        try {
          result = await api.injectFault(input);
        } catch (err) {
          const message = errorText(err);
          notify(`Injecting the fault failed: ${message}`);
          return { ok: false, error: { code: 'internal', message } };
        }
        if (result.ok) {
          // The `faults` event follows; show the fault at once meanwhile.
          const fault = result.value;
          const others = get().faults.filter((f) => f.id !== fault.id);
          set({ faults: [...others, fault] });
        } else if (!result.error.issues?.length) {
          notify(`Injecting the fault failed: ${result.error.message}`);
        }
        return result;
      },
      async stopFault(input) {
        const result = await request('all' in input ? 'Stopping all faults' : 'Stopping the fault', () => api.stopFault(input));
        if (result.ok) set({ faults: result.value });
        return result.ok;
      },
    },
    subscribe: (mark) => [
      api.on('faults', (faults) => {
        mark('faults');
        set({ faults });
      }),
      api.on('faultJournal', (entries) => {
        mark('faultJournal');
        set({ faultJournal: appendFaultJournal(get().faultJournal, entries) });
      }),
    ],
    fromSnapshot: (snap, seen, replace) => ({
      ...(seen.has('faults') ? {} : { faults: snap.faults ?? [] }),
      // Entries that came as events before the snapshot are newer: merged after it.
      faultJournal: replace ? (snap.faultJournal ?? []) : appendFaultJournal(snap.faultJournal ?? [], get().faultJournal),
    }),
  };
}
