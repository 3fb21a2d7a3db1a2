// Entry of the headless host (built to out/main/host.js): the engine behind an
// HTTP + WebSocket server, for browsers instead of Electron. Never imports electron.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { DataFolderLock } from '../engine/config/data-folder-lock.js';
import { createEngine, type Engine } from '../engine/index.js';
import { isLoopbackBind } from './access/origin.js';
import { shareBanner } from './access/share-banner.js';
import { generateToken } from './access/tokens.js';
import { defaultDataDir, parseHostArgs, USAGE } from './options.js';
import { startHostServer, type HostServer } from './server.js';

const here = dirname(fileURLToPath(import.meta.url));

async function main(argv: string[]): Promise<void> {
  const args = parseHostArgs(argv, { dataDir: defaultDataDir(), rendererDir: join(here, '../renderer') }, process.env);
  if (args.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (args.kind === 'error') {
    process.stderr.write(`telemetryhub host: ${args.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { options } = args;
  // Logs go to stderr: stdout carries only the "listening" line that scripts parse.
  const logger = pino({ name: 'host', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const rendererDir = resolve(options.rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    logger.warn({ rendererDir }, 'no index.html in the renderer folder: only the API will work (run electron-vite build)');
  }

  // Beyond loopback a token is required: one is made up when none was given, and shown once below.
  const generated = !options.token && !isLoopbackBind(options.host);
  const token = options.token ?? (generated ? generateToken() : undefined);

  let engine: Engine | undefined;
  let server: HostServer | undefined;
  let lock: DataFolderLock | undefined;
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      // A second Ctrl+C means "now".
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('graceful shutdown timed out');
      process.exit(1);
    }, 10_000);
    force.unref();
    await server?.close();
    await engine?.close();
    await lock?.release();
    clearTimeout(force);
    logger.flush();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stop(signal).then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }

  try {
    lock = await DataFolderLock.acquire(dataDir, 'TelemetryHub host');
    const tls = options.tlsCert && options.tlsKey ? { cert: await readFile(options.tlsCert), key: await readFile(options.tlsKey) } : undefined;
    const created = await createEngine({ dataDir, workerFile: join(here, 'worker.js'), recorderWorkerFile: join(here, 'recorder.js'), logger });
    engine = created;
    await created.start();
    server = await startHostServer({
      api: created.api,
      rendererDir,
      host: options.host,
      port: options.port,
      logger,
      metrics: created.registry,
      exports: { file: (id, part) => created.exportFile(id, part) },
      exportsDir: join(dataDir, 'exports'),
      ...(token ? { token } : {}),
      ...(options.viewerToken ? { viewerToken: options.viewerToken } : {}),
      ...(options.allowedOrigins ? { extraOrigins: options.allowedOrigins } : {}),
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      ...(tls ? { tls } : {}),
      ...(options.maxClients ? { maxClients: options.maxClients } : {}),
    });
  } catch (err) {
    logger.error({ err }, 'host failed to start');
    process.stderr.write(`telemetryhub host: ${err instanceof Error ? err.message : String(err)}\n`);
    await server?.close();
    await engine?.close();
    await lock?.release();
    process.exitCode = 1;
    return;
  }
  // The banner goes first: scripts wait for the listening line and may stop reading there.
  if (token) process.stdout.write(shareBanner({ url: server.url, bind: options.host, port: server.port, token, generated }));
  process.stdout.write(`TelemetryHub host listening on ${server.url}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`telemetryhub host: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
