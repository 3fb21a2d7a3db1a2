import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../../src-main/electron/app-protocol.js';
import { createMainWindow, popoutUrl, secureWebPreferences } from '../../../src-main/electron/window.js';
import { FakeBrowserWindow } from './fake-electron.js';

const preload = join('/app', 'out', 'preload', 'index.cjs');
const Ctor = FakeBrowserWindow as unknown as typeof BrowserWindow;

function open(devServerUrl?: string): FakeBrowserWindow {
  return createMainWindow(Ctor, { preload, devServerUrl }) as unknown as FakeBrowserWindow;
}

beforeEach(() => {
  FakeBrowserWindow.instances = [];
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(secureWebPreferences(preload)).toMatchObject({
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('createMainWindow', () => {
  it('creates the window with the secure preferences, hidden until painted', () => {
    const win = open();
    expect(win.options.webPreferences).toEqual(secureWebPreferences(preload));
    expect(win.options.show).toBe(false);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('loads the built index.html from the app scheme in production and the dev server URL in development', () => {
    expect(open().loaded).toEqual({ url: 'app://telemetryhub/index.html' });
    expect(open('http://localhost:5173/').loaded).toEqual({ url: 'http://localhost:5173/' });
  });

  it('denies navigation away from the renderer but allows a same-document hash change', () => {
    const { webContents } = open();
    const here = APP_INDEX_URL;
    expect(webContents.tryNavigate('https://evil.example/')).toBe(true);
    expect(webContents.tryNavigate(pathToFileURL('/etc/passwd').href)).toBe(true);
    expect(webContents.tryNavigate(`${here}#/settings`)).toBe(false);
    expect(webContents.tryNavigate(here)).toBe(false);
  });

  it('denies window.open (but the pop-out page) and <webview>', () => {
    const { webContents } = open();
    expect(webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(webContents.windowOpenHandler?.({ url: 'app://telemetryhub/popout.html' })).toMatchObject({ action: 'allow' });
    expect(webContents.tryAttachWebview()).toBe(true);
  });

  it('finds the pop-out next to index.html, or on the dev server in development', () => {
    expect(popoutUrl()).toBe('app://telemetryhub/popout.html');
    expect(popoutUrl('http://localhost:5173/')).toBe('http://localhost:5173/popout.html');
    const dev = open('http://localhost:5173/');
    expect(dev.webContents.windowOpenHandler?.({ url: 'http://localhost:5173/popout.html' })).toMatchObject({ action: 'allow' });
    expect(dev.webContents.windowOpenHandler?.({ url: 'app://telemetryhub/popout.html' })).toEqual({ action: 'deny' });
  });

  it('reports a failed load instead of leaving an unhandled rejection', async () => {
    class FailingWindow extends FakeBrowserWindow {
      override loadURL(): Promise<void> {
        return Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
      }
    }
    const errors: unknown[] = [];
    createMainWindow(FailingWindow as unknown as typeof BrowserWindow, { preload, onLoadError: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
  });
});
