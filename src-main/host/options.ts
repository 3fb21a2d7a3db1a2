// Command line of the headless host: parsed with node:util, validated with zod,
// so a bad option is a clear message (exit code 2), never a stack trace.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { folderPathProblem, pathFlavour } from '@shared/config/folder-path.js';
import { tokenProblem } from './access/tokens.js';

export interface HostOptions {
  port: number;
  host: string;
  dataDir: string;
  rendererDir: string;
  /** Operator token (--token or TELEMETRYHUB_TOKEN); generated at start on a non-loopback bind when absent. */
  token?: string;
  /** Read-only token (--viewer-token or TELEMETRYHUB_VIEWER_TOKEN). */
  viewerToken?: string;
  allowedOrigins?: string[];
  allowedHosts?: string[];
  tlsCert?: string;
  tlsKey?: string;
  maxClients?: number;
}

export type ParsedArgs = { kind: 'run'; options: HostOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const USAGE = `Usage: node out/main/host.js [options]

Serves the TelemetryHub UI and its WebSocket API to browsers.

Options:
  --port <n>              TCP port, 0 picks a free one (default 5174)
  --host <addr>           address to bind (default 127.0.0.1, open to this machine only;
                          any other address, e.g. 0.0.0.0, requires a token)
  --data-dir <dir>        absolute local folder for config.json and recordings
                          (default: per-user data folder)
  --renderer-dir <dir>    built renderer to serve (default: out/renderer)
  --token <t>             operator token, at least 16 characters (or TELEMETRYHUB_TOKEN);
                          generated and printed once when binding beyond loopback without one
  --viewer-token <t>      read-only token: watches everything, changes nothing
                          (or TELEMETRYHUB_VIEWER_TOKEN)
  --allowed-origin <url>  another browser origin that may use the API (repeatable)
  --allowed-host <name>   another name this server is reached by, e.g. a DNS name (repeatable)
  --tls-cert <file>       PEM certificate: serve https/wss (with --tls-key)
  --tls-key <file>        PEM private key
  --max-clients <n>       WebSocket clients at once (default 32)
  -h, --help              show this help
`;

const token = z.string().superRefine((t, ctx) => {
  const problem = tokenProblem(t);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const OptionsSchema = z
  .object({
    port: z.coerce.number({ error: 'port must be a number' }).int('port must be an integer').min(0).max(65535),
    host: z.string().trim().min(1, 'host must not be empty'),
    dataDir: z.string().superRefine((dir, ctx) => {
      const problem = folderPathProblem(dir, pathFlavour(process.platform));
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    rendererDir: z.string().min(1, 'renderer-dir must not be empty'),
    token: token.optional(),
    viewerToken: token.optional(),
    allowedOrigins: z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://dash.example' })).optional(),
    allowedHosts: z.array(z.string().trim().min(1, 'allowed-host must not be empty')).optional(),
    tlsCert: z.string().min(1).optional(),
    tlsKey: z.string().min(1).optional(),
    maxClients: z.coerce.number({ error: 'max-clients must be a number' }).int().min(1).max(10_000).optional(),
  })
  .superRefine((o, ctx) => {
    if ((o.tlsCert === undefined) !== (o.tlsKey === undefined)) ctx.addIssue({ code: 'custom', path: ['tlsCert'], message: 'give both --tls-cert and --tls-key' });
    if (o.viewerToken !== undefined && o.viewerToken === o.token) ctx.addIssue({ code: 'custom', path: ['viewerToken'], message: 'must differ from --token' });
  });

/** Where per-user data lives by platform convention (XDG on Linux). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'TelemetryHub');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'TelemetryHub');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'telemetryhub');
}

export function parseHostArgs(argv: string[], defaults: { dataDir: string; rendererDir: string }, env: NodeJS.ProcessEnv = {}): ParsedArgs {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'renderer-dir': { type: 'string' },
        token: { type: 'string' },
        'viewer-token': { type: 'string' },
        'allowed-origin': { type: 'string', multiple: true },
        'allowed-host': { type: 'string', multiple: true },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'max-clients': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { kind: 'help' };
  // Only the options given are passed on, so the result has no undefined keys.
  const given = Object.fromEntries(
    Object.entries({
      token: values.token ?? (env.TELEMETRYHUB_TOKEN || undefined),
      viewerToken: values['viewer-token'] ?? (env.TELEMETRYHUB_VIEWER_TOKEN || undefined),
      allowedOrigins: values['allowed-origin'],
      allowedHosts: values['allowed-host'],
      tlsCert: values['tls-cert'],
      tlsKey: values['tls-key'],
      maxClients: values['max-clients'],
    }).filter(([, v]) => v !== undefined),
  );
  const parsed = OptionsSchema.safeParse({
    port: values.port ?? 5174,
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? defaults.dataDir,
    rendererDir: values['renderer-dir'] ?? defaults.rendererDir,
    ...given,
  });
  if (!parsed.success) {
    return { kind: 'error', message: parsed.error.issues.map((i) => `--${kebab(String(i.path[0] ?? ''))}: ${i.message}`).join('; ') };
  }
  return { kind: 'run', options: parsed.data as HostOptions };
}

/** The flag a schema field comes from (lists are plural in the options, singular on the command line). */
function kebab(key: string): string {
  const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return flag === 'allowed-origins' || flag === 'allowed-hosts' ? flag.slice(0, -1) : flag;
}
