// The host's access token in a browser: it arrives in the URL fragment (#token=…),
// which no server, proxy log or Referer ever sees; it is kept for this tab only and
// dropped from the address bar. The WebSocket and download links carry it as `?token=`.

const KEY = 'telemetryhub.token';

export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

/** Reads `#token=` (then removes it from the URL) or the one this tab got before. */
export function takeAccessToken(src: TokenSources): string | undefined {
  const hash = new URLSearchParams(src.location.hash.replace(/^#/, ''));
  const fromUrl = hash.get('token');
  if (fromUrl) {
    src.storage.setItem(KEY, fromUrl);
    hash.delete('token');
    const rest = hash.toString();
    src.history.replaceState(src.history.state, '', `${src.location.pathname}${src.location.search}${rest ? `#${rest}` : ''}`);
    return fromUrl;
  }
  return src.storage.getItem(KEY) ?? undefined;
}

/** `url` with `?token=` (or `&token=`) added when there is a token. */
export function withToken(url: string, token: string | undefined): string {
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
