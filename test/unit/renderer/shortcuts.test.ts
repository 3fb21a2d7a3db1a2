import { describe, expect, it } from 'vitest';
import type { KeyLike } from '@shared/ui/menu.js';
import { findShortcut, isFunctionKey, isTypingTarget, shouldHandleKey } from '../../../src-renderer/app/shortcuts';

const key = (k: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('findShortcut', () => {
  it('finds device and view commands by accelerator', () => {
    expect(findShortcut(key('F5'), false)).toMatchObject({ kind: 'device', command: 'start' });
    expect(findShortcut(key('F5', { shiftKey: true }), false)).toMatchObject({ kind: 'device', command: 'stop' });
    expect(findShortcut(key('F8'), false)).toMatchObject({ kind: 'view', command: 'view-toggle-pause' });
    expect(findShortcut(key('R', { ctrlKey: true, shiftKey: true }), false)).toMatchObject({ command: 'reset' });
    expect(findShortcut(key(']', { ctrlKey: true }), false)).toMatchObject({ command: 'view-window-longer' });
    expect(findShortcut(key('q', { ctrlKey: true }), false)).toMatchObject({ kind: 'quit' });
  });

  it('Ctrl+7 and Ctrl+8 toggle the breaker and fault panels', () => {
    expect(findShortcut(key('7', { ctrlKey: true }), false)).toMatchObject({ kind: 'view', command: 'view-toggle-breaker-panel' });
    expect(findShortcut(key('8', { ctrlKey: true }), false)).toMatchObject({ kind: 'view', command: 'view-toggle-faults-panel' });
    expect(findShortcut(key('8', { metaKey: true }), true)).toMatchObject({ command: 'view-toggle-faults-panel' });
  });

  it('uses Cmd for CmdOrCtrl on macOS', () => {
    expect(findShortcut(key('1', { metaKey: true }), true)).toMatchObject({ command: 'view-toggle-device-panel' });
    expect(findShortcut(key('1', { ctrlKey: true }), true)).toBeUndefined();
    expect(findShortcut(key('1', { metaKey: true }), false)).toBeUndefined();
  });

  it('ignores keys without an accelerator and extra modifiers', () => {
    expect(findShortcut(key('a'), false)).toBeUndefined();
    expect(findShortcut(key('F8', { altKey: true }), false)).toBeUndefined();
  });
});

describe('typing guard', () => {
  it('treats text fields as typing targets', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('lets function keys through while typing, nothing else', () => {
    const input = { tagName: 'INPUT', type: 'text' };
    expect(shouldHandleKey(key('F5'), input)).toBe(true);
    expect(shouldHandleKey(key('R', { ctrlKey: true, shiftKey: true }), input)).toBe(false);
    expect(shouldHandleKey(key('R', { ctrlKey: true, shiftKey: true }), { tagName: 'BODY' })).toBe(true);
  });

  it('recognises function keys', () => {
    expect(['F1', 'F5', 'F12', 'F24'].every(isFunctionKey)).toBe(true);
    expect(['F', 'F0', 'F25', 'f5', 'Enter'].some(isFunctionKey)).toBe(false);
  });
});
