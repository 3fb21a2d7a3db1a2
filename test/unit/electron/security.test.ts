import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@shared/security/csp.js';
import { denyPermissions, installCsp, isSameDocument } from '../../../src-main/electron/security.js';
import { FakeSession } from './fake-electron.js';

const PRODUCTION =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it('is strict in production', () => {
    expect(contentSecurityPolicy()).toBe(PRODUCTION);
  });

  it('in development allows the dev server HMR websocket and the react-refresh inline preamble', () => {
    const csp = contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' });
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'unsafe-inline' http://localhost:5173");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
  });

  it('adds extra connect sources (the host websocket) without loosening scripts', () => {
    const csp = contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:5174'] });
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' ws://127.0.0.1:5174");
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
  });
});

describe('installCsp', () => {
  it('sets the policy on responses, replacing one the server sent and keeping other headers', () => {
    const ses = new FakeSession();
    installCsp(ses as unknown as Session, PRODUCTION);
    let out: Record<string, string[]> | undefined;
    ses.headersListener?.(
      { url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      (res) => (out = res.responseHeaders),
    );
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [PRODUCTION] });
  });
});

describe('denyPermissions', () => {
  it('refuses every permission request', () => {
    const ses = new FakeSession();
    denyPermissions(ses as unknown as Session);
    const answers: boolean[] = [];
    ses.permissionHandler?.({}, 'media', (g) => answers.push(g));
    ses.permissionHandler?.({}, 'notifications', (g) => answers.push(g));
    expect(answers).toEqual([false, false]);
  });

  it('answers every permission check "not granted"', () => {
    const ses = new FakeSession();
    denyPermissions(ses as unknown as Session);
    for (const p of ['media', 'notifications', 'clipboard-read', 'serial', 'hid', 'geolocation']) {
      expect(ses.permissionCheckHandler?.(null, p, 'app://telemetryhub', {}), p).toBe(false);
    }
  });
});

describe('isSameDocument', () => {
  it('ignores only the fragment', () => {
    expect(isSameDocument('file:///a/index.html#x', 'file:///a/index.html')).toBe(true);
    expect(isSameDocument('file:///a/other.html', 'file:///a/index.html')).toBe(false);
    expect(isSameDocument('not a url', 'file:///a/index.html')).toBe(false);
  });
});
