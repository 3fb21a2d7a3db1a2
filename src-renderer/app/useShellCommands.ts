// The shell's view commands (layouts, workspaces, themes, project files), from the menu, the
// shortcuts or Electron's native menu; and the window title with the project name and unsaved mark.
import { useEffect } from 'react';
import type { ViewCommand } from '@shared/ui/menu.js';
import { useStoreApi } from '../state/StoreContext';
import { useProject, useShellStores, useWorkbench } from './ShellContext';
import { useShell } from './useShell';
import type { TelemetryState } from './telemetryStore';

export function useShellCommands(): void {
  const store = useStoreApi<TelemetryState>();
  const { workbench, project } = useShellStores();

  useEffect(() => {
    const wb = () => workbench.getState().actions;
    const pr = () => project.getState().actions;
    const commands: [ViewCommand, () => void][] = [
      ['view-reset-layout', () => wb().resetLayout()],
      ['view-workspace-monitoring', () => wb().switchWorkspace('Monitoring')],
      ['view-workspace-commissioning', () => wb().switchWorkspace('Commissioning')],
      ['view-theme-system', () => wb().setTheme('system')],
      ['view-theme-dark', () => wb().setTheme('dark')],
      ['view-theme-light', () => wb().setTheme('light')],
      ['file-project-new', () => pr().newProject()],
      ['file-project-open', () => void pr().open()],
      [
        'file-project-save',
        () => {
          if (project.getState().location === null) store.getState().actions.runView('file-project-save-as');
          else void pr().save();
        },
      ],
    ];
    const offs = commands.map(([c, h]) => store.getState().actions.handleCommand(c, h));
    return () => offs.forEach((off) => off());
  }, [store, workbench, project]);

  // The first settings and layout are the baseline of the unsaved mark.
  const ready = useShell((s) => s.ready);
  const loaded = useWorkbench((s) => s.loaded);
  useEffect(() => {
    if (!ready || !loaded) return;
    const t = setTimeout(() => project.getState().actions.resetBaseline(), 500);
    return () => clearTimeout(t);
  }, [ready, loaded, project]);

  // The unsaved mark follows settings and layout changes (checked once they settle).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => project.getState().actions.check(), 250);
    };
    const offConfig = store.subscribe((s, prev) => {
      if (s.config !== prev.config || s.ui.panels !== prev.ui.panels) check();
    });
    const offLayout = workbench.subscribe(check);
    const onLayout = () => check();
    window.addEventListener('pointerup', onLayout);
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      offConfig();
      offLayout();
      window.removeEventListener('pointerup', onLayout);
    };
  }, [store, workbench, project]);

  const name = useProject((s) => s.name);
  const dirty = useProject((s) => s.dirty);
  useEffect(() => {
    document.title = `${name}${dirty ? ' •' : ''} — TelemetryHub`;
  }, [name, dirty]);
}
