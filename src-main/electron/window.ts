// The main window: sandboxed, isolated renderer with only the preload bridge.
import type { BrowserWindow, WebPreferences } from 'electron';
import { hardenWebContents } from './security.js';

export interface MainWindowOptions {
  /** Absolute path of out/preload/index.cjs. */
  preload: string;
  /** Absolute path of out/renderer/index.html (production). */
  indexHtml: string;
  /** electron-vite's dev server URL; when set it is loaded instead of indexHtml. */
  devServerUrl?: string | undefined;
  onLoadError?: (err: unknown) => void;
}

/** Secure defaults, spelled out so a test (and a reviewer) can see every one. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
  };
}

export function createMainWindow(BrowserWindowCtor: typeof BrowserWindow, opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindowCtor({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'TelemetryHub',
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(opts.preload),
  });
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  const loading = opts.devServerUrl ? win.loadURL(opts.devServerUrl) : win.loadFile(opts.indexHtml);
  loading.catch((err: unknown) => opts.onLoadError?.(err));
  return win;
}
