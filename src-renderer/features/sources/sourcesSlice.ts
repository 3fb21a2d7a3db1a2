// The extra sources at run time: the running replay (position, state, bad rows) and its
// controls, the CSV preview for the mapping dialog, and MQTT out's delivery counters.
import type { CsvPreview, CsvPreviewRequestInput } from '@shared/domain/csv-preview.js';
import type { MqttOutStatus } from '@shared/domain/mqtt-out.js';
import type { ReplayControlInput, ReplayStatus } from '@shared/domain/replay.js';
import type { SessionInfo } from '@shared/domain/recording.js';
import type { ApiResult } from '@shared/domain/result.js';
import type { Slice, SliceContext } from '../../state/slice';

export interface SourcesActions {
  /** Pause, resume, seek, speed, loop; the answer replaces the shown status at once. */
  replayControl(control: ReplayControlInput): Promise<ApiResult<ReplayStatus>>;
  /** The first rows of a CSV file parsed with a mapping (errors are the dialog's to show). */
  previewCsv(request: CsvPreviewRequestInput): Promise<ApiResult<CsvPreview>>;
  /** Recorded sessions a replay can play (newest first). */
  listSessions(): Promise<ApiResult<SessionInfo[]>>;
}

export interface SourcesState {
  /** The running replay, or null when the source is not a replay. */
  replay: ReplayStatus | null;
  mqttOut: MqttOutStatus | null;
  actions: SourcesActions;
}

/** A request whose failure the caller shows itself (in its dialog), never thrown. */
async function guarded<T>(call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  try {
    return await call();
  } catch (err) {
    return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
}

export function createSourcesSlice(ctx: SliceContext<SourcesState>): Slice<SourcesState> {
  const { api, set, request } = ctx;
  return {
    state: { replay: null, mqttOut: null },
    actions: {
      async replayControl(control) {
        const result = await request('Replay control', () => api.replayControl(control));
        if (result.ok) set({ replay: result.value });
        return result;
      },
      previewCsv: (req) => guarded(() => api.previewCsv(req)),
      listSessions: () => guarded(() => api.listSessions()),
    },
    subscribe: (mark) => [
      api.on('replay', (replay) => {
        mark('replay');
        set({ replay });
      }),
      api.on('mqttOut', (mqttOut) => {
        mark('mqttOut');
        set({ mqttOut });
      }),
    ],
    fromSnapshot: (snap, seen) => ({
      ...(seen.has('replay') ? {} : { replay: snap.replay ?? null }),
      ...(seen.has('mqttOut') ? {} : { mqttOut: snap.mqttOut ?? null }),
    }),
  };
}
