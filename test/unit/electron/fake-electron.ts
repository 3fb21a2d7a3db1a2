// Small fakes of the Electron APIs the shell uses, so main/window/ipc/menu/preload
// run under plain Node. They record what the code did; they do not emulate Chromium.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
    public processId = 1,
    public routingId = 1,
  ) {}
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeWebFrame('about:blank');
  readonly sent: unknown[][] = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits will-navigate like Chromium would; true when the app prevented it. */
  tryNavigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
  /** Emits will-attach-webview; true when the app prevented it. */
  tryAttachWebview(): boolean {
    let prevented = false;
    this.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: { url?: string; file?: string } | undefined;
  shown = false;
  focused = false;
  minimized = false;
  maximized = false;
  destroyed = false;
  /** Normal (not maximised) bounds: from the options, changed by setBounds. */
  bounds: { x: number; y: number; width: number; height: number };

  constructor(public readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    FakeBrowserWindow.instances.push(this);
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  setBounds(b: { x: number; y: number; width: number; height: number }): void {
    this.bounds = { ...b };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  loadURL(url: string): Promise<void> {
    this.loaded = { url };
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    this.loaded = { file };
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the user closing the window looks like to main. */
  close(): void {
    this.emit('close', { preventDefault: () => undefined });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    // Electron throws on a second handler for a channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, ...args);
  }
}

export interface HeadersDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

export class FakeSession {
  permissionCheckHandler: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | undefined;
  headersListener: ((details: HeadersDetails, cb: (res: { responseHeaders?: Record<string, string[]> }) => void) => void) | undefined;
  permissionHandler: ((contents: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionHandler']): void {
    this.permissionHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}

/** Electron's protocol module: what was registered as privileged, and the handlers installed. */
export class FakeProtocol {
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly handlers = new Map<string, (request: { url: string; method?: string }) => Promise<Response> | Response>();
  /** Set once the app is ready: Electron refuses registerSchemesAsPrivileged after that. */
  ready = false;
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (this.ready) throw new Error('registerSchemesAsPrivileged must be called before app ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: { url: string; method?: string }) => Promise<Response> | Response): void {
    this.handlers.set(scheme, handler);
  }
  /** What Chromium would get for `url` (sent verbatim, not normalised). */
  async fetch(url: string, method = 'GET'): Promise<Response> {
    const scheme = url.split(':', 1)[0] ?? '';
    const h = this.handlers.get(scheme);
    if (!h) throw new Error(`no handler for ${scheme}:`);
    return h({ url, method });
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  gotLock = true;
  name = 'electron';
  quitCalls = 0;
  exitCode: number | undefined;
  sandboxEnabled = false;
  quitted = false;
  readonly paths = new Map<string, string>();
  private readyResolve: (() => void) | undefined;
  private readonly ready = new Promise<void>((r) => (this.readyResolve = r));

  setName(name: string): void {
    this.name = name;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/fake/${name}`;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** Test control: Electron finished initialising. */
  fireReady(): void {
    this.emit('ready');
    this.readyResolve?.();
  }
  /** Like Electron: before-quit may be prevented, otherwise the app quits. */
  quit(): void {
    this.quitCalls++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

export class FakeIpcRenderer extends EventEmitter {
  readonly invocations: unknown[][] = [];
  reply: unknown = { ok: true, value: 'reply' };
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return Promise.resolve(this.reply);
  }
}

/** Electron's Notification: records what was shown. */
export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  shown = false;
  constructor(readonly options: { title?: string; body?: string; urgency?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
  }
}

export function createFakeElectron() {
  const menus: MenuItemConstructorOptions[][] = [];
  const session = new FakeSession();
  const app = new FakeApp();
  const protocol = new FakeProtocol();
  app.once('ready', () => (protocol.ready = true));
  FakeBrowserWindow.instances = [];
  FakeNotification.instances = [];
  return {
    Notification: FakeNotification,
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    protocol,
    session: { defaultSession: session },
    /** Two displays side by side; tests replace `displays` to unplug one. */
    screen: {
      displays: [
        { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
        { id: 2, workArea: { x: 1920, y: 0, width: 1280, height: 984 } },
      ],
      getPrimaryDisplay(): { id: number; workArea: { x: number; y: number; width: number; height: number } } {
        return this.displays[0] as { id: number; workArea: { x: number; y: number; width: number; height: number } };
      },
      getAllDisplays(): { id: number; workArea: { x: number; y: number; width: number; height: number } }[] {
        return this.displays;
      },
    },
    Menu: {
      applied: menus,
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
      setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] }) => void menus.push(menu.template),
    },
    dialog: {
      errors: [] as string[][],
      saveRequests: [] as unknown[],
      /** What the next save dialog answers. */
      saveAnswer: { canceled: true } as { canceled: boolean; filePath?: string },
      showErrorBox(title: string, content: string) {
        this.errors.push([title, content]);
      },
      showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
        this.saveRequests.push(args.at(-1));
        return Promise.resolve(this.saveAnswer);
      },
      openRequests: [] as unknown[],
      /** What the next folder dialog answers. */
      openAnswer: { canceled: true, filePaths: [] } as { canceled: boolean; filePaths: string[] },
      showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
        this.openRequests.push(args.at(-1));
        return Promise.resolve(this.openAnswer);
      },
    },
    contextBridge: {
      exposed: {} as Record<string, unknown>,
      exposeInMainWorld(key: string, api: unknown) {
        this.exposed[key] = api;
      },
    },
  };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** An IPC invoke event as Electron builds it for `frame` of `contents`. */
export function invokeEvent(contents: FakeWebContents, frame: FakeWebFrame | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame, frameId: frame?.routingId ?? 0, processId: frame?.processId ?? 0, type: 'frame' as const };
}
