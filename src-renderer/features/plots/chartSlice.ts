// The live chart's settings (window, scaling, channel colours and visibility) and pause. Edits show
// at once as an overlay on the config and are confirmed by the server later; colour pickers fire
// continuously while dragging, so those persist once they settle.
import type { SampleBatch } from '@shared/api/samples.js';
import type { Unsubscribe } from '@shared/api/events.js';
import type { AppConfig, ChartSettings } from '@shared/config/app-config.js';
import type { Slice, SliceContext } from '../../state/slice';
import { patchChannelView } from './channelViews';
import { stepWindow } from './timeWindow';

export interface ChartActions {
  /** Sample batches bypass the store (30 Hz of typed arrays): the chart listens directly. */
  onSamples(listener: (batch: SampleBatch) => void): Unsubscribe;
  setWindowSec(sec: number): void;
  stepWindow(direction: 1 | -1): void;
  setAutoScale(on: boolean): void;
  setChannelVisible(index: number, visible: boolean): void;
  setChannelColor(index: number, color: string): void;
  setPaused(paused: boolean): void;
}

export interface ChartState {
  /** The live chart is frozen (data keeps arriving into its buffer). */
  paused: boolean;
  config: AppConfig | null;
  actions: ChartActions;
}

export function createChartSlice(ctx: SliceContext<ChartState>, colorPersistDelayMs = 300): Slice<ChartState> {
  const { api, set, get, request, config } = ctx;
  let unsent: Partial<ChartSettings> = {};
  let inFlight = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    flushTimer = undefined;
    const patch = unsent;
    unsent = {};
    if (Object.keys(patch).length === 0) return;
    inFlight += 1;
    void request('Saving chart settings', () => api.updateConfig({ chart: patch })).then((result) => {
      inFlight -= 1;
      if (result.ok) config.setServer(result.value);
      // Once nothing is pending the server's word is final (this also reverts a failed edit).
      if (inFlight === 0 && flushTimer === undefined && Object.keys(unsent).length === 0) config.setOverlay({});
      set({ config: config.effective() });
    });
  };

  const persist = (patch: Partial<ChartSettings>, delayMs = 0): void => {
    if (!config.server()) return;
    config.setOverlay({ ...config.overlay(), ...patch });
    unsent = { ...unsent, ...patch };
    set({ config: config.effective() });
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (delayMs > 0) flushTimer = setTimeout(flush, delayMs);
    else flush();
  };

  const chart = (): ChartSettings | null => get().config?.chart ?? null;

  const actions: ChartActions = {
    onSamples: (listener) => api.on('samples', listener),
    setWindowSec(sec) {
      if (chart()?.windowSec !== sec) persist({ windowSec: sec });
    },
    stepWindow(direction) {
      const c = chart();
      if (c) actions.setWindowSec(stepWindow(c.windowSec, direction));
    },
    setAutoScale(on) {
      if (chart()?.autoScale !== on) persist({ autoScale: on });
    },
    setChannelVisible(index, visible) {
      const c = chart();
      if (c) persist({ channels: patchChannelView(c.channels, index, { visible }) });
    },
    setChannelColor(index, color) {
      const c = chart();
      if (c) persist({ channels: patchChannelView(c.channels, index, { color }) }, colorPersistDelayMs);
    },
    setPaused(paused) {
      set({ paused });
    },
  };

  return {
    state: { paused: false, config: null },
    actions,
    dispose() {
      if (flushTimer !== undefined) flush();
    },
  };
}
