import { describe, expect, it } from 'vitest';
import { generateToken, presentedToken, tokenProblem, tokensEqual } from '../../../src-main/host/access/tokens.js';
import { shareBanner, shareUrls } from '../../../src-main/host/access/share-banner.js';
import { READ_ONLY_REQUESTS, roleRefusal } from '../../../src-main/host/access/roles.js';
import { REQUEST_NAMES } from '@shared/api/contract.js';

describe('tokens', () => {
  it('generates 192-bit URL-safe tokens, different each time', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateToken()).not.toBe(a);
    expect(tokenProblem(a)).toBeUndefined();
  });

  it('compares exactly', () => {
    expect(tokensEqual('abcdefghijklmnop', 'abcdefghijklmnop')).toBe(true);
    expect(tokensEqual('abcdefghijklmnop', 'abcdefghijklmnoq')).toBe(false);
    expect(tokensEqual('abcdefghijklmnop', 'abcdefghijklmno')).toBe(false);
  });

  it('reads a Bearer header first, else the token query parameter', () => {
    expect(presentedToken({ headers: { authorization: 'Bearer abc' }, url: '/api?token=zzz' })).toBe('abc');
    expect(presentedToken({ headers: {}, url: '/api?x=1&token=zzz' })).toBe('zzz');
    expect(presentedToken({ headers: {}, url: '/api' })).toBeUndefined();
    expect(presentedToken({ headers: { authorization: 'Basic abc' }, url: '/api?token=' })).toBeUndefined();
  });

  it('refuses short or non-printable tokens', () => {
    expect(tokenProblem('short')).toBe('must be at least 16 characters');
    expect(tokenProblem('has a space in the middle')).toBe('must be printable ASCII without spaces');
  });
});

describe('viewer role', () => {
  it('may only read', () => {
    const viewer = { name: 'viewer', role: 'viewer', address: '192.0.2.1' } as const;
    const allowed = REQUEST_NAMES.filter((m) => roleRefusal(viewer, m) === undefined);
    expect(allowed.sort()).toEqual([...READ_ONLY_REQUESTS].sort());
    expect(allowed.sort()).toEqual(['getRecordingStatus', 'getSnapshot', 'historyQuery', 'listPorts', 'listSessions']);
    expect(roleRefusal({ ...viewer, name: 'operator', role: 'operator' }, 'deleteSession')).toBeUndefined();
  });
});

describe('share banner', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4' as const, internal: true, netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: null }],
    eth0: [{ address: '192.168.1.5', family: 'IPv4' as const, internal: false, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }],
  };

  it('shows a generated token once with LAN URLs carrying it in the fragment', () => {
    const text = shareBanner({ url: 'http://127.0.0.1:5174', bind: '0.0.0.0', port: 5174, token: 'T0KEN-abcdefghijklmnop', generated: true, interfaces });
    expect(text).toBe(
      'Access token (generated, shown only now; pass --token or TELEMETRYHUB_TOKEN to choose one):\n' +
        '  T0KEN-abcdefghijklmnop\n' +
        'Open the dashboard at:\n' +
        '  http://192.168.1.5:5174/#token=T0KEN-abcdefghijklmnop\n',
    );
  });

  it('never echoes a token the operator chose', () => {
    const text = shareBanner({ url: 'https://10.0.0.2:8443', bind: '10.0.0.2', port: 8443, token: 'chosen-secret-0123456', generated: false, interfaces });
    expect(text).not.toContain('chosen-secret');
    expect(text).toContain('https://10.0.0.2:8443/#token=<your token>');
    expect(shareUrls({ url: 'http://127.0.0.1:1', bind: '0.0.0.0', port: 1, interfaces: {} })).toEqual(['http://127.0.0.1:1']);
  });
});
