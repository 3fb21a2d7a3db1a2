// The main window's position, size and maximised state, kept in the app's data folder and
// restored on start. A saved position that no display shows any more (a monitor unplugged,
// the resolution changed) is clamped back onto one, so the window never opens off screen.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WINDOW = { width: 800, height: 500 };
/** This much of the title bar must be on a display for the window to count as visible. */
const GRIP = 48;

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return { w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x), h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) };
}

/**
 * The state to open with on these displays' work areas (the first is the primary): the size
 * fits the display it lands on (and the minimum); a window whose title bar no display shows
 * is centred on the primary one.
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const { x, y } = state;
  const titleBar = x !== undefined && y !== undefined ? { x, y, width: state.width, height: GRIP } : undefined;
  const home = titleBar ? workAreas.find((a) => { const o = overlap(titleBar, a); return o.w >= GRIP && o.h >= GRIP / 2; }) : undefined;
  const area = home ?? primary;
  const width = Math.max(MIN_WINDOW.width, Math.min(state.width, area.width));
  const height = Math.max(MIN_WINDOW.height, Math.min(state.height, area.height));
  if (!home || x === undefined || y === undefined) {
    return { width, height, maximized: state.maximized, x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2) };
  }
  // On its display: pulled in so the whole window fits the work area.
  const cx = Math.min(Math.max(x, area.x), area.x + area.width - width);
  const cy = Math.min(Math.max(y, area.y), area.y + area.height - height);
  return { x: cx, y: cy, width, height, maximized: state.maximized };
}

/** The saved state, or null when there is none or it is not valid (then the defaults apply). */
export async function loadWindowState(file: string): Promise<WindowState | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written to a temporary file first, so a crash mid-write leaves the old state. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state)}\n`, 'utf8');
  await rename(tmp, file);
}

/** The part of a BrowserWindow this needs (the fake in the tests has it too). */
export interface TrackedWindow {
  on(event: 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

/** The window's state as it closes: the normal (not maximised) bounds, and whether it was maximised. */
export function windowStateOf(win: TrackedWindow): WindowState {
  const b = win.getNormalBounds();
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height), maximized: win.isMaximized() };
}

/** Saves the state when the window closes. */
export function trackWindowState(win: TrackedWindow, save: (state: WindowState) => void): void {
  win.on('close', () => save(windowStateOf(win)));
}
