#!/usr/bin/env node
// `npm start` pre-step. Since Electron 45 `npm install` no longer downloads the
// Electron binary; `require('electron')` would, but electron-vite reads
// node_modules/electron/path.txt directly and stops with "Electron uninstall".
// So fetch it here, with Electron's own installer, and say clearly when that fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The electron package folder: `--electron-dir <dir>` (tests) or the one node resolves. */
function electronDir(argv) {
  const i = argv.indexOf('--electron-dir');
  if (i >= 0 && argv[i + 1]) return argv[i + 1];
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

function installed(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

function main() {
  const dir = electronDir(process.argv.slice(2));
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH || installed(dir)) return 0;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    process.stderr.write(`note: Electron ${version} wants Node.js 22.12 or newer (this is ${process.versions.node}).\n`);
  }
  process.stdout.write(`Fetching the Electron ${version} binary (first start after npm install)…\n`);
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit', env: process.env });
  if (result.status === 0 && installed(dir)) return 0;
  process.stderr.write(
    [
      '',
      `npm start: could not download the Electron ${version} binary${result.error ? ` (${result.error.message})` : ''}.`,
      'The app cannot start without it. Check the network connection or proxy',
      '(HTTPS_PROXY), or point ELECTRON_MIRROR at a reachable mirror, then run `npm start` again',
      '(or fetch it by hand: node node_modules/electron/install.js).',
      'The headless host needs no Electron: npm run serve',
      '',
    ].join('\n'),
  );
  return 1;
}

process.exitCode = main();
