// Access tokens of the host: generated from the OS CSPRNG, compared in constant
// time, read from an Authorization header or a `token` query parameter (a browser
// WebSocket and a download link cannot set headers).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Shortest token accepted from the command line or the environment. */
export const MIN_TOKEN_LENGTH = 16;

/** 192 random bits, URL-safe (it travels in a URL fragment and query). */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Equal without leaking where they differ (digests first, so lengths do not leak either). */
export function tokensEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/** The token a request presents, if any. */
export function presentedToken(req: Pick<IncomingMessage, 'headers' | 'url'>): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    if (m?.[1]) return m[1];
  }
  const query = (req.url ?? '').split('#', 1)[0]?.split('?')[1];
  if (!query) return undefined;
  const token = new URLSearchParams(query).get('token');
  return token || undefined;
}

/** Why a configured token is unusable, or undefined when it is fine. */
export function tokenProblem(token: string): string | undefined {
  if (token.length < MIN_TOKEN_LENGTH) return `must be at least ${MIN_TOKEN_LENGTH} characters`;
  if (!/^[\x21-\x7e]+$/.test(token)) return 'must be printable ASCII without spaces';
  return undefined;
}
