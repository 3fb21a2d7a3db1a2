import { describe, expect, it } from 'vitest';
import { takeAccessToken, withToken } from '../../../src-renderer/platform/accessToken.js';
import { wsUrl } from '../../../src-renderer/platform/index.js';

function sources(hash: string, stored?: string) {
  const store = new Map<string, string>(stored ? [['telemetryhub.token', stored]] : []);
  const replaced: string[] = [];
  return {
    replaced,
    store,
    src: {
      location: { hash, pathname: '/', search: '' },
      storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    },
  };
}

describe('access token in the browser', () => {
  it('takes the token from the fragment, keeps it for the tab and drops it from the address bar', () => {
    const s = sources('#token=abc_DEF-123');
    expect(takeAccessToken(s.src)).toBe('abc_DEF-123');
    expect(s.store.get('telemetryhub.token')).toBe('abc_DEF-123');
    expect(s.replaced).toEqual(['/']);
  });

  it('keeps other fragment parameters, and falls back to the token this tab stored', () => {
    const s = sources('#view=x&token=t1');
    expect(takeAccessToken(s.src)).toBe('t1');
    expect(s.replaced).toEqual(['/#view=x']);
    const later = sources('', 't1');
    expect(takeAccessToken(later.src)).toBe('t1');
    expect(later.replaced).toEqual([]);
    expect(takeAccessToken(sources('').src)).toBeUndefined();
  });

  it('adds the token to the WebSocket URL and download links', () => {
    expect(wsUrl({ protocol: 'http:', host: '192.168.1.5:5174' }, 'a+b')).toBe('ws://192.168.1.5:5174/api?token=a%2Bb');
    expect(wsUrl({ protocol: 'https:', host: 'dash.example' })).toBe('wss://dash.example/api');
    expect(withToken('/export/e1', 'tok')).toBe('/export/e1?token=tok');
    expect(withToken('/export/e1?x=1', 'tok')).toBe('/export/e1?x=1&token=tok');
    expect(withToken('/export/e1', undefined)).toBe('/export/e1');
  });
});
