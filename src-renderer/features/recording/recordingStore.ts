// Recording state for the renderer: status, sessions, exports in flight, the open
// history view. Fed only by TelemetryApi; DOM-free so it unit-tests in node.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TelemetryApi } from '@shared/api/contract.js';
import type { ExportProgress, ExportRequestInput, HistoryQueryInput, HistorySeries, RecordingStatus, SessionInfo } from '@shared/domain/recording.js';
import type { ApiResult } from '@shared/domain/result.js';

export interface RecordingState {
  status: RecordingStatus | null;
  sessions: SessionInfo[];
  /** Last error of a sessions request (shown in the panel). */
  error: string | null;
  /** Exports by id, newest last. */
  exports: ExportProgress[];
  /** The export the dialog follows. */
  activeExportId: string | null;
  /** Session the Export dialog starts with (from the Sessions panel). */
  exportSessionId: number | null;
  /** Session shown in the History view. */
  historySessionId: number | null;
  actions: RecordingActions;
}

export interface RecordingActions {
  connect(): () => void;
  refresh(): Promise<void>;
  rename(sessionId: number, name: string): Promise<ApiResult<SessionInfo>>;
  remove(sessionId: number): Promise<ApiResult<unknown>>;
  openHistory(sessionId: number | null): void;
  chooseExportSession(sessionId: number | null): void;
  startExport(req: ExportRequestInput): Promise<ApiResult<{ exportId: string }>>;
  cancelExport(exportId: string): Promise<void>;
  resume(): Promise<void>;
  history(q: HistoryQueryInput): Promise<ApiResult<HistorySeries>>;
  /** Recording settings (data folder, flush interval, retention) go through the shared config. */
  saveSettings(patch: Record<string, unknown>): Promise<ApiResult<unknown>>;
}

export type RecordingStore = StoreApi<RecordingState>;

const REFRESH_WHILE_RECORDING_MS = 2000;

export function createRecordingStore(api: TelemetryApi): RecordingStore {
  return createStore<RecordingState>()((set, get) => {
    const refresh = async (): Promise<void> => {
      const r = await api.listSessions();
      if (r.ok) set({ sessions: r.value, error: null });
      else set({ error: r.error.message });
    };
    const actions: RecordingActions = {
      connect() {
        let lastSession: number | null = null;
        const offs = [
          api.on('recording', (status) => {
            set({ status });
            if (status.sessionId !== lastSession) {
              lastSession = status.sessionId;
              void refresh();
            }
          }),
          api.on('exportProgress', (p) => {
            const rest = get().exports.filter((e) => e.exportId !== p.exportId);
            set({ exports: [...rest, p] });
          }),
        ];
        void api.getRecordingStatus().then((r) => {
          if (r.ok) set({ status: r.value });
        });
        void refresh();
        const timer = setInterval(() => {
          if (get().status?.sessionId != null) void refresh();
        }, REFRESH_WHILE_RECORDING_MS);
        return () => {
          clearInterval(timer);
          for (const off of offs) off();
        };
      },
      refresh,
      async rename(sessionId, name) {
        const r = await api.renameSession({ sessionId, name });
        if (r.ok) await refresh();
        return r;
      },
      async remove(sessionId) {
        const r = await api.deleteSession({ sessionId });
        if (r.ok) {
          if (get().historySessionId === sessionId) set({ historySessionId: null });
          await refresh();
        } else set({ error: r.error.message });
        return r;
      },
      openHistory(sessionId) {
        set({ historySessionId: sessionId });
      },
      chooseExportSession(sessionId) {
        set({ exportSessionId: sessionId });
      },
      async startExport(req) {
        const r = await api.startExport(req);
        if (r.ok) set({ activeExportId: r.value.exportId });
        return r;
      },
      async cancelExport(exportId) {
        await api.cancelExport({ exportId });
      },
      history(q) {
        return api.historyQuery(q);
      },
      saveSettings(patch) {
        return api.updateConfig({ recording: patch });
      },
      async resume() {
        const r = await api.resumeRecording();
        if (!r.ok) set({ error: r.error.message });
      },
    };
    return {
      status: null,
      sessions: [],
      error: null,
      exports: [],
      activeExportId: null,
      exportSessionId: null,
      historySessionId: null,
      actions,
    };
  });
}
