import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticPath } from '../../../src-main/common/static-path.js';

const root = resolve('/srv/renderer');

describe('resolveStaticPath', () => {
  it('maps / and folders to index.html and files below the root', () => {
    expect(resolveStaticPath(root, '/')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveStaticPath(root, '/assets/app.js?v=1#x')).toEqual({ ok: true, file: join(root, 'assets', 'app.js') });
    expect(resolveStaticPath(root, '/sub/')).toEqual({ ok: true, file: join(root, 'sub', 'index.html') });
    expect(resolveStaticPath(root, '/a%20b.txt')).toEqual({ ok: true, file: join(root, 'a b.txt') });
  });

  it('never resolves outside the root', () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/assets/../../etc/passwd', '/..%5c..%5cwindows', '/..']) {
      expect(resolveStaticPath(root, url), url).toMatchObject({ ok: false });
    }
  });

  it('rejects malformed encodings, NUL bytes and non-absolute paths', () => {
    expect(resolveStaticPath(root, '/%E0%A4%A')).toEqual({ ok: false, status: 400 });
    expect(resolveStaticPath(root, '/index.html%00.png')).toEqual({ ok: false, status: 400 });
    expect(resolveStaticPath(root, 'index.html')).toEqual({ ok: false, status: 400 });
  });
});

describe('contentTypeFor', () => {
  it('knows the types a Vite build produces', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
