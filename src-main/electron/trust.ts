// Which renderer URLs may talk to the engine: our own index.html on the app://
// scheme, or (in development only) pages of the electron-vite dev server.
import { APP_INDEX_URL } from './app-protocol.js';

export interface RendererLocation {
  /** Set only when running `electron-vite dev`. */
  devServerUrl?: string | undefined;
}

export function rendererUrlTrust(loc: RendererLocation = {}): (url: string) => boolean {
  const devOrigin = loc.devServerUrl ? new URL(loc.devServerUrl).origin : undefined;
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    u.hash = '';
    if (u.href === APP_INDEX_URL) return true;
    return devOrigin !== undefined && u.origin === devOrigin;
  };
}
