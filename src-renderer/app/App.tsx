// Window layout: menu bar, toolbar, errors, the docking workbench, status bar, dialogs.
import { useMemo } from 'react';
import { PROJECT_EXTENSION } from '@shared/project/project-file.js';
import { WorkspaceNameSchema } from '@shared/workbench/workbench-file.js';
import { useAlarmNotifications } from '../features/alarms';
import { ExportDialog, HistoryHost, useHasRecording } from '../features/recording';
import { HAS_NATIVE_MENU, IS_MAC } from '../platform/env';
import { NameDialog } from '../ui/NameDialog';
import { AboutDialog } from './AboutDialog';
import { ErrorBanner } from './ErrorBanner';
import { MenuBar } from './MenuBar';
import { PANEL_REGISTRY } from './panelRegistry';
import { useShellStores, useWorkbench } from './ShellContext';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StatusBar } from './StatusBar';
import { useTheme } from './theme';
import { Toolbar } from './Toolbar';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { useShell, useShellActions } from './useShell';
import { useShellCommands } from './useShellCommands';
import { Workbench } from './workbench/Workbench';

export function App() {
  const dialog = useShell((s) => s.ui.dialog);
  const actions = useShellActions();
  const { workbench, project } = useShellStores();
  useGlobalShortcuts(!HAS_NATIVE_MENU, IS_MAC);
  // Electron notifies from the main process; the browser host uses the Notification API.
  useAlarmNotifications(!HAS_NATIVE_MENU);
  useShellCommands();
  const hasRecording = useHasRecording();
  const theme = useTheme(useWorkbench((s) => s.theme));
  const panels = useMemo(() => PANEL_REGISTRY.filter((p) => hasRecording || !p.needsRecording), [hasRecording]);

  return (
    <div className="app">
      {HAS_NATIVE_MENU ? null : <MenuBar isMac={IS_MAC} />}
      <Toolbar />
      <ErrorBanner />
      <main className="workspace">
        <Workbench workbench={workbench} panels={panels} dark={theme === 'dark'} />
      </main>
      <StatusBar />
      {dialog === 'shortcuts' ? <ShortcutsDialog isMac={IS_MAC} onClose={actions.closeDialog} /> : null}
      {dialog === 'about' ? <AboutDialog nativeShell={HAS_NATIVE_MENU} onClose={actions.closeDialog} /> : null}
      {hasRecording && dialog === 'export' ? <ExportDialog onClose={actions.closeDialog} /> : null}
      {dialog === 'workspace-save-as' ? (
        <NameDialog
          title="Save workspace as"
          label="Workspace name"
          initial={workbench.getState().current}
          schema={WorkspaceNameSchema}
          submitLabel="Save workspace"
          testId="workspace-dialog"
          onSubmit={(name) => workbench.getState().actions.saveWorkspaceAs(name)}
          onClose={actions.closeDialog}
        />
      ) : null}
      {dialog === 'project-save-as' ? (
        <NameDialog
          title="Save project as"
          label={`Project name (saved as <name>${PROJECT_EXTENSION})`}
          initial={project.getState().name}
          schema={WorkspaceNameSchema.max(120, 'a project name has at most 120 characters')}
          submitLabel="Save project"
          testId="project-dialog"
          onSubmit={async (name) => ((await project.getState().actions.saveAs(name)) ? null : 'The project was not saved')}
          onClose={actions.closeDialog}
        />
      ) : null}
      {hasRecording ? <HistoryHost /> : null}
    </div>
  );
}
