// Serves the built renderer from one folder. Paths are resolved and checked
// against the (real) root so no request can read a file outside it.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sep } from 'node:path';
import { contentTypeFor, resolveStaticPath } from '../common/static-path.js';

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
