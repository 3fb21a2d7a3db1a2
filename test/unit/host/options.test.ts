import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseHostArgs } from '../../../src-main/host/options.js';

const defaults = { dataDir: '/home/u/.local/share/telemetryhub', rendererDir: '/app/out/renderer' };

describe('parseHostArgs', () => {
  it('uses the defaults', () => {
    expect(parseHostArgs([], defaults)).toEqual({ kind: 'run', options: { port: 5174, host: '127.0.0.1', ...defaults } });
  });

  it('reads every option', () => {
    const args = ['--port', '0', '--host', '0.0.0.0', '--data-dir', '/tmp/d', '--renderer-dir', '/tmp/r'];
    expect(parseHostArgs(args, defaults)).toEqual({ kind: 'run', options: { port: 0, host: '0.0.0.0', dataDir: '/tmp/d', rendererDir: '/tmp/r' } });
    expect(parseHostArgs(['--port=8080'], defaults)).toMatchObject({ kind: 'run', options: { port: 8080 } });
  });

  it('explains a bad port', () => {
    for (const port of ['abc', '70000', '-1', '1.5']) {
      const res = parseHostArgs(['--port', port], defaults);
      expect(res.kind, port).toBe('error');
      if (res.kind === 'error') expect(res.message).toMatch(/--port/);
    }
  });

  it('rejects unknown options, stray arguments and a missing value', () => {
    expect(parseHostArgs(['--prot', '1'], defaults).kind).toBe('error');
    expect(parseHostArgs(['serve'], defaults).kind).toBe('error');
    expect(parseHostArgs(['--port'], defaults).kind).toBe('error');
    expect(parseHostArgs(['--host', ''], defaults)).toMatchObject({ kind: 'error', message: expect.stringMatching(/--host/) });
  });

  it('reads tokens from options or the environment, repeatable origins and hosts, TLS files and the client cap', () => {
    const args = ['--token', 'operator-token-0123456', '--allowed-origin', 'https://a.example', '--allowed-origin', 'http://b.example:8080',
      '--allowed-host', 'dash.example', '--tls-cert', '/c.pem', '--tls-key', '/k.pem', '--max-clients', '4'];
    expect(parseHostArgs(args, defaults, { TELEMETRYHUB_VIEWER_TOKEN: 'viewer-token-0123456789' })).toEqual({
      kind: 'run',
      options: {
        port: 5174, host: '127.0.0.1', ...defaults, token: 'operator-token-0123456', viewerToken: 'viewer-token-0123456789',
        allowedOrigins: ['https://a.example', 'http://b.example:8080'], allowedHosts: ['dash.example'], tlsCert: '/c.pem', tlsKey: '/k.pem', maxClients: 4,
      },
    });
    expect(parseHostArgs([], defaults, { TELEMETRYHUB_TOKEN: 'from-the-environment-1' })).toMatchObject({ options: { token: 'from-the-environment-1' } });
    // The option wins over the environment.
    expect(parseHostArgs(['--token', 'from-the-command-line'], defaults, { TELEMETRYHUB_TOKEN: 'from-the-environment-1' })).toMatchObject({ options: { token: 'from-the-command-line' } });
  });

  it('explains bad tokens, origins, TLS pairs and data folders', () => {
    expect(parseHostArgs(['--token', 'short'], defaults)).toEqual({ kind: 'error', message: '--token: must be at least 16 characters' });
    expect(parseHostArgs(['--token', 'same-token-0123456789', '--viewer-token', 'same-token-0123456789'], defaults)).toEqual({ kind: 'error', message: '--viewer-token: must differ from --token' });
    expect(parseHostArgs(['--allowed-origin', 'ftp://x'], defaults)).toMatchObject({ kind: 'error', message: expect.stringMatching(/^--allowed-origin: /) });
    expect(parseHostArgs(['--tls-cert', '/c.pem'], defaults)).toEqual({ kind: 'error', message: '--tls-cert: give both --tls-cert and --tls-key' });
    expect(parseHostArgs(['--data-dir', 'relative/dir'], defaults)).toMatchObject({ kind: 'error', message: expect.stringMatching(/^--data-dir: "relative\/dir" is not an absolute path/) });
    expect(parseHostArgs(['--data-dir', '//server/share'], defaults)).toMatchObject({ kind: 'error', message: expect.stringMatching(/^--data-dir: .*network \(UNC\)/) });
  });

  it('has --help and -h', () => {
    expect(parseHostArgs(['--help'], defaults)).toEqual({ kind: 'help' });
    expect(parseHostArgs(['-h'], defaults)).toEqual({ kind: 'help' });
  });
});

describe('defaultDataDir', () => {
  it('follows each platform convention', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.local', 'share', 'telemetryhub'));
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/u')).toBe(join('/xdg', 'telemetryhub'));
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Application Support', 'TelemetryHub'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(join('C:\\Users\\u\\AppData\\Roaming', 'TelemetryHub'));
  });
});
