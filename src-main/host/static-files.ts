// Serves the built renderer from one folder. Paths are resolved and checked
// against the (real) root so no request can read a file outside it.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export interface StaticOptions {
  rendererDir: string;
  /** Headers sent with every file (CSP and friends). */
  headers: Record<string, string>;
}

/** Answers GET/HEAD for a file of the renderer; anything else is a 404. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, opts: StaticOptions): Promise<void> {
  const target = resolveStaticPath(opts.rendererDir, req.url ?? '/');
  if (!target.ok) return sendStatus(res, target.status);
  let file: string;
  try {
    // Resolve symlinks too: a link inside the root must not lead outside it.
    const [realRoot, realFile] = await Promise.all([realpath(opts.rendererDir), realpath(target.file)]);
    if (!realFile.startsWith(realRoot + sep)) return sendStatus(res, 404);
    const info = await stat(realFile);
    if (!info.isFile()) return sendStatus(res, 404);
    file = realFile;
    res.writeHead(200, {
      ...opts.headers,
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(info.size),
      // Vite puts content-hashed bundles under assets/; everything else must be revalidated.
      'Cache-Control': target.file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  } catch {
    return sendStatus(res, 404);
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}

export function sendStatus(res: ServerResponse, status: number, body?: string, contentType = 'text/plain; charset=utf-8'): void {
  const text = body ?? `${status}\n`;
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}
