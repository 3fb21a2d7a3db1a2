// GET /export/<id>: streams a finished export file as a download (never read into memory).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendStatus } from './static-files.js';

/** Where finished export files are found (the engine's exportFile). */
export interface ExportFiles {
  file(exportId: string, part?: 'data' | 'events'): Promise<{ path: string; fileName: string } | undefined>;
}

/** RFC 6266 filename: an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * `rest` is what follows /export/: `<id>` for the data file, `<id>/events` for the events sidecar.
 * `onSent` runs once the whole file went out (the host then removes it).
 */
export async function serveExport(
  req: IncomingMessage,
  res: ServerResponse,
  files: ExportFiles,
  rest: string,
  headers: Record<string, string>,
  onSent?: (path: string) => Promise<void> | undefined,
): Promise<void> {
  const [exportId = '', part, extra] = rest.split('/');
  if (extra !== undefined || (part !== undefined && part !== 'events')) return sendStatus(res, 404);
  const found = await files.file(exportId, part === 'events' ? 'events' : 'data');
  if (!found) return sendStatus(res, 404);
  let size: number;
  try {
    size = (await stat(found.path)).size;
  } catch {
    // Downloaded once already, or expired: the file was removed.
    return sendStatus(res, 410, `export ${exportId} is no longer available: export it again\n`);
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': found.fileName.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/vnd.apache.parquet',
    'Content-Length': String(size),
    'Content-Disposition': contentDisposition(found.fileName),
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(found.path), res);
  await onSent?.(found.path);
}
