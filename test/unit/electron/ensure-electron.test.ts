// `npm start`'s pre-step (build/ensure-electron.mjs): when node_modules/electron/path.txt
// is missing it runs Electron's own installer, and says clearly when that fails.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const script = join(root, 'build', 'ensure-electron.mjs');
const realElectron = dirname(resolve(root, 'node_modules/electron/package.json'));
let dir: string;

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => done({ code, out, err }));
  });
}

/** A stand-in electron package whose install.js records that it ran and then does `body`. */
async function fakeElectron(body: string): Promise<string> {
  const pkg = join(dir, 'electron');
  await mkdir(pkg, { recursive: true });
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  await writeFile(
    join(pkg, 'install.js'),
    `const fs = require('fs'); const path = require('path');\nfs.appendFileSync(path.join(__dirname, 'installer-ran'), 'x');\n${body}\n`,
  );
  return pkg;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'th-ensure-electron-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm start pre-step', () => {
  it('is wired as prestart', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
    expect(pkg.scripts.prestart).toBe('node build/ensure-electron.mjs');
    expect(pkg.scripts.start).toBe('electron-vite dev');
    // What Electron 45 itself declares.
    expect(pkg.engines.node).toBe('>=22.12.0');
  });

  it('runs Electron\'s installer when path.txt is missing, and succeeds once it wrote the binary', async () => {
    const pkg = await fakeElectron(
      "fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true }); fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), ''); fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');",
    );
    const res = await run(['--electron-dir', pkg]);
    expect(res.code).toBe(0);
    expect(res.out).toContain('Fetching the Electron 45.4.1 binary (first start after npm install)');
    expect(await readFile(join(pkg, 'installer-ran'), 'utf8')).toBe('x');
    // Second start: already there, the installer is not run again.
    expect((await run(['--electron-dir', pkg])).code).toBe(0);
    expect(await readFile(join(pkg, 'installer-ran'), 'utf8')).toBe('x');
  });

  it('fails with a clear message when the installer cannot download', async () => {
    const pkg = await fakeElectron("console.error('RequestError: getaddrinfo ENOTFOUND github.com'); process.exit(1);");
    const res = await run(['--electron-dir', pkg]);
    expect(res.code).toBe(1);
    expect(existsSync(join(pkg, 'installer-ran'))).toBe(true);
    expect(res.err).toContain('npm start: could not download the Electron 45.4.1 binary.');
    expect(res.err).toContain('ELECTRON_MIRROR');
    expect(res.err).toContain('npm run serve');
  });

  // Only meaningful where the binary is absent (as here); never downloads: the mirror is a closed local port.
  it.skipIf(existsSync(join(realElectron, 'path.txt')))('with the real Electron installer and no network, fails with the message', async () => {
    const real = realElectron;
    const res = await run([], { ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: join(dir, 'cache'), ELECTRON_GET_USE_PROXY: '' });
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/npm start: could not download the Electron \d+\.\d+\.\d+ binary/);
    expect(existsSync(join(real, 'path.txt'))).toBe(false);
  }, 60_000);
});
