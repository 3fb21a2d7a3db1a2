// The renderer's single store, fed only by TelemetryApi: a snapshot on start, then events.
// Kept free of DOM and React so it runs in node unit tests with a fake api.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Snapshot, TelemetryApi } from '@shared/api/contract.js';
import type { EventName, Unsubscribe } from '@shared/api/events.js';
import type { SampleBatch } from '@shared/api/samples.js';
import type { AppConfig, ChartSettings, ConfigPatch } from '@shared/config/app-config.js';
import type { ChannelInfo, DeviceCommand, DeviceSettingsInput, DeviceStatus } from '@shared/domain/device.js';
import type { IntegrityReport } from '@shared/domain/integrity.js';
import type { PortInfo, SendToDeviceInput } from '@shared/domain/link.js';
import type { ChannelStats, Metrics, QueueStats } from '@shared/domain/metrics.js';
import type { ApiResult } from '@shared/domain/result.js';
import type { ViewCommand } from '@shared/ui/menu.js';
import type { AlarmAction } from '@shared/alarms/actions.js';
import type { Alarm, JournalEntry } from '@shared/alarms/alarm.js';
import type { AlarmSettingsInput } from '@shared/alarms/rules.js';
import type { BreakerAction, BreakerSettingsInput, BreakerStatus } from '@shared/domain/breaker.js';
import type { ActiveFault, FaultJournalEntry, FaultRequestInput, StopFaultInput } from '@shared/domain/faults.js';
import { appendJournal } from '../features/alarms/journalBuffer';
import { patchChannelView } from '../features/plots/channelViews';
import { stepWindow } from '../features/plots/timeWindow';
import { isCommandEnabled } from '../features/device/deviceCommands';
import type { CommandItem } from './shortcuts';
import { appendConsole, EMPTY_CONSOLE, type ConsoleLog } from '../features/console/consoleLog';
import { newerBreaker } from '../features/breaker/breakerView';
import { faultFieldErrors } from '../features/faults/faultForm';
import { appendFaultJournal } from '../features/faults/faultJournal';
import { pushMetrics } from '../features/metrics/history';
import { INITIAL_UI, reduceUi, type PanelKey, type UiState } from './viewCommands';

export interface Notice {
  id: number;
  message: string;
}

export interface TelemetryData {
  /** The first snapshot arrived. */
  ready: boolean;
  /** Why the snapshot could not be loaded (retried until it can). */
  loadError: string | null;
  /** Server configuration with not-yet-confirmed chart edits laid over it. */
  config: AppConfig | null;
  device: DeviceStatus | null;
  channels: ChannelInfo[];
  queue: QueueStats | null;
  metrics: Metrics | null;
  /** Last 5 minutes of metrics, oldest first. */
  history: Metrics[];
  stats: ChannelStats[];
  ui: UiState;
  /** Failed requests, newest last. */
  notices: Notice[];
  /** File › Quit does something here (a browser tab cannot close itself). */
  canQuit: boolean;
  /** Alarms not in Normal (shelved/suppressed too), sorted by the engine. */
  alarms: Alarm[];
  /** Newest alarm journal entries, oldest first (bounded). */
  journal: JournalEntry[];
  /** Serial ports discovery last saw. */
  ports: PortInfo[];
  /** Raw bytes received from / sent to the link, bounded. */
  consoleLog: ConsoleLog;
  /** Per-link data-integrity counters. */
  integrity: IntegrityReport | null;
  /** The device link's circuit breaker. */
  breaker: BreakerStatus | null;
  /** Faults scheduled or active now. */
  faults: ActiveFault[];
  /** Newest fault journal entries, oldest first (bounded). */
  faultJournal: FaultJournalEntry[];
  /** Messages of the fault form, by field (`percent`, `durationMs`, `form`…). */
  faultErrors: Record<string, string>;
}

export interface TelemetryActions {
  /** Subscribes to every event, then loads the snapshot (retrying until it arrives). Returns the disconnect. */
  connect(): () => void;
  /** Sample batches bypass the store (30 Hz of typed arrays): the chart listens directly. */
  onSamples(listener: (batch: SampleBatch) => void): Unsubscribe;
  deviceCommand(command: DeviceCommand): Promise<boolean>;
  /** Returns the result so the device panel can put issues at their fields. */
  configureDevice(input: DeviceSettingsInput): Promise<ApiResult<DeviceStatus>>;
  /** Asks the engine to list serial ports now (also updates `ports`). */
  refreshPorts(): Promise<ApiResult<PortInfo[]>>;
  /** Returns the result so the console can put a hex error at its field. */
  sendToDevice(request: SendToDeviceInput): Promise<ApiResult<{ bytes: number }>>;
  clearConsole(): void;
  setWindowSec(sec: number): void;
  stepWindow(direction: 1 | -1): void;
  setAutoScale(on: boolean): void;
  setChannelVisible(index: number, visible: boolean): void;
  setChannelColor(index: number, color: string): void;
  setPaused(paused: boolean): void;
  runView(command: ViewCommand): void;
  runMenuItem(item: CommandItem): void;
  closeDialog(): void;
  dismissNotice(id: number): void;
  reportError(message: string): void;
  alarmAction(action: AlarmAction): Promise<boolean>;
  /** Saves alarm rules/notification settings; the result carries field issues for the form. */
  saveAlarmSettings(settings: AlarmSettingsInput): Promise<ApiResult<AppConfig>>;
  /** Opens a panel (a status-bar cell shows its details); no-op when it is open. */
  openPanel(panel: PanelKey): void;
  breakerAction(action: BreakerAction): Promise<boolean>;
  /** Saves the breaker settings (`config.resilience.breaker`, replaced whole); the result carries field issues for the form. */
  saveBreakerSettings(settings: BreakerSettingsInput): Promise<ApiResult<AppConfig>>;
  /** Validation issues go to `faultErrors` at their field; other errors to the banner. */
  injectFault(request: FaultRequestInput): Promise<ApiResult<ActiveFault>>;
  stopFault(request: StopFaultInput): Promise<boolean>;
  /** The fault form's own checks (text that is not a number) and clearing edited fields. */
  setFaultErrors(errors: Record<string, string>): void;
}

export type TelemetryState = TelemetryData & { actions: TelemetryActions };
export type TelemetryStore = StoreApi<TelemetryState>;

export interface StoreOptions {
  /** File › Quit; without it Quit is disabled (a browser tab cannot close itself; Electron quits natively). */
  onQuit?: () => void;
  /** Colour pickers fire continuously while dragging: persist once they settle. */
  colorPersistDelayMs?: number;
  /** Delay between snapshot attempts while the first one fails. */
  snapshotRetryMs?: number;
  maxNotices?: number;
}

const MAX_NOTICES = 5;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createTelemetryStore(api: TelemetryApi, options: StoreOptions = {}): TelemetryStore {
  const colorDelay = options.colorPersistDelayMs ?? 300;
  const maxNotices = options.maxNotices ?? MAX_NOTICES;
  let noticeId = 0;

  // Chart edits are shown at once (overlay) and confirmed by the server later.
  let serverConfig: AppConfig | null = null;
  let overlay: Partial<ChartSettings> = {};
  let unsent: Partial<ChartSettings> = {};
  let inFlight = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  const store = createStore<TelemetryState>()((set, get) => {
    const notify = (message: string): void => {
      noticeId += 1;
      const notices = [...get().notices, { id: noticeId, message }].slice(-maxNotices);
      set({ notices });
    };

    /** Runs a request; failures (error results or rejections) become a notice. */
    const request = async <T>(label: string, call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> => {
      try {
        const result = await call();
        if (!result.ok) notify(`${label} failed: ${result.error.message}`);
        return result;
      } catch (err) {
        const message = errorText(err);
        notify(`${label} failed: ${message}`);
        return { ok: false, error: { code: 'internal', message } };
      }
    };

    const effectiveConfig = (): AppConfig | null =>
      serverConfig && Object.keys(overlay).length > 0 ? { ...serverConfig, chart: { ...serverConfig.chart, ...overlay } } : serverConfig;

    const flushChart = (): void => {
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      flushTimer = undefined;
      const patch = unsent;
      unsent = {};
      if (Object.keys(patch).length === 0) return;
      inFlight += 1;
      void request('Saving chart settings', () => api.updateConfig({ chart: patch })).then((result) => {
        inFlight -= 1;
        if (result.ok) serverConfig = result.value;
        // Once nothing is pending the server's word is final (this also reverts a failed edit).
        if (inFlight === 0 && flushTimer === undefined && Object.keys(unsent).length === 0) overlay = {};
        set({ config: effectiveConfig() });
      });
    };

    const persistChart = (patch: Partial<ChartSettings>, delayMs = 0): void => {
      if (!serverConfig) return;
      overlay = { ...overlay, ...patch };
      unsent = { ...unsent, ...patch };
      set({ config: effectiveConfig() });
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      flushTimer = undefined;
      if (delayMs > 0) flushTimer = setTimeout(flushChart, delayMs);
      else flushChart();
    };

    const chart = (): ChartSettings | null => get().config?.chart ?? null;

    /** A settings form's save: field errors are shown at the fields by the caller, so only a failed call becomes a notice. */
    const saveConfig = async (label: string, patch: ConfigPatch): Promise<ApiResult<AppConfig>> => {
      try {
        const result = await api.updateConfig(patch);
        if (result.ok) {
          serverConfig = result.value;
          set({ config: effectiveConfig() });
        }
        return result;
      } catch (err) {
        const message = errorText(err);
        notify(`${label} failed: ${message}`);
        return { ok: false, error: { code: 'internal', message } };
      }
    };

    const connect = (): (() => void) => {
      // Events that arrive before the snapshot are newer than it: the snapshot must not overwrite them.
      const seen = new Set<EventName>();
      let closed = false;
      let retry: ReturnType<typeof setTimeout> | undefined;
      const mark = (e: EventName) => {
        if (!get().ready) seen.add(e);
      };
      const applyServerConfig = (config: AppConfig): void => {
        serverConfig = config;
        set({ config: effectiveConfig() });
      };

      const subs = [
        api.on('device', (device) => {
          mark('device');
          set({ device });
        }),
        api.on('channels', (channels) => {
          mark('channels');
          set({ channels });
        }),
        api.on('queue', (queue) => {
          mark('queue');
          set({ queue });
        }),
        api.on('metrics', (metrics) => {
          mark('metrics');
          set({ metrics, queue: metrics.queue, history: pushMetrics(get().history, metrics) });
        }),
        api.on('stats', (stats) => {
          mark('stats');
          set({ stats });
        }),
        api.on('config', (config) => {
          mark('config');
          applyServerConfig(config);
        }),
        api.on('menu', (command) => actions.runView(command)),
        api.on('alarms', (alarms) => {
          mark('alarms');
          set({ alarms });
        }),
        api.on('alarmJournal', (entries) => {
          mark('alarmJournal');
          set({ journal: appendJournal(get().journal, entries) });
        }),
        api.on('ports', (ports) => set({ ports })),
        api.on('console', (batch) => set({ consoleLog: appendConsole(get().consoleLog, batch) })),
        api.on('integrity', (integrity) => {
          mark('integrity');
          set({ integrity });
        }),
        api.on('breaker', (breaker) => {
          mark('breaker');
          set({ breaker });
        }),
        api.on('faults', (faults) => {
          mark('faults');
          set({ faults });
        }),
        api.on('faultJournal', (entries) => {
          mark('faultJournal');
          set({ faultJournal: appendFaultJournal(get().faultJournal, entries) });
        }),
      ];

      const applySnapshot = (snap: Snapshot): void => {
        if (!seen.has('config')) serverConfig = snap.config;
        set({
          ready: true,
          loadError: null,
          config: effectiveConfig(),
          device: seen.has('device') ? get().device : snap.device,
          channels: seen.has('channels') ? get().channels : snap.channels,
          queue: seen.has('queue') || seen.has('metrics') ? get().queue : snap.queue,
          metrics: seen.has('metrics') ? get().metrics : snap.metrics,
          history: seen.has('metrics') ? get().history : pushMetrics([], snap.metrics),
          stats: seen.has('stats') ? get().stats : snap.stats,
          alarms: seen.has('alarms') ? get().alarms : snap.alarms,
          // Entries that came as events before the snapshot are merged by sequence number.
          journal: appendJournal(snap.alarmJournal, get().journal),
          integrity: seen.has('integrity') ? get().integrity : (snap.integrity ?? null),
          breaker: seen.has('breaker') ? get().breaker : (snap.breaker ?? null),
          faults: seen.has('faults') ? get().faults : (snap.faults ?? []),
          // Entries that came as events before the snapshot are newer: merged after it.
          faultJournal: appendFaultJournal(snap.faultJournal ?? [], get().faultJournal),
        });
        void actions.refreshPorts();
      };

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
        if (flushTimer !== undefined) flushChart();
        for (const off of subs) off();
      };
    };

    const actions: TelemetryActions = {
      connect,
      onSamples(listener) {
        return api.on('samples', listener);
      },
      async deviceCommand(command) {
        const result = await request(`Device ${command}`, () => api.deviceCommand(command));
        if (result.ok) set({ device: result.value });
        return result.ok;
      },
      async configureDevice(input) {
        const result = await request('Applying device settings', () => api.configureDevice(input));
        if (result.ok) set({ device: result.value });
        return result;
      },
      async refreshPorts() {
        const result = await request('Listing serial ports', () => api.listPorts());
        if (result.ok) set({ ports: result.value });
        return result;
      },
      async sendToDevice(req) {
        return request('Sending to the device', () => api.sendToDevice(req));
      },
      clearConsole() {
        set({ consoleLog: EMPTY_CONSOLE });
      },
      setWindowSec(sec) {
        if (chart()?.windowSec !== sec) persistChart({ windowSec: sec });
      },
      stepWindow(direction) {
        const c = chart();
        if (c) actions.setWindowSec(stepWindow(c.windowSec, direction));
      },
      setAutoScale(on) {
        if (chart()?.autoScale !== on) persistChart({ autoScale: on });
      },
      setChannelVisible(index, visible) {
        const c = chart();
        if (c) persistChart({ channels: patchChannelView(c.channels, index, { visible }) });
      },
      setChannelColor(index, color) {
        const c = chart();
        if (c) persistChart({ channels: patchChannelView(c.channels, index, { color }) }, colorDelay);
      },
      setPaused(paused) {
        set({ ui: { ...get().ui, paused } });
      },
      runView(command) {
        if (command === 'view-window-longer') actions.stepWindow(1);
        else if (command === 'view-window-shorter') actions.stepWindow(-1);
        else set({ ui: reduceUi(get().ui, command) });
      },
      runMenuItem(item) {
        switch (item.kind) {
          case 'device':
            if (isCommandEnabled(item.command, get().device)) void actions.deviceCommand(item.command);
            return;
          case 'view':
            actions.runView(item.command);
            return;
          case 'quit':
            options.onQuit?.();
            return;
        }
      },
      closeDialog() {
        set({ ui: { ...get().ui, dialog: null } });
      },
      dismissNotice(id) {
        set({ notices: get().notices.filter((n) => n.id !== id) });
      },
      reportError(message) {
        notify(message);
      },
      async alarmAction(action) {
        const result = await request(`Alarm ${action.action}`, () => api.alarmAction(action));
        if (result.ok) set({ alarms: result.value });
        return result.ok;
      },
      async saveAlarmSettings(settings) {
        return saveConfig('Saving alarm rules', { alarms: settings });
      },
      openPanel(panel) {
        const ui = get().ui;
        if (!ui[panel]) set({ ui: { ...ui, [panel]: true } });
      },
      async saveBreakerSettings(settings) {
        return saveConfig('Saving breaker settings', { resilience: { breaker: settings } });
      },
      async breakerAction(action) {
        const result = await request(action.action === 'isolate' ? 'Isolating the link' : 'Resetting the breaker', () => api.breakerAction(action));
        if (result.ok) set({ breaker: newerBreaker(get().breaker, result.value) });
        return result.ok;
      },
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
          set({ faults: [...others, fault], faultErrors: {} });
        } else if (result.error.issues?.length) {
          set({ faultErrors: faultFieldErrors(result.error.issues) });
        } else {
          set({ faultErrors: {} });
          notify(`Injecting the fault failed: ${result.error.message}`);
        }
        return result;
      },
      async stopFault(input) {
        const result = await request('all' in input ? 'Stopping all faults' : 'Stopping the fault', () => api.stopFault(input));
        if (result.ok) set({ faults: result.value });
        return result.ok;
      },
      setFaultErrors(errors) {
        set({ faultErrors: errors });
      },
    };

    return {
      ready: false,
      loadError: null,
      config: null,
      device: null,
      channels: [],
      queue: null,
      metrics: null,
      history: [],
      stats: [],
      ui: INITIAL_UI,
      notices: [],
      canQuit: options.onQuit !== undefined,
      alarms: [],
      journal: [],
      ports: [],
      consoleLog: EMPTY_CONSOLE,
      integrity: null,
      breaker: null,
      faults: [],
      faultJournal: [],
      faultErrors: {},
      actions,
    };
  });
  return store;
}
