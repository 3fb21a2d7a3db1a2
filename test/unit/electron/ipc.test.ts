import type { BrowserWindow, IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '@shared/api/events.js';
import { decodeSampleBatch } from '@shared/api/samples.js';
import type { ApiResult } from '@shared/domain/result.js';
import { APP_INDEX_URL } from '../../../src-main/electron/app-protocol.js';
import { bindIpc } from '../../../src-main/electron/ipc.js';
import { rendererUrlTrust } from '../../../src-main/electron/trust.js';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../../../src-main/preload/channels.js';
import { FakeApi, sampleBatch } from '../../helpers/fake-api.js';
import { FakeBrowserWindow, FakeIpcMain, FakeWebFrame, invokeEvent } from './fake-electron.js';


let api: FakeApi;
let ipc: FakeIpcMain;
let win: FakeBrowserWindow | null;
let dispose: () => void;
const warnings: unknown[] = [];

function request(name: unknown, payload?: unknown, event = invokeEvent(win!.webContents)): Promise<ApiResult<unknown>> {
  return ipc.invoke(REQUEST_CHANNEL, event, name, payload) as Promise<ApiResult<unknown>>;
}

beforeEach(async () => {
  api = new FakeApi();
  ipc = new FakeIpcMain();
  const w = new FakeBrowserWindow({});
  await w.loadURL(APP_INDEX_URL);
  win = w;
  warnings.length = 0;
  dispose = bindIpc(
    ipc as unknown as IpcMain,
    api,
    () => win as unknown as BrowserWindow | null,
    rendererUrlTrust(),
    { warn: (obj: unknown) => void warnings.push(obj) } as never,
  );
});

afterEach(() => dispose());

describe('bindIpc requests', () => {
  it('passes a valid request from our main frame to the api', async () => {
    const res = await request('deviceCommand', 'start');
    expect(res).toMatchObject({ ok: true, value: { state: 'measuring' } });
    expect(api.calls).toEqual([{ method: 'deviceCommand', input: 'start' }]);
  });

  it('refuses a sender showing an untrusted URL without calling the api', async () => {
    win!.webContents.mainFrame.url = 'https://evil.example/';
    const res = await request('deviceCommand', 'start');
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-state', message: expect.stringMatching(/forbidden/) } });
    expect(api.calls).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it('refuses a subframe even when it shows a trusted URL', async () => {
    const main = win!.webContents.mainFrame;
    const sub = new FakeWebFrame(main.url, main, main.processId, main.routingId + 1);
    const res = await request('getSnapshot', undefined, invokeEvent(win!.webContents, sub));
    expect(res).toMatchObject({ ok: false, error: { message: expect.stringMatching(/main frame/) } });
    expect(api.calls).toEqual([]);
  });

  it('refuses another window, a vanished frame and the time with no window', async () => {
    const other = new FakeBrowserWindow({});
    await other.loadURL(APP_INDEX_URL);
    expect((await request('getSnapshot', undefined, invokeEvent(other.webContents))).ok).toBe(false);
    expect((await request('getSnapshot', undefined, invokeEvent(win!.webContents, null))).ok).toBe(false);
    const event = invokeEvent(win!.webContents);
    win = null;
    expect((await request('getSnapshot', undefined, event)).ok).toBe(false);
    expect(api.calls).toEqual([]);
  });

  it('rejects an invalid payload with an error naming the field', async () => {
    const bad = await request('deviceCommand', 'explode');
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    const rate = await request('configureDevice', { rateHz: -1 });
    expect(rate.ok).toBe(false);
    if (rate.ok) return;
    expect(rate.error.code).toBe('validation');
    expect(rate.error.issues?.map((i) => i.path)).toEqual(['rateHz']);
    expect(rate.error.message).toContain('rateHz');
    expect(api.calls).toEqual([]);
  });

  it('rejects an unknown request name', async () => {
    expect(await request('deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await request(42, {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('bindIpc events', () => {
  it('subscribes to every event of the contract', () => {
    for (const name of EVENT_NAMES) expect(api.listenerCount(name), name).toBe(1);
  });

  it('forwards events on the event channel', () => {
    api.emit('device', api.status);
    expect(win!.webContents.sent).toEqual([[EVENT_CHANNEL, 'device', api.status]]);
  });

  it('forwards a sample publish as exactly one encoded ArrayBuffer', () => {
    const batch = sampleBatch(7, 100, 3);
    api.emit('samples', batch);
    expect(win!.webContents.sent).toHaveLength(1);
    const [channel, name, payload] = win!.webContents.sent[0]!;
    expect([channel, name]).toEqual([EVENT_CHANNEL, 'samples']);
    expect(payload).toBeInstanceOf(ArrayBuffer);
    const decoded = decodeSampleBatch(payload as ArrayBuffer);
    expect(decoded.seq).toBe(7);
    expect(Array.from(decoded.t)).toEqual(Array.from(batch.t));
    expect(Array.from(decoded.y)).toEqual(Array.from(batch.y));
  });

  it('does not send to a destroyed window', () => {
    win!.close();
    expect(() => api.emit('device', api.status)).not.toThrow();
    expect(win!.webContents.sent).toEqual([]);
  });

  it('the disposer removes the handler and every subscription', () => {
    dispose();
    expect(ipc.handlers.has(REQUEST_CHANNEL)).toBe(false);
    for (const name of EVENT_NAMES) expect(api.listenerCount(name)).toBe(0);
    api.emit('device', api.status);
    expect(win!.webContents.sent).toEqual([]);
    // Binding again (a new window on macOS) must work.
    dispose = bindIpc(ipc as unknown as IpcMain, api, () => null, () => true);
    expect(ipc.handlers.has(REQUEST_CHANNEL)).toBe(true);
  });
});
