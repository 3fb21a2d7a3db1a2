// Where a request for the built renderer points, and its content type: pure path logic both shells
// use (the host serves files over http, the Electron shell over app://). Neither shell imports the other.
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticPath = { ok: true; file: string } | { ok: false; status: 400 | 404 };

/** Maps a request URL to a file under `root`; `/` and `…/` mean index.html. Pure (no file system access). */
export function resolveStaticPath(root: string, rawUrl: string): StaticPath {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  // Backslashes are separators on Windows: refuse them everywhere so behaviour does not depend on the OS.
  if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400 };
  if (pathname.endsWith('/')) pathname += 'index.html';
  const base = resolve(root);
  const file = resolve(base, `.${pathname}`);
  // Covers ".." and its encoded forms (decoded above).
  if (!file.startsWith(base + sep)) return { ok: false, status: 404 };
  return { ok: true, file };
}
