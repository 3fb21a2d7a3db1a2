// The renderer's telemetry store, composed of one slice per feature and fed only by TelemetryApi:
// a snapshot on start, then events. Kept free of DOM and React so it runs in node unit tests.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Snapshot, TelemetryApi } from '@shared/api/contract.js';
import type { EventName } from '@shared/api/events.js';
import type { TelemetryShell } from '@shared/api/shell.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { ApiResult } from '@shared/domain/result.js';
import { createAlarmsSlice, type AlarmsState } from '../features/alarms';
import { createBreakerSlice, type BreakerState } from '../features/breaker';
import { createConsoleSlice, type ConsoleState } from '../features/console';
import { createDeviceSlice, isCommandEnabled, type DeviceState } from '../features/device';
import { createFaultsSlice, type FaultsState } from '../features/faults';
import { createIntegritySlice, type IntegrityState } from '../features/integrity';
import { createMetricsSlice, type MetricsState } from '../features/metrics';
import { createChartSlice, type ChartState } from '../features/plots';
import { createSourcesSlice, type SourcesState } from '../features/sources';
import { createConfigCell } from '../state/configCell';
import type { CoreState } from '../state/coreState';
import { errorText, type Slice, type SliceContext } from '../state/slice';
import { createViewSlice, type ShellState } from './viewSlice';

export type { Notice } from '../state/coreState';

export type TelemetryState = CoreState & ShellState & DeviceState & MetricsState & AlarmsState & ConsoleState & IntegrityState & BreakerState & FaultsState & ChartState & SourcesState;
export type TelemetryActions = TelemetryState['actions'];
export type TelemetryStore = StoreApi<TelemetryState>;

export interface StoreOptions {
  /** File › Quit; without it Quit is disabled (a browser tab cannot close itself; Electron quits natively). */
  onQuit?: () => void;
  /** Colour pickers fire continuously while dragging: persist once they settle. */
  colorPersistDelayMs?: number;
  /** Delay between snapshot attempts while the first one fails. */
  snapshotRetryMs?: number;
  maxNotices?: number;
  /** The Electron shell's menu channel (native-menu view commands); absent in a browser. */
  shell?: TelemetryShell | undefined;
}

const MAX_NOTICES = 5;

export function createTelemetryStore(api: TelemetryApi, options: StoreOptions = {}): TelemetryStore {
  const maxNotices = options.maxNotices ?? MAX_NOTICES;
  const config = createConfigCell();
  let noticeId = 0;

  return createStore<TelemetryState>()((set, get) => {
    const notify = (message: string): void => {
      noticeId += 1;
      set({ notices: [...get().notices, { id: noticeId, message }].slice(-maxNotices) });
    };
    const publishConfig = (): void => set({ config: config.effective() });

    const ctx: SliceContext<TelemetryState> = {
      api,
      get,
      set: (partial) => set(partial),
      notify,
      config,
      async request<T>(label: string, call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
        try {
          const result = await call();
          if (!result.ok) notify(`${label} failed: ${result.error.message}`);
          return result;
        } catch (err) {
          const message = errorText(err);
          notify(`${label} failed: ${message}`);
          return { ok: false, error: { code: 'internal', message } };
        }
      },
      async saveConfig(label, patch): Promise<ApiResult<AppConfig>> {
        try {
          const result = await api.updateConfig(patch);
          if (result.ok) {
            config.setServer(result.value);
            publishConfig();
          }
          return result;
        } catch (err) {
          const message = errorText(err);
          notify(`${label} failed: ${message}`);
          return { ok: false, error: { code: 'internal', message } };
        }
      },
    };

    const device = createDeviceSlice(ctx);
    const slices: Slice<{ actions: object }>[] = [
      createViewSlice(ctx, isCommandEnabled, options.onQuit),
      device,
      createMetricsSlice(ctx),
      createAlarmsSlice(ctx),
      createConsoleSlice(ctx),
      createIntegritySlice(ctx),
      createBreakerSlice(ctx),
      createFaultsSlice(ctx),
      createChartSlice(ctx, options.colorPersistDelayMs),
      createSourcesSlice(ctx),
    ];

    const connect = (): (() => void) => {
      // Events that arrive before the snapshot are newer than it: the snapshot must not overwrite them.
      const seen = new Set<EventName>();
      let closed = false;
      let retry: ReturnType<typeof setTimeout> | undefined;
      const mark = (e: EventName) => {
        if (!get().ready) seen.add(e);
      };

      const subs = [
        api.on('config', (next) => {
          mark('config');
          config.setServer(next);
          publishConfig();
        }),
        ...(options.shell ? [options.shell.onMenu((command) => get().actions.runView(command))] : []),
        // The bridge reconnected and reloaded the whole snapshot: every part of the state follows it.
        api.on('resync', (snap) => applySnapshot(snap, true)),
        ...slices.flatMap((s) => s.subscribe?.(mark) ?? []),
      ];

      function applySnapshot(snap: Snapshot, replace = false): void {
        if (replace || !seen.has('config')) config.setServer(snap.config);
        const parts = slices.map((s) => s.fromSnapshot?.(snap, replace ? new Set<EventName>() : seen, replace) ?? {});
        set(Object.assign({ ready: true, loadError: null, config: config.effective() }, ...parts) as Partial<TelemetryState>);
        void device.actions.refreshPorts();
      }

      const load = async (): Promise<void> => {
        let message: string;
        try {
          const result = await api.getSnapshot();
          if (closed) return;
          if (result.ok) return applySnapshot(result.value);
          message = result.error.message;
        } catch (err) {
          if (closed) return;
          message = errorText(err);
        }
        if (get().loadError === null) notify(`Loading the device state failed: ${message}`);
        set({ loadError: message });
        retry = setTimeout(() => void load(), options.snapshotRetryMs ?? 2000);
      };
      void load();

      return () => {
        closed = true;
        if (retry !== undefined) clearTimeout(retry);
        for (const s of slices) s.dispose?.();
        for (const off of subs) off();
      };
    };

    const core: CoreState = {
      ready: false,
      loadError: null,
      config: null,
      notices: [],
      actions: {
        connect,
        dismissNotice(id) {
          set({ notices: get().notices.filter((n) => n.id !== id) });
        },
        reportError: notify,
        updateConfig: (label, patch) => ctx.saveConfig(label, patch),
      },
    };

    const state = Object.assign({}, ...slices.map((s) => s.state), { ready: core.ready, loadError: core.loadError, config: core.config, notices: core.notices });
    const actions = Object.assign({}, core.actions, ...slices.map((s) => s.actions));
    return { ...state, actions } as TelemetryState;
  });
}
