// In-window menu bar built from the shared MENU (browser shell; Electron has its native menu).
// Keyboard: F10 focuses it, arrows move, Enter/Space activate, Escape closes.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { acceleratorLabel, MENU, type MenuItemSpec, type ViewCommand } from '@shared/ui/menu.js';
import { panelForCommand } from '@shared/ui/panels.js';
import type { UiState } from '../state/viewState';
import { isCommandEnabled } from '../features/device';
import type { CommandItem } from './shortcuts';
import { useShell, useShellActions } from './useShell';
import { useShellStores, useWorkbench } from './ShellContext';
import type { RecentProject } from '@shared/workbench/workbench-file.js';

/** Panel toggles and pause show a check mark; other view commands none. */
function isChecked(command: ViewCommand, ui: UiState, paused: boolean): boolean | undefined {
  if (command === 'view-toggle-pause') return paused;
  const panel = panelForCommand(command);
  return panel ? ui.panels[panel] : undefined;
}

const isCommand = (item: MenuItemSpec): item is CommandItem => item.kind !== 'separator';

export function MenuBar({ isMac }: { isMac: boolean }) {
  const [open, setOpen] = useState<number | null>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const topRefs = useRef<(HTMLButtonElement | null)[]>([]);
  /** Which item of the open menu gets focus once it renders. */
  const focusOnOpen = useRef<'first' | 'last' | null>(null);
  const device = useShell((s) => s.device);
  const ui = useShell((s) => s.ui);
  const paused = useShell((s) => s.paused);
  const { runMenuItem } = useShellActions();

  const canQuit = useShell((s) => s.canQuit);
  const { project } = useShellStores();
  // Recent projects the browser kept a copy of (it cannot reopen a file by its name).
  const recent = useWorkbench((s) => s.recent).filter((r) => r.text !== undefined);
  const openRecent = (r: RecentProject) => {
    if (r.text !== undefined) void project.getState().actions.openText(r.text, r.name, r.location);
  };

  const enabled = useCallback(
    (item: CommandItem) => {
      if (item.kind === 'device') return isCommandEnabled(item.command, device);
      return item.kind === 'quit' ? canQuit : true;
    },
    [device, canQuit],
  );

  /** Enabled items of the open dropdown, in order. */
  const menuItems = () =>
    Array.from(barRef.current?.querySelectorAll<HTMLButtonElement>('[role="menu"] button:not(:disabled)') ?? []);

  const close = (refocus: boolean) => {
    if (refocus && open !== null) topRefs.current[open]?.focus();
    setOpen(null);
  };

  const openMenu = (index: number, focus: 'first' | 'last' | null) => {
    const n = MENU.length;
    const i = ((index % n) + n) % n;
    focusOnOpen.current = focus;
    setOpen(i);
    if (focus === null) topRefs.current[i]?.focus();
  };

  // Focus the requested item after the dropdown rendered.
  useEffect(() => {
    if (open === null || focusOnOpen.current === null) return;
    const items = menuItems();
    const target = focusOnOpen.current === 'first' ? items[0] : items[items.length - 1];
    focusOnOpen.current = null;
    (target ?? topRefs.current[open])?.focus();
  }, [open]);

  // Click outside closes; F10 focuses the bar like a desktop app.
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (open !== null && barRef.current && !barRef.current.contains(e.target as Node)) setOpen(null);
    };
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'F10' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        topRefs.current[0]?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const activate = (item: CommandItem) => {
    if (!enabled(item)) return;
    close(true);
    runMenuItem(item);
  };

  const onTopKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    switch (e.key) {
      case 'ArrowDown':
      case 'Enter':
      case ' ':
        e.preventDefault();
        openMenu(index, 'first');
        break;
      case 'ArrowUp':
        e.preventDefault();
        openMenu(index, 'last');
        break;
      case 'ArrowRight':
        e.preventDefault();
        if (open !== null) openMenu(index + 1, 'first');
        else topRefs.current[(index + 1) % MENU.length]?.focus();
        break;
      case 'ArrowLeft':
        e.preventDefault();
        if (open !== null) openMenu(index - 1, 'first');
        else topRefs.current[(index - 1 + MENU.length) % MENU.length]?.focus();
        break;
      case 'Escape':
        close(true);
        break;
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const items = menuItems();
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        move(at + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        move(at < 0 ? -1 : at - 1);
        break;
      case 'Home':
        e.preventDefault();
        move(0);
        break;
      case 'End':
        e.preventDefault();
        move(-1);
        break;
      case 'ArrowRight':
        e.preventDefault();
        openMenu(index + 1, 'first');
        break;
      case 'ArrowLeft':
        e.preventDefault();
        openMenu(index - 1, 'first');
        break;
      case 'Escape':
        e.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
    }
  };

  return (
    <div className="menubar" role="menubar" data-testid="menubar" ref={barRef}>
      {MENU.map((menu, mi) => (
        <div className="menu" key={menu.id}>
          <button
            type="button"
            role="menuitem"
            className={open === mi ? 'menu-top open' : 'menu-top'}
            aria-haspopup="menu"
            aria-expanded={open === mi}
            data-testid={`menu-${menu.id}`}
            ref={(el) => {
              topRefs.current[mi] = el;
            }}
            onClick={() => (open === mi ? close(false) : openMenu(mi, null))}
            onMouseEnter={() => open !== null && open !== mi && openMenu(mi, null)}
            onKeyDown={(e) => onTopKey(e, mi)}
          >
            {menu.label}
          </button>
          {open === mi ? (
            <div className="menu-dropdown" role="menu" aria-label={menu.label} onKeyDown={(e) => onMenuKey(e, mi)}>
              {menu.items.map((item) => {
                if (!isCommand(item)) return <div key={item.id} className="menu-sep" role="separator" />;
                const checked = item.kind === 'view' ? isChecked(item.command, ui, paused) : undefined;
                return (
                  <button
                    key={item.id}
                    type="button"
                    role={checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
                    aria-checked={checked}
                    className="menu-item"
                    data-testid={`menuitem-${item.id}`}
                    disabled={!enabled(item)}
                    tabIndex={-1}
                    onClick={() => activate(item)}
                  >
                    <span className="menu-check">{checked ? '✓' : ''}</span>
                    <span className="menu-label">{item.label}</span>
                    <span className="menu-accel">{item.accelerator ? acceleratorLabel(item.accelerator, isMac) : ''}</span>
                  </button>
                );
              })}
              {menu.id === 'file' && recent.length > 0 ? (
                <>
                  <div className="menu-sep" role="separator" />
                  {recent.map((r, i) => (
                    <button
                      key={r.location}
                      type="button"
                      role="menuitem"
                      className="menu-item"
                      data-testid={`menuitem-recent-${i}`}
                      tabIndex={-1}
                      title={r.location}
                      onClick={() => {
                        close(true);
                        openRecent(r);
                      }}
                    >
                      <span className="menu-check" />
                      <span className="menu-label">{`${i + 1}. ${r.name}`}</span>
                      <span className="menu-accel" />
                    </button>
                  ))}
                </>
              ) : null}
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}
