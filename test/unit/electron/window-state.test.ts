import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clampToDisplays, loadWindowState, saveWindowState, trackWindowState, type Rect } from '../../../src-main/electron/window-state.js';
import { FakeBrowserWindow } from './fake-electron.js';

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 1280, height: 984 };
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('clampToDisplays', () => {
  it('keeps a window that is on a display as it was', () => {
    expect(clampToDisplays({ x: 2000, y: 50, width: 1000, height: 700, maximized: false }, [primary, right])).toEqual({ x: 2000, y: 50, width: 1000, height: 700, maximized: false });
  });

  it('centres a window whose display is gone on the primary one, fitted to it', () => {
    expect(clampToDisplays({ x: 2200, y: 100, width: 1600, height: 900, maximized: true }, [primary])).toEqual({ x: 160, y: 70, width: 1600, height: 900, maximized: true });
    expect(clampToDisplays({ x: 5000, y: 100, width: 3000, height: 2000, maximized: false }, [{ x: 0, y: 0, width: 1366, height: 728 }])).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });

  it('pulls a window hanging over the edge of its display back onto it, never below the minimum size', () => {
    expect(clampToDisplays({ x: 1500, y: 900, width: 1000, height: 700, maximized: false }, [primary])).toEqual({ x: 920, y: 340, width: 1000, height: 700, maximized: false });
    expect(clampToDisplays({ x: 10, y: 10, width: 300, height: 200, maximized: false }, [primary])).toEqual({ x: 10, y: 10, width: 800, height: 500, maximized: false });
  });

  it('a title bar above every display counts as off screen', () => {
    expect(clampToDisplays({ x: 100, y: -400, width: 1000, height: 700, maximized: false }, [primary])).toEqual({ x: 460, y: 170, width: 1000, height: 700, maximized: false });
  });
});

describe('the window state file', () => {
  it('saves and loads the state; a missing or corrupt file is no state', async () => {
    dir = mkdtempSync(join(tmpdir(), 'th-winstate-'));
    const file = join(dir, 'sub', 'window-state.json');
    expect(await loadWindowState(file)).toBeNull();
    await saveWindowState(file, { x: 5, y: 6, width: 900, height: 600, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 5, y: 6, width: 900, height: 600, maximized: true });
    expect(await loadWindowState(file)).toEqual({ x: 5, y: 6, width: 900, height: 600, maximized: true });
    writeFileSync(file, '{"width": "wide"}');
    expect(await loadWindowState(file)).toBeNull();
    writeFileSync(file, 'not json');
    expect(await loadWindowState(file)).toBeNull();
  });

  it('the state saved on close is the normal bounds and whether the window was maximised', () => {
    const win = new FakeBrowserWindow({ x: 10, y: 20, width: 1100, height: 750 });
    const saved: unknown[] = [];
    trackWindowState(win, (s) => saved.push(s));
    win.maximize();
    win.close();
    expect(saved).toEqual([{ x: 10, y: 20, width: 1100, height: 750, maximized: true }]);
  });
});
