// The app:// scheme handler against a real folder: only files under the built
// renderer, each response with the CSP; `..` and its encoded forms never leave it.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Protocol } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@shared/security/csp.js';
import { APP_SCHEME, installAppProtocol, registerAppScheme } from '../../../src-main/electron/app-protocol.js';
import { FakeProtocol } from './fake-electron.js';

const CSP = contentSecurityPolicy();
let dir: string;
let protocol: FakeProtocol;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'th-app-scheme-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(dir, 'renderer', 'popout.html'), '<!doctype html><div id="popout"></div>');
  await writeFile(join(dir, 'renderer', 'assets', 'app-1.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  await symlink(join(dir, 'secret.txt'), join(dir, 'renderer', 'link.txt'));
  protocol = new FakeProtocol();
  registerAppScheme(protocol);
  installAppProtocol(protocol as unknown as Pick<Protocol, 'handle'>, join(dir, 'renderer'), CSP);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('app:// scheme', () => {
  it('is registered privileged (standard, secure) and handled', () => {
    expect(protocol.privileged).toEqual([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect([...protocol.handlers.keys()]).toEqual(['app']);
  });

  it('serves the renderer files with their type and the CSP', async () => {
    const index = await protocol.fetch('app://telemetryhub/index.html');
    expect(index.status).toBe(200);
    expect(await index.text()).toBe('<!doctype html><div id="root"></div>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await protocol.fetch('app://telemetryhub/assets/app-1.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(CSP);
    expect(await (await protocol.fetch('app://telemetryhub/')).text()).toBe('<!doctype html><div id="root"></div>');
    expect((await protocol.fetch('app://telemetryhub/popout.html')).status).toBe(200);
  });

  it('refuses .. and encoded traversal, never reading outside the renderer folder', async () => {
    const attempts = [
      'app://telemetryhub/../secret.txt',
      'app://telemetryhub/assets/../../secret.txt',
      'app://telemetryhub/%2e%2e/secret.txt',
      'app://telemetryhub/%2E%2E%2Fsecret.txt',
      'app://telemetryhub/..%2fsecret.txt',
      'app://telemetryhub/..%5csecret.txt',
      'app://telemetryhub/%252e%252e/secret.txt',
      'app://telemetryhub/%00',
      'app://telemetryhub/%zz',
      'app://telemetryhub/link.txt',
    ];
    for (const url of attempts) {
      const res = await protocol.fetch(url);
      expect([400, 404], url).toContain(res.status);
      expect(await res.text(), url).not.toContain('do not serve');
      expect(res.headers.get('content-security-policy'), url).toBe(CSP);
    }
  });

  it('answers 404 to other hosts and missing files, 405 to writes', async () => {
    expect((await protocol.fetch('app://evil/index.html')).status).toBe(404);
    expect((await protocol.fetch('app://telemetryhub/nope.js')).status).toBe(404);
    expect((await protocol.fetch('app://telemetryhub/assets')).status).toBe(404);
    expect((await protocol.fetch('app://telemetryhub/index.html', 'POST')).status).toBe(405);
  });
});
