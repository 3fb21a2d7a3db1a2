// Window-level keyboard shortcuts from the shared MENU accelerators (browser shell only).
import { useEffect } from 'react';
import { findShortcut, shouldHandleKey, type KeyTarget } from './shortcuts';
import { useShellActions } from './useShell';

export function useGlobalShortcuts(enabled: boolean, isMac: boolean): void {
  const { runMenuItem } = useShellActions();
  useEffect(() => {
    if (!enabled) return;
    const onKey = (ev: KeyboardEvent) => {
      if (ev.repeat || ev.defaultPrevented) return;
      if (!shouldHandleKey(ev, ev.target instanceof HTMLElement ? (ev.target as KeyTarget) : null)) return;
      const item = findShortcut(ev, isMac);
      if (!item) return;
      // Also stops browser defaults on the same keys (F5 reload, Ctrl+Shift+R…).
      ev.preventDefault();
      runMenuItem(item);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, isMac, runMenuItem]);
}
