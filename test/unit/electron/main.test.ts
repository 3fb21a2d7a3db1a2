// Runs the real Electron entry against fake electron + a fake engine: the
// lifecycle wiring (lock, ready, window, IPC, menu, quit) that cannot run here otherwise.
import { basename, dirname } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { secureWebPreferences } from '../../../src-main/electron/window.js';
import { EVENT_CHANNEL, MENU_CHANNEL, REQUEST_CHANNEL } from '../../../src-main/preload/channels.js';
import { FakeApi } from '../../helpers/fake-api.js';
import { createFakeElectron, invokeEvent, type FakeElectron } from './fake-electron.js';

const h = vi.hoisted(() => ({
  electron: undefined as unknown,
  engineOptions: [] as unknown[],
  fail: false,
  engine: undefined as unknown,
  locks: [] as { dir: string; app: string; released: boolean }[],
  lockBusy: undefined as string | undefined,
  savedWindow: null as unknown,
  windowSaves: [] as { file: string; state: unknown }[],
}));

// Getters: the mocked module may outlive vi.resetModules, so it must always read the current fakes.
vi.mock('electron', () => {
  const fake = () => h.electron as FakeElectron;
  return {
    get app() {
      return fake().app;
    },
    get BrowserWindow() {
      return fake().BrowserWindow;
    },
    get dialog() {
      return fake().dialog;
    },
    get ipcMain() {
      return fake().ipcMain;
    },
    get Menu() {
      return fake().Menu;
    },
    get session() {
      return fake().session;
    },
    get protocol() {
      return fake().protocol;
    },
    get Notification() {
      return fake().Notification;
    },
    get screen() {
      return fake().screen;
    },
  };
});
// The window state file: what main loads and saves (the file itself is window-state.test's).
vi.mock('../../../src-main/electron/window-state.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src-main/electron/window-state.js')>();
  return {
    ...actual,
    loadWindowState: async () => h.savedWindow,
    saveWindowState: async (file: string, state: unknown) => void h.windowSaves.push({ file, state }),
  };
});
vi.mock('../../../src-main/engine/index.js', () => ({
  createEngine: async (opts: unknown) => {
    h.engineOptions.push(opts);
    if (h.fail) throw new Error('config is unreadable');
    return h.engine;
  },
}));
vi.mock('../../../src-main/engine/config/data-folder-lock.js', () => ({
  DataFolderLock: {
    acquire: async (dir: string, app: string) => {
      if (h.lockBusy) throw new Error(h.lockBusy);
      const lock = { dir, app, released: false };
      h.locks.push(lock);
      return { release: async () => void (lock.released = true) };
    },
  },
}));
vi.mock('pino', () => {
  const silent = { info() {}, warn() {}, error() {}, debug() {}, flush() {} };
  return { pino: () => silent, default: () => silent };
});

let electron: FakeElectron;
let api: FakeApi;
let engine: { api: FakeApi; start: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> };
const flush = () => new Promise((r) => setTimeout(r, 0));

async function boot(): Promise<void> {
  vi.resetModules();
  await import('../../../src-main/electron/main.js');
  electron.app.fireReady();
  await flush();
  await flush();
}

beforeEach(() => {
  electron = createFakeElectron();
  h.electron = electron;
  h.engineOptions = [];
  h.fail = false;
  h.locks = [];
  h.lockBusy = undefined;
  h.savedWindow = null;
  h.windowSaves = [];
  delete process.env.TELEMETRYHUB_USER_DATA;
  api = new FakeApi();
  engine = { api, start: vi.fn(async () => undefined), close: vi.fn(async () => undefined) };
  h.engine = engine;
});

const mainWindow = () => electron.BrowserWindow.instances[0] ?? expect.fail('no window');

describe('electron main', () => {
  it('on ready creates the engine in userData, then the menu, the window and the IPC handler', async () => {
    await boot();
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(h.engineOptions).toHaveLength(1);
    const opts = h.engineOptions[0] as { dataDir: string; workerFile: string };
    expect(opts.dataDir).toBe('/fake/userData');
    expect(basename(opts.workerFile)).toBe('worker.js');
    expect(engine.start).toHaveBeenCalledOnce();
    expect(electron.Menu.applied).toHaveLength(1);
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    const prefs = mainWindow().options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs?.preload && basename(prefs.preload)).toBe('index.cjs');
    expect(prefs?.preload && basename(dirname(prefs.preload))).toBe('preload');
    expect(prefs).toEqual(secureWebPreferences(prefs?.preload ?? ''));
    expect(electron.ipcMain.handlers.has(REQUEST_CHANNEL)).toBe(true);
    expect(electron.session.defaultSession.headersListener).toBeDefined();
  });

  it('restores the saved window bounds, clamped to the displays there are, and saves them on close', async () => {
    // Saved on the second monitor, maximised; that monitor is gone now.
    h.savedWindow = { x: 2200, y: 100, width: 1600, height: 900, maximized: true };
    electron.screen.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1366, height: 728 } }];
    await boot();
    const win = mainWindow();
    expect(win.options).toMatchObject({ width: 1366, height: 728, x: 0, y: 0 });
    win.webContents.emit('ready-to-show');
    win.emit('ready-to-show');
    expect(win.isMaximized()).toBe(true);
    win.maximized = false;
    win.setBounds({ x: 40, y: 30, width: 1000, height: 700 });
    win.close();
    expect(h.windowSaves).toEqual([{ file: '/fake/userData/window-state.json', state: { x: 40, y: 30, width: 1000, height: 700, maximized: false } }]);
  });

  it('opens at the default size, centred, when nothing was saved', async () => {
    await boot();
    expect(mainWindow().options).toMatchObject({ width: 1280, height: 800 });
    expect(mainWindow().options.x).toBeUndefined();
  });

  it('answers requests from its window through the engine api', async () => {
    await boot();
    const win = mainWindow();
    const res = await electron.ipcMain.invoke(REQUEST_CHANNEL, invokeEvent(win.webContents), 'deviceCommand', 'stop');
    expect(res).toMatchObject({ ok: true });
    expect(api.calls).toEqual([{ method: 'deviceCommand', input: 'stop' }]);
  });

  it('menu clicks run device commands on the engine and send view commands to the window', async () => {
    await boot();
    const template = electron.Menu.applied[0] ?? [];
    const items = template.flatMap((m) => (m.submenu ?? []) as MenuItemConstructorOptions[]);
    items.find((i) => i.id === 'device-reset')?.click?.(undefined as never, undefined, undefined as never);
    items.find((i) => i.id === 'view-metrics')?.click?.(undefined as never, undefined, undefined as never);
    expect(api.calls).toEqual([{ method: 'deviceCommand', input: 'reset' }]);
    expect(mainWindow().webContents.sent).toContainEqual([MENU_CHANNEL, 'view-toggle-metrics-panel']);
    // The shell's menu never travels with the engine's events.
    expect(mainWindow().webContents.sent.filter((m) => m[0] === EVENT_CHANNEL && m[1] === 'menu')).toEqual([]);
  });

  it('a second instance focuses (and restores) the existing window', async () => {
    await boot();
    const win = mainWindow();
    win.minimized = true;
    electron.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
  });

  it('quits at once when another instance holds the lock', async () => {
    electron.app.gotLock = false;
    await boot();
    expect(electron.app.quitted).toBe(true);
    expect(h.engineOptions).toEqual([]);
    expect(electron.BrowserWindow.instances).toEqual([]);
  });

  it('closing the window unbinds IPC; window-all-closed quits after closing the engine', async () => {
    await boot();
    mainWindow().close();
    expect(electron.ipcMain.handlers.has(REQUEST_CHANNEL)).toBe(false);
    expect(api.listenerCount('samples')).toBe(0);
    electron.app.emit('window-all-closed');
    // The first quit is held until the engine has closed…
    expect(engine.close).toHaveBeenCalledOnce();
    await flush();
    // …then quit is called again and goes through.
    expect(electron.app.quitted).toBe(true);
    expect(electron.app.quitCalls).toBe(2);
  });

  it('shows an error and exits non-zero when the engine cannot start', async () => {
    h.fail = true;
    await boot();
    expect(electron.dialog.errors[0]?.[1]).toContain('config is unreadable');
    expect(electron.app.exitCode).toBe(1);
    expect(electron.BrowserWindow.instances).toEqual([]);
  });
});

describe('electron main hardening', () => {
  it('registers app:// as a privileged scheme before ready and serves the renderer from it', async () => {
    await boot();
    expect(electron.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(mainWindow().loaded).toEqual({ url: 'app://telemetryhub/index.html' });
    // The IPC trusts that page.
    const res = await electron.ipcMain.invoke(REQUEST_CHANNEL, invokeEvent(mainWindow().webContents), 'getSnapshot', undefined);
    expect(res).toMatchObject({ ok: true });
  });

  it('answers every permission check "not granted"', async () => {
    await boot();
    const check = electron.session.defaultSession.permissionCheckHandler;
    expect(check?.(null, 'media', 'app://telemetryhub', {})).toBe(false);
    expect(check?.(null, 'clipboard-read', 'app://telemetryhub', {})).toBe(false);
  });

  it('honours TELEMETRYHUB_USER_DATA in development builds only', async () => {
    process.env.TELEMETRYHUB_USER_DATA = '/tmp/th-dev-data';
    await boot();
    expect((h.engineOptions[0] as { dataDir: string }).dataDir).toBe('/tmp/th-dev-data');

    electron = createFakeElectron();
    h.electron = electron;
    h.engineOptions = [];
    electron.app.isPackaged = true;
    await boot();
    expect((h.engineOptions[0] as { dataDir: string }).dataDir).toBe('/fake/userData');
    expect(electron.app.paths.has('userData')).toBe(false);
  });

  it('locks the data folder, releases it on quit, and refuses to start on a folder the host holds', async () => {
    await boot();
    expect(h.locks).toEqual([{ dir: '/fake/userData', app: 'TelemetryHub desktop app', released: false }]);
    electron.app.quit();
    await flush();
    expect(h.locks[0]?.released).toBe(true);

    electron = createFakeElectron();
    h.electron = electron;
    h.engineOptions = [];
    h.lockBusy = 'the data folder /fake/userData is in use by TelemetryHub host (process 7 on pc, since t)';
    await boot();
    expect(electron.dialog.errors).toEqual([['TelemetryHub failed to start', h.lockBusy]]);
    expect(electron.app.exitCode).toBe(1);
    expect(h.engineOptions).toEqual([]);
    expect(electron.BrowserWindow.instances).toEqual([]);
  });

  it('lets the renderer open exactly its pop-out page, as a child window with the same secure preferences', async () => {
    await boot();
    const win = mainWindow();
    const handler = win.webContents.windowOpenHandler;
    const allowed = handler?.({ url: 'app://telemetryhub/popout.html' }) as { action: string; overrideBrowserWindowOptions?: { parent?: unknown; webPreferences?: unknown } };
    expect(allowed.action).toBe('allow');
    expect(allowed.overrideBrowserWindowOptions?.parent).toBe(win);
    expect(allowed.overrideBrowserWindowOptions?.webPreferences).toEqual(win.options.webPreferences);
    for (const url of ['app://telemetryhub/popout.html?x=1', 'app://telemetryhub/index.html', 'app://evil/popout.html', 'https://evil.example/popout.html', 'file:///popout.html']) {
      expect(handler?.({ url }), url).toEqual({ action: 'deny' });
    }
  });
});

describe('electron recording folder', () => {
  const menuItem = (id: string) =>
    (electron.Menu.applied[0] ?? []).flatMap((m) => (m.submenu ?? []) as MenuItemConstructorOptions[]).find((i) => i.id === id) ?? expect.fail(`no ${id}`);

  it('File › Recording folder… opens a native folder dialog and sets the folder chosen', async () => {
    await boot();
    const file = (electron.Menu.applied[0] ?? []).find((m) => m.id === 'file');
    // The project items lead the File menu; Export… and Recording folder… follow, side by side.
    const ids = ((file?.submenu ?? []) as MenuItemConstructorOptions[]).map((i) => i.id);
    expect(ids.slice(ids.indexOf('file-export'), ids.indexOf('file-export') + 2)).toEqual(['file-export', 'file-recording-folder']);
    electron.dialog.openAnswer = { canceled: false, filePaths: ['/data/recordings'] };
    menuItem('file-recording-folder').click?.(undefined as never, undefined, undefined as never);
    await expect.poll(() => api.calls.filter((c) => c.method === 'updateConfig')).toEqual([{ method: 'updateConfig', input: { recording: { folder: '/data/recordings' } } }]);
    expect(electron.dialog.openRequests).toEqual([{ title: 'Recording folder', buttonLabel: 'Record here', properties: ['openDirectory', 'createDirectory'] }]);
  });

  it('refuses a network folder from the dialog with the reason, and a cancelled dialog changes nothing', async () => {
    await boot();
    electron.dialog.openAnswer = { canceled: false, filePaths: ['//nas/share/rec'] };
    menuItem('file-recording-folder').click?.(undefined as never, undefined, undefined as never);
    await expect.poll(() => electron.dialog.errors.length).toBe(1);
    expect(electron.dialog.errors[0]).toEqual(['Recording folder not changed', expect.stringContaining('"//nas/share/rec" is a network (UNC) or device path')]);
    electron.dialog.openAnswer = { canceled: true, filePaths: [] };
    menuItem('file-recording-folder').click?.(undefined as never, undefined, undefined as never);
    await flush();
    expect(api.calls.filter((c) => c.method === 'updateConfig')).toEqual([]);
  });

  it('the renderer cannot move the recording folder over IPC; other settings (and the same folder) pass', async () => {
    await boot();
    const ev = invokeEvent(mainWindow().webContents);
    const moved = await electron.ipcMain.invoke(REQUEST_CHANNEL, ev, 'updateConfig', { recording: { folder: '/tmp/elsewhere', flushMs: 250 } });
    expect(moved).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'recording.folder cannot be changed over the API: choose it with File › Recording folder… in the desktop app, or start the host with --data-dir',
        issues: [{ path: 'recording.folder', message: expect.stringContaining('recording.folder cannot be changed') }],
      },
    });
    expect(api.calls.filter((c) => c.method === 'updateConfig')).toEqual([]);
    const same = await electron.ipcMain.invoke(REQUEST_CHANNEL, ev, 'updateConfig', { recording: { folder: '', flushMs: 500 } });
    expect(same).toMatchObject({ ok: true });
    expect(api.calls.filter((c) => c.method === 'updateConfig')).toEqual([{ method: 'updateConfig', input: { recording: { folder: '', flushMs: 500 } } }]);
  });
});
