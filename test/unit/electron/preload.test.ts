import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { TelemetryApi } from '@shared/api/contract.js';
import { encodeSampleBatch, type SampleBatch } from '@shared/api/samples.js';
import type { TelemetryShell } from '@shared/api/shell.js';
import { EVENT_CHANNEL, EXPOSED_GLOBAL, MENU_CHANNEL, REQUEST_CHANNEL, SHELL_GLOBAL } from '../../../src-main/preload/channels.js';
import { idleStatus, sampleBatch } from '../../helpers/fake-api.js';
import { createFakeElectron } from './fake-electron.js';

const h = vi.hoisted(() => ({ electron: undefined as unknown }));
vi.mock('electron', () => h.electron as object);

const electron = createFakeElectron();
h.electron = electron;
let api: TelemetryApi;
let shell: TelemetryShell;

beforeAll(async () => {
  await import('../../../src-main/preload/index.js');
  api = electron.contextBridge.exposed[EXPOSED_GLOBAL] as TelemetryApi;
  shell = electron.contextBridge.exposed[SHELL_GLOBAL] as TelemetryShell;
});

const push = (name: unknown, payload: unknown) => electron.ipcRenderer.emit(EVENT_CHANNEL, {}, name, payload);

describe('preload', () => {
  it('exposes exactly the contract as window.telemetry', () => {
    const recording = ['addAnnotation', 'cancelExport', 'deleteSession', 'getRecordingStatus', 'historyQuery', 'listSessions', 'renameSession', 'resumeRecording', 'startExport'];
    const links = ['listPorts', 'sendToDevice'];
    const resilience = ['breakerAction', 'injectFault', 'stopFault'];
    const replay = ['previewCsv', 'replayControl'];
    const workbench = ['loadWorkbench', 'saveWorkbench'];
    const scripts = ['tryParserScript'];
    expect(Object.keys(api).sort()).toEqual(['alarmAction', 'configureDevice', 'deviceCommand', 'getSnapshot', 'on', 'updateConfig', ...recording, ...links, ...resilience, ...replay, ...workbench, ...scripts].sort());
  });

  it('forwards the resilience requests unchanged', async () => {
    electron.ipcRenderer.invocations.length = 0;
    await api.breakerAction({ action: 'isolate' });
    await api.injectFault({ kind: 'corrupt', percent: 50 });
    await api.stopFault({ all: true });
    expect(electron.ipcRenderer.invocations).toEqual([
      [REQUEST_CHANNEL, 'breakerAction', { action: 'isolate' }],
      [REQUEST_CHANNEL, 'injectFault', { kind: 'corrupt', percent: 50 }],
      [REQUEST_CHANNEL, 'stopFault', { all: true }],
    ]);
  });

  it('forwards requests over the request channel and returns the reply', async () => {
    electron.ipcRenderer.invocations.length = 0;
    await expect(api.deviceCommand('start')).resolves.toEqual({ ok: true, value: 'reply' });
    await api.getSnapshot();
    await api.configureDevice({ rateHz: 50 });
    await api.updateConfig({ chart: { windowSec: 60 } });
    expect(electron.ipcRenderer.invocations).toEqual([
      [REQUEST_CHANNEL, 'deviceCommand', 'start'],
      [REQUEST_CHANNEL, 'getSnapshot', undefined],
      [REQUEST_CHANNEL, 'configureDevice', { rateHz: 50 }],
      [REQUEST_CHANNEL, 'updateConfig', { chart: { windowSec: 60 } }],
    ]);
  });

  it('registers one IPC listener for all events', () => {
    expect(electron.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(1);
  });

  it('decodes sample batches before calling listeners, and unsubscribes', () => {
    const got: SampleBatch[] = [];
    const off = api.on('samples', (b) => got.push(b));
    const batch = sampleBatch(3, 5, 2);
    push('samples', encodeSampleBatch(batch));
    // IPC may deliver a typed-array view instead of the ArrayBuffer itself.
    push('samples', new Uint8Array(encodeSampleBatch(sampleBatch(4, 5, 2))));
    off();
    push('samples', encodeSampleBatch(batch));
    expect(got.map((b) => b.seq)).toEqual([3, 4]);
    expect(Array.from(got[0]!.y)).toEqual(Array.from(batch.y));
    expect(got[0]!.t).toBeInstanceOf(Float64Array);
  });

  it('passes other events through by name only to their listeners', () => {
    const device: unknown[] = [];
    const ports: unknown[] = [];
    const offs = [api.on('device', (d) => device.push(d)), api.on('ports', (p) => ports.push(p))];
    push('device', idleStatus);
    push('ports', [{ path: '/dev/ttyUSB0' }]);
    push('no-such-event', 1);
    offs.forEach((off) => off());
    expect(device).toEqual([idleStatus]);
    expect(ports).toEqual([[{ path: '/dev/ttyUSB0' }]]);
  });

  it('native-menu commands arrive on the shell channel only, as window.telemetryShell.onMenu', () => {
    expect(Object.keys(shell)).toEqual(['onMenu']);
    expect(electron.ipcRenderer.listenerCount(MENU_CHANNEL)).toBe(1);
    const menu: unknown[] = [];
    const off = shell.onMenu((m) => menu.push(m));
    electron.ipcRenderer.emit(MENU_CHANNEL, {}, 'help-about');
    // On the event channel a menu command is an unknown event: dropped.
    push('menu', 'view-toggle-pause');
    // Only known view commands pass.
    electron.ipcRenderer.emit(MENU_CHANNEL, {}, 'rm -rf');
    off();
    electron.ipcRenderer.emit(MENU_CHANNEL, {}, 'help-shortcuts');
    expect(menu).toEqual(['help-about']);
  });

  it('drops a malformed sample buffer and isolates a throwing listener', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const got: number[] = [];
    const offs = [
      api.on('samples', () => {
        throw new Error('boom');
      }),
      api.on('samples', (b) => got.push(b.seq)),
    ];
    push('samples', new ArrayBuffer(3));
    push('samples', 'not binary');
    push('samples', encodeSampleBatch(sampleBatch(9)));
    offs.forEach((off) => off());
    expect(got).toEqual([9]);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('refuses to register an unknown event', () => {
    expect(() => api.on('bogus' as 'device', () => undefined)).toThrow(TypeError);
  });
});
