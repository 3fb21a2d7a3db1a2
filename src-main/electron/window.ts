// The main window: sandboxed, isolated renderer with only the preload bridge.
import type { BrowserWindow, WebPreferences } from 'electron';
import { APP_INDEX_URL, APP_POPOUT_URL } from './app-protocol.js';
import { hardenWebContents } from './security.js';
import { DEFAULT_WINDOW, MIN_WINDOW, type WindowState } from './window-state.js';

export interface MainWindowOptions {
  /** Absolute path of out/preload/index.cjs. */
  preload: string;
  /** electron-vite's dev server URL; when set it is loaded instead of app://telemetryhub/index.html. */
  devServerUrl?: string | undefined;
  onLoadError?: (err: unknown) => void;
  /** Saved position/size (already clamped to the displays); absent: the default size, centred. */
  state?: WindowState | null;
}

/** Where the renderer's pop-out page lives: next to index.html on the app scheme, or on the dev server. */
export function popoutUrl(devServerUrl?: string): string {
  return devServerUrl ? new URL('/popout.html', devServerUrl).href : APP_POPOUT_URL;
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
  const state = opts.state ?? DEFAULT_WINDOW;
  const win = new BrowserWindowCtor({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    title: 'TelemetryHub',
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(opts.preload),
  });
  // The dockview pop-out (and nothing else) opens as a child window, as locked down as this one.
  hardenWebContents(win.webContents, {
    url: popoutUrl(opts.devServerUrl),
    options: { parent: win, title: 'TelemetryHub', backgroundColor: '#111418', webPreferences: secureWebPreferences(opts.preload) },
  });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  const loading = win.loadURL(opts.devServerUrl ?? APP_INDEX_URL);
  loading.catch((err: unknown) => opts.onLoadError?.(err));
  return win;
}
