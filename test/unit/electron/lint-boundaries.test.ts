// The Electron shell's boundaries are lint rules (eslint.config.js): raw ipcMain and webContents.send
// only in the IPC module, and no import of the host. Linting fixture text at the shell's paths shows
// each rule fires there, and not where it is allowed.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The cycle check walks the whole import graph (seconds); it is not what these cases are about.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: { files: ['src-main/**/*.ts'], rules: { 'import-x/no-cycle': 'off' } } });

async function errors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const RAW_IPC = `import { ipcMain, type BrowserWindow } from 'electron';
export function wire(win: BrowserWindow): void {
  ipcMain.handle('x', () => 1);
  win.webContents.send('telemetry:event', 'menu', 'help-about');
}
`;

describe('Electron shell lint boundaries', { timeout: 30_000 }, () => {
  it('raw ipcMain and webContents.send are errors outside the IPC module', async () => {
    const found = await errors(RAW_IPC, 'src-main/electron/menu-extra.ts');
    expect(found).toEqual([
      'no-restricted-syntax: Use ipcMain only in src-main/electron/ipc.ts (sender check and validation live there).',
      'no-restricted-syntax: webContents.send only in src-main/electron/ipc.ts (known channels only).',
    ]);
  });

  it('the IPC module itself may use them', async () => {
    expect(await errors(RAW_IPC, 'src-main/electron/ipc.ts')).toEqual([]);
  });

  it('the shell may not import the host', async () => {
    const found = await errors(`import { WsHub } from '../host/ws-hub.js';\nexport const hub = WsHub;\n`, 'src-main/electron/extra.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^no-restricted-imports: .*The Electron shell does not import the host/);
  });
});
