// Session- and webContents-level hardening that does not depend on one window.
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** Sends the CSP header with every response, replacing any the server sent. */
export function installCsp(ses: Session, csp: string): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}

/**
 * The UI needs no camera, microphone, notifications, geolocation…: refuse every
 * request, and answer "not granted" to every check (navigator.permissions.query,
 * and the synchronous checks Chromium makes without asking).
 */
export function denyPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** True when `target` is `current` apart from the fragment (a same-document navigation). */
export function isSameDocument(target: string, current: string): boolean {
  try {
    const a = new URL(target);
    const b = new URL(current);
    a.hash = '';
    b.hash = '';
    return a.href === b.href;
  } catch {
    return false;
  }
}

/** The one window the renderer may open: exactly this URL, as a child with these options. */
export interface AllowedPopout {
  url: string;
  options: BrowserWindowConstructorOptions;
}

/** No navigation away, no popups (but the allowed pop-out), no <webview>: a window only ever shows our renderer. */
export function hardenWebContents(contents: WebContents, popout?: AllowedPopout): void {
  contents.on('will-navigate', (event) => {
    if (!isSameDocument(event.url, contents.getURL())) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) =>
    popout && url === popout.url ? { action: 'allow', overrideBrowserWindowOptions: popout.options } : { action: 'deny' },
  );
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
