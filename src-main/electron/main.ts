// Electron entry (built to out/main/index.js). Only wiring: the engine does the
// work, window/ipc/menu/security hold the policies.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, screen, session } from 'electron';
import { pino } from 'pino';
import { MENU } from '@shared/ui/menu.js';
import { DataFolderLock } from '../engine/config/data-folder-lock.js';
import { createEngine, type Engine } from '../engine/index.js';
import { ExportJanitor } from '../engine/export/export-janitor.js';
import { withoutFolderChanges } from '@shared/api/folder-guard.js';
import { installAppProtocol, registerAppScheme } from './app-protocol.js';
import { chooseRecordingFolder, withRecordingFolderItem } from './recording-folder.js';
import { installExportSave } from './export-save.js';
import { contentSecurityPolicy } from '@shared/security/csp.js';
import { bindAlarmNotifications } from './alarm-notifier.js';
import { bindIpc, sendMenuCommand } from './ipc.js';
import { menuTemplate } from './menu.js';
import { denyPermissions, hardenWebContents, installCsp } from './security.js';
import { rendererUrlTrust } from './trust.js';
import { createMainWindow } from './window.js';
import { clampToDisplays, loadWindowState, saveWindowState, trackWindowState, type WindowState } from './window-state.js';

const here = dirname(fileURLToPath(import.meta.url));
const logger = pino({ name: 'electron', level: process.env.LOG_LEVEL ?? 'info' });
// electron-vite dev sets this; a packaged app must never load a URL from the environment.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererDir = join(here, '../renderer');
const isTrustedUrl = rendererUrlTrust({ devServerUrl });

let engine: Engine | undefined;
let dataLock: DataFolderLock | undefined;
let mainWindow: BrowserWindow | null = null;
/** Position, size and maximised state of the main window, kept in the data folder. */
let windowStateFile = '';
let windowState: WindowState | null = null;

/** The saved state on the displays there are now (primary first): never off screen. */
function windowStateNow(): WindowState | null {
  if (!windowState) return null;
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  return clampToDisplays(windowState, [primary, ...others].map((d) => d.workArea));
}

function openWindow(api: Engine['api']): void {
  const win = createMainWindow(BrowserWindow, {
    preload: join(here, '../preload/index.cjs'),
    devServerUrl,
    onLoadError: (err) => logger.error({ err }, 'renderer failed to load'),
    state: windowStateNow(),
  });
  mainWindow = win;
  trackWindowState(win, (state) => {
    windowState = state;
    void saveWindowState(windowStateFile, state).catch((err: unknown) => logger.warn({ err }, 'window position not saved'));
  });
  // The renderer never moves the recording folder: the native folder dialog (File menu) does.
  const unbind = bindIpc(ipcMain, withoutFolderChanges(api), () => mainWindow, isTrustedUrl, logger);
  win.on('closed', () => {
    unbind();
    mainWindow = null;
  });
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function installMenu(api: Engine['api']): void {
  const template = menuTemplate(
    MENU,
    {
      deviceCommand: (command) => {
        void api.deviceCommand(command).then((res) => {
          if (!res.ok) logger.warn({ command, error: res.error }, 'menu device command failed');
        });
      },
      viewCommand: (command) => sendMenuCommand(mainWindow, command),
      quit: () => app.quit(),
    },
    { isMac: process.platform === 'darwin', devTools: !app.isPackaged },
  );
  const chooseFolder = (): void => {
    void chooseRecordingFolder({ dialog, window: () => mainWindow, api }).then((folder) => {
      if (folder) logger.info({ folder }, 'recording folder changed');
    });
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(withRecordingFolderItem(template, chooseFolder)));
}

async function onReady(): Promise<void> {
  const csp = contentSecurityPolicy({ devServerUrl });
  installAppProtocol(protocol, rendererDir, csp);
  // The dev server's http responses get the policy here; app:// responses carry it themselves.
  installCsp(session.defaultSession, csp);
  denyPermissions(session.defaultSession);
  const dataDir = app.getPath('userData');
  // The single-instance lock keeps a second app out; this keeps a host started on the same folder out too.
  dataLock = await DataFolderLock.acquire(dataDir, 'TelemetryHub desktop app');
  windowStateFile = join(dataDir, 'window-state.json');
  windowState = await loadWindowState(windowStateFile);
  const created = await createEngine({ dataDir, workerFile: join(here, 'worker.js'), recorderWorkerFile: join(here, 'recorder.js'), logger });
  engine = created;
  await created.start();
  installMenu(created.api);
  bindAlarmNotifications(Notification, created.api, focusWindow);
  openWindow(created.api);
  // Export files are copied out by the save dialog: then removed, and swept by age and total size.
  const janitor = new ExportJanitor({ dir: join(dataDir, 'exports'), logger });
  void janitor.sweep();
  installExportSave({
    onCopied: (file) => janitor.downloaded(file),
    api: created.api,
    exportFile: (id, part) => created.exportFile(id, part),
    showSaveDialog: (opts) => (mainWindow ? dialog.showSaveDialog(mainWindow, opts) : dialog.showSaveDialog(opts)),
    defaultDir: app.getPath('downloads'),
    onSaved: (filePath) => logger.info({ filePath }, 'export saved'),
    onError: (message) => {
      logger.error({ message }, 'export save failed');
      dialog.showErrorBox('Export not saved', message);
    },
  });
  // macOS keeps the app alive without windows; the dock icon brings one back.
  app.on('activate', () => {
    if (!mainWindow) openWindow(created.api);
  });
}

let quitting = false;
async function closeEngineThenQuit(): Promise<void> {
  const force = setTimeout(() => {
    logger.error('engine did not close in time');
    app.exit(1);
  }, 10_000);
  try {
    await engine?.close();
  } catch (err) {
    logger.error({ err }, 'engine close failed');
  }
  clearTimeout(force);
  engine = undefined;
  await dataLock?.release().catch((err: unknown) => logger.error({ err }, 'data folder unlock failed'));
  app.quit();
}

// Same name in dev and packaged builds, so both use the same userData folder.
app.setName('TelemetryHub');
// Development and test builds only: point the app at another data folder. A packaged app
// ignores the environment (it must not be steerable into reading or writing another folder).
if (!app.isPackaged && process.env.TELEMETRYHUB_USER_DATA) app.setPath('userData', process.env.TELEMETRYHUB_USER_DATA);
app.enableSandbox();
// Before ready: the scheme's privileges are fixed when Chromium starts.
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  // Every webContents (not only ours) gets the no-navigation / no-popup rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (!engine) return;
    // Hold the quit until the engine has stopped the device and the pool.
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void closeEngineThenQuit();
  });
  app
    .whenReady()
    .then(onReady)
    .catch((err: unknown) => {
      logger.error({ err }, 'startup failed');
      dialog.showErrorBox('TelemetryHub failed to start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
