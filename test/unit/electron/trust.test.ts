import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../../src-main/electron/app-protocol.js';
import { rendererUrlTrust } from '../../../src-main/electron/trust.js';

describe('rendererUrlTrust', () => {
  it('trusts only our index.html on the app scheme in production', () => {
    const trusted = rendererUrlTrust();
    expect(APP_INDEX_URL).toBe('app://telemetryhub/index.html');
    expect(trusted(APP_INDEX_URL)).toBe(true);
    expect(trusted(`${APP_INDEX_URL}#/view`)).toBe(true);
    expect(trusted('app://telemetryhub/popout.html')).toBe(false);
    expect(trusted('app://telemetryhub/index.html?x=1')).toBe(false);
    expect(trusted('app://other/index.html')).toBe(false);
    // The renderer no longer loads from disk: a file:// page is never trusted.
    expect(trusted(pathToFileURL('/app/out/renderer/index.html').href)).toBe(false);
    expect(trusted('http://localhost:5173/')).toBe(false);
    expect(trusted('https://evil.example/')).toBe(false);
    expect(trusted('garbage')).toBe(false);
  });

  it('trusts the dev server origin (any path) when one is configured', () => {
    const trusted = rendererUrlTrust({ devServerUrl: 'http://localhost:5173/' });
    expect(trusted('http://localhost:5173/')).toBe(true);
    expect(trusted('http://localhost:5173/index.html?x=1')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
    expect(trusted('http://127.0.0.1:5173/')).toBe(false);
    expect(trusted(APP_INDEX_URL)).toBe(true);
  });
});
