// Command line of the headless host: parsed with node:util, validated with zod,
// so a bad option is a clear message (exit code 2), never a stack trace.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface HostOptions {
  port: number;
  host: string;
  dataDir: string;
  rendererDir: string;
}

export type ParsedArgs = { kind: 'run'; options: HostOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const USAGE = `Usage: node out/main/host.js [options]

Serves the TelemetryHub UI and its WebSocket API to browsers.

Options:
  --port <n>           TCP port, 0 picks a free one (default 5174)
  --host <addr>        address to bind (default 127.0.0.1; 0.0.0.0 exposes it to the network)
  --data-dir <dir>     folder for config.json (default: per-user data folder)
  --renderer-dir <dir> built renderer to serve (default: out/renderer)
  -h, --help           show this help
`;

const OptionsSchema = z.object({
  port: z.coerce.number({ error: 'port must be a number' }).int('port must be an integer').min(0).max(65535),
  host: z.string().trim().min(1, 'host must not be empty'),
  dataDir: z.string().min(1, 'data-dir must not be empty'),
  rendererDir: z.string().min(1, 'renderer-dir must not be empty'),
});

/** Where per-user data lives by platform convention (XDG on Linux). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'TelemetryHub');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'TelemetryHub');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'telemetryhub');
}

export function parseHostArgs(argv: string[], defaults: { dataDir: string; rendererDir: string }): ParsedArgs {
  let values: Record<string, string | boolean | undefined>;
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
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { kind: 'help' };
  const parsed = OptionsSchema.safeParse({
    port: values.port ?? 5174,
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? defaults.dataDir,
    rendererDir: values['renderer-dir'] ?? defaults.rendererDir,
  });
  if (!parsed.success) {
    return { kind: 'error', message: parsed.error.issues.map((i) => `--${kebab(String(i.path[0] ?? ''))}: ${i.message}`).join('; ') };
  }
  return { kind: 'run', options: parsed.data };
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
