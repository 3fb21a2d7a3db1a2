import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '@shared/domain/device.js';
import type { Metrics } from '@shared/domain/metrics.js';
import { patchChannelView, resolveChannelView } from '../../../src-renderer/features/plots/channelViews';
import { defaultChannelColor } from '../../../src-renderer/features/plots/palette';
import { stepWindow, windowOptions } from '../../../src-renderer/features/plots/timeWindow';
import { isCommandEnabled } from '../../../src-renderer/features/device/deviceCommands';
import { pushBounded, pushMetrics } from '../../../src-renderer/features/metrics/history';
import { INITIAL_UI, reduceUi } from '../../../src-renderer/app/viewCommands';

describe('time window steps', () => {
  it('walks the presets and stops at 10 s and 10 min', () => {
    expect(stepWindow(30, 1)).toBe(60);
    expect(stepWindow(30, -1)).toBe(20);
    expect(stepWindow(600, 1)).toBe(600);
    expect(stepWindow(10, -1)).toBe(10);
    expect(stepWindow(45, 1)).toBe(60);
    expect(stepWindow(45, -1)).toBe(30);
  });

  it('offers a non-preset current value', () => {
    expect(windowOptions(45)).toContain(45);
    expect(windowOptions(30)).toEqual([10, 20, 30, 60, 120, 300, 600]);
  });
});

describe('channel views', () => {
  it('fills defaults up to the patched index', () => {
    const next = patchChannelView([{ visible: false }], 3, { color: '#112233' });
    expect(next).toEqual([{ visible: false }, { visible: true }, { visible: true }, { visible: true, color: '#112233' }]);
  });

  it('resolves palette colours for unset channels', () => {
    expect(resolveChannelView([], 2)).toEqual({ visible: true, color: defaultChannelColor(2) });
    expect(new Set(Array.from({ length: 32 }, (_, i) => defaultChannelColor(i))).size).toBe(32);
  });
});

describe('history', () => {
  it('is bounded and drops the oldest', () => {
    let h: number[] = [];
    for (let i = 0; i < 305; i++) h = pushBounded(h, i, 300);
    expect(h).toHaveLength(300);
    expect(h[0]).toBe(5);
    expect(h[299]).toBe(304);
  });

  it('skips metrics that are not newer than the last one', () => {
    const m = (t: number) => ({ t }) as Metrics;
    const h = pushMetrics(pushMetrics([], m(1000)), m(1000));
    expect(h).toHaveLength(1);
    expect(pushMetrics(h, m(2000))).toHaveLength(2);
  });
});

describe('view commands', () => {
  it('toggles pause and panels and opens dialogs', () => {
    // Pause is the chart's (telemetry-store test): the UI state does not change.
    expect(reduceUi(INITIAL_UI, 'view-toggle-pause')).toBe(INITIAL_UI);
    expect(reduceUi(INITIAL_UI, 'view-toggle-device-panel').panels.device).toBe(false);
    expect(reduceUi(INITIAL_UI, 'view-toggle-metrics-panel').panels.metrics).toBe(false);
    expect(INITIAL_UI.panels.alarms).toBe(true);
    expect(reduceUi(INITIAL_UI, 'view-toggle-alarm-panel').panels.alarms).toBe(false);
    expect(reduceUi(INITIAL_UI, 'view-toggle-console-panel').panels.console).toBe(false);
    expect(reduceUi(INITIAL_UI, 'view-toggle-integrity-panel').panels.integrity).toBe(true);
    expect(reduceUi(reduceUi(INITIAL_UI, 'view-toggle-integrity-panel'), 'view-toggle-integrity-panel')).toEqual(INITIAL_UI);
    expect(reduceUi(INITIAL_UI, 'help-about').dialog).toBe('about');
    expect(reduceUi(INITIAL_UI, 'help-shortcuts').dialog).toBe('shortcuts');
    expect(reduceUi(INITIAL_UI, 'view-window-longer')).toBe(INITIAL_UI);
  });

  it('toggles the breaker and fault panels (off by default)', () => {
    expect(INITIAL_UI.panels.breaker).toBe(false);
    expect(INITIAL_UI.panels.faults).toBe(false);
    const on = reduceUi(reduceUi(INITIAL_UI, 'view-toggle-breaker-panel'), 'view-toggle-faults-panel');
    expect(on.panels).toMatchObject({ breaker: true, faults: true, metrics: true });
    expect(reduceUi(reduceUi(on, 'view-toggle-breaker-panel'), 'view-toggle-faults-panel')).toEqual(INITIAL_UI);
  });
});

describe('device command availability', () => {
  const status = (patch: Partial<DeviceStatus>): DeviceStatus => ({
    source: 'simulated',
    link: 'connected',
    state: 'idle',
    reason: '',
    since: 0,
    throttled: false,
    ...patch,
  });

  it('follows the state machine', () => {
    const idle = status({});
    expect(isCommandEnabled('start', idle)).toBe(true);
    expect(isCommandEnabled('stop', idle)).toBe(false);
    expect(isCommandEnabled('connect', idle)).toBe(false);
    expect(isCommandEnabled('disconnect', idle)).toBe(true);

    const measuring = status({ state: 'measuring' });
    expect(isCommandEnabled('start', measuring)).toBe(false);
    expect(isCommandEnabled('stop', measuring)).toBe(true);
    expect(isCommandEnabled('safe', measuring)).toBe(true);

    const safe = status({ state: 'safe' });
    expect(isCommandEnabled('start', safe)).toBe(false);
    expect(isCommandEnabled('safe', safe)).toBe(false);
    expect(isCommandEnabled('reset', safe)).toBe(true);

    const offline = status({ link: 'disconnected' });
    expect(isCommandEnabled('connect', offline)).toBe(true);
    expect(isCommandEnabled('disconnect', offline)).toBe(false);
  });

  it('enables nothing before the first status', () => {
    expect(isCommandEnabled('start', null)).toBe(false);
  });
});
