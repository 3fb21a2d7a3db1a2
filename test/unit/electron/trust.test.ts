import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rendererUrlTrust } from '../../../src-main/electron/trust.js';

const indexHtml = join('/app', 'out', 'renderer', 'index.html');
const indexUrl = pathToFileURL(indexHtml).href;

describe('rendererUrlTrust', () => {
  it('trusts only our index.html from disk in production', () => {
    const trusted = rendererUrlTrust({ indexHtml });
    expect(trusted(indexUrl)).toBe(true);
    expect(trusted(`${indexUrl}#/view`)).toBe(true);
    expect(trusted(pathToFileURL(join('/app', 'out', 'renderer', 'other.html')).href)).toBe(false);
    expect(trusted(pathToFileURL('/tmp/evil/index.html').href)).toBe(false);
    expect(trusted('http://localhost:5173/')).toBe(false);
    expect(trusted('https://evil.example/')).toBe(false);
    expect(trusted('garbage')).toBe(false);
  });

  it('trusts the dev server origin (any path) when one is configured', () => {
    const trusted = rendererUrlTrust({ indexHtml, devServerUrl: 'http://localhost:5173/' });
    expect(trusted('http://localhost:5173/')).toBe(true);
    expect(trusted('http://localhost:5173/index.html?x=1')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
    expect(trusted('http://127.0.0.1:5173/')).toBe(false);
    expect(trusted(indexUrl)).toBe(true);
  });
});
