// What the host prints when it is shared beyond loopback: the generated token,
// once, and URLs that carry it in the fragment (a fragment never reaches a server
// log, a proxy or a Referer header; the page reads it and drops it from the address bar).
import { networkInterfaces } from 'node:os';
import { isAnyInterface, urlHost } from './origin.js';

export interface BannerInput {
  /** The server's own URL (loopback name for an any-interface bind). */
  url: string;
  bind: string;
  port: number;
  token: string;
  /** True when the host made the token up (then it is shown); a given token is never echoed. */
  generated: boolean;
  interfaces?: ReturnType<typeof networkInterfaces>;
}

/** LAN URLs for an any-interface bind (IPv4, not internal), else the server URL. */
export function shareUrls(input: Pick<BannerInput, 'url' | 'bind' | 'port' | 'interfaces'>): string[] {
  if (!isAnyInterface(input.bind)) return [input.url];
  const scheme = new URL(input.url).protocol;
  const urls: string[] = [];
  for (const list of Object.values(input.interfaces ?? networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) urls.push(`${scheme}//${urlHost(a.address)}:${input.port}`);
  }
  return urls.length ? urls : [input.url];
}

export function shareBanner(input: BannerInput): string {
  const urls = shareUrls(input);
  const fragment = input.generated ? `#token=${input.token}` : '#token=<your token>';
  const lines = input.generated
    ? ['Access token (generated, shown only now; pass --token or TELEMETRYHUB_TOKEN to choose one):', `  ${input.token}`]
    : ['Access token: the one given with --token / TELEMETRYHUB_TOKEN.'];
  lines.push('Open the dashboard at:', ...urls.map((u) => `  ${u}/${fragment}`));
  return `${lines.join('\n')}\n`;
}
