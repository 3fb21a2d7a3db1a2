// Which renderer URLs may talk to the engine: our own index.html from disk, or
// (in development only) pages of the electron-vite dev server.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RendererLocation {
  /** Absolute path of the built renderer's index.html. */
  indexHtml: string;
  /** Set only when running `electron-vite dev`. */
  devServerUrl?: string | undefined;
}

export function rendererUrlTrust(loc: RendererLocation, platform: NodeJS.Platform = process.platform): (url: string) => boolean {
  const fold = (p: string): string => (platform === 'win32' ? p.toLowerCase() : p);
  const indexHtml = fold(resolve(loc.indexHtml));
  const devOrigin = loc.devServerUrl ? new URL(loc.devServerUrl).origin : undefined;
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (u.protocol === 'file:') {
      try {
        return fold(resolve(fileURLToPath(u))) === indexHtml;
      } catch {
        return false;
      }
    }
    return devOrigin !== undefined && u.origin === devOrigin;
  };
}
