// Keyboard shortcuts of the in-window menu: the same accelerators as the native menu.
import { MENU, matchesAccelerator, type KeyLike, type MenuItemSpec, type MenuSpec } from '@shared/ui/menu.js';

export type CommandItem = Exclude<MenuItemSpec, { kind: 'separator' }>;

/** The menu item whose accelerator this key event is, if any. */
export function findShortcut(ev: KeyLike, isMac: boolean, menu: readonly MenuSpec[] = MENU): CommandItem | undefined {
  for (const m of menu) {
    for (const item of m.items) {
      if (item.kind !== 'separator' && item.accelerator && matchesAccelerator(ev, item.accelerator, isMac)) return item;
    }
  }
  return undefined;
}

export function isFunctionKey(key: string): boolean {
  return /^F([1-9]|1[0-9]|2[0-4])$/.test(key);
}

/** What a shortcut handler needs to know about the focused element (DOM-free for tests). */
export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'range', 'file', 'image']);

/** True while the user types in a text field: shortcuts then yield, except function keys. */
export function isTypingTarget(target: KeyTarget | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return false;
}

export function shouldHandleKey(ev: KeyLike, target: KeyTarget | null | undefined): boolean {
  return isFunctionKey(ev.key) || !isTypingTarget(target);
}

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}
