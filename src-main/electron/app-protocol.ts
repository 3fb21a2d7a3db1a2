// The renderer is served from app://telemetryhub/, a privileged custom scheme:
// only files under the built renderer folder, each response carrying the CSP
// (file:// has no headers to put it in). Registered before ready, handled after.
import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import type { Protocol } from 'electron';
import { contentTypeFor, resolveStaticPath } from '../common/static-path.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'telemetryhub';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
/** dockview's pop-out page (the only window the renderer may open). */
export const APP_POPOUT_URL = `${APP_ORIGIN}/popout.html`;

/** Standard + secure: a real origin for 'self' in the CSP, fetch and workers; not a bypass of the CSP. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function plain(status: number, csp: string): Response {
  return new Response(`${status}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' } });
}

/** Answers one app:// request. `request.url` is taken as sent: `..` and encoded traversal are refused here, not trusted to URL parsing. */
export async function appResponse(rendererDir: string, request: { url: string; method?: string }, csp: string): Promise<Response> {
  if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return plain(405, csp);
  const prefix = `${APP_ORIGIN}/`;
  if (!request.url.toLowerCase().startsWith(prefix)) return plain(404, csp);
  const target = resolveStaticPath(rendererDir, request.url.slice(APP_ORIGIN.length));
  if (!target.ok) return plain(target.status, csp);
  try {
    // Symlinks too: a link inside the folder must not lead outside it.
    const [root, file] = await Promise.all([realpath(rendererDir), realpath(target.file)]);
    if (!file.startsWith(root + sep) || !(await stat(file)).isFile()) return plain(404, csp);
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
      },
    });
  } catch {
    return plain(404, csp);
  }
}

export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request, csp));
}
