// Window layout: menu bar, toolbar, errors, the open panels around the live plot, status bar.
// Which panels exist and where they dock comes from the panel registry.
import type { PanelId } from '@shared/ui/panels.js';
import { useAlarmNotifications } from '../features/alarms';
import { ExportDialog, HistoryHost, useHasRecording } from '../features/recording';
import { HAS_NATIVE_MENU, IS_MAC } from '../platform/env';
import type { DockPosition } from '../ui/panel';
import { AboutDialog } from './AboutDialog';
import { DockPanel } from './DockPanel';
import { ErrorBanner } from './ErrorBanner';
import { MenuBar } from './MenuBar';
import { PANEL_REGISTRY, type PanelRegistration } from './panelRegistry';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { useShell, useShellActions } from './useShell';

function Panel({ panel, side }: { panel: PanelRegistration; side: 'left' | 'bottom' | 'stack' | 'center' }) {
  const { closePanel } = useShellActions();
  const Component = panel.component;
  return (
    <DockPanel panelId={panel.id} title={panel.title} side={side} onClose={() => closePanel(panel.id)}>
      <Component />
    </DockPanel>
  );
}

export function App() {
  const ui = useShell((s) => s.ui);
  const actions = useShellActions();
  useGlobalShortcuts(!HAS_NATIVE_MENU, IS_MAC);
  // Electron notifies from the main process; the browser host uses the Notification API.
  useAlarmNotifications(!HAS_NATIVE_MENU);
  const hasRecording = useHasRecording();
  const open = (dock: DockPosition): PanelRegistration[] =>
    PANEL_REGISTRY.filter((p) => p.defaultDock === dock && ui.panels[p.id as PanelId] && (hasRecording || !p.needsRecording));
  const left = open('left');
  const center = open('center');
  const bottom = open('bottom');
  const right = open('right');

  return (
    <div className="app">
      {HAS_NATIVE_MENU ? null : <MenuBar isMac={IS_MAC} />}
      <Toolbar />
      <ErrorBanner />
      <main className="workspace">
        {left.map((p) => (
          <Panel key={p.id} panel={p} side="left" />
        ))}
        <div className="center-column">
          {center.map((p) => (
            <Panel key={p.id} panel={p} side="center" />
          ))}
          {bottom.length > 0 ? (
            <div className="dock-row">
              {bottom.map((p) => (
                <Panel key={p.id} panel={p} side="bottom" />
              ))}
            </div>
          ) : null}
        </div>
        {right.length > 0 ? (
          <div className={ui.panels.faults ? 'dock-column dock-right dock-right-wide' : 'dock-column dock-right'}>
            {right.map((p) => (
              <Panel key={p.id} panel={p} side="stack" />
            ))}
          </div>
        ) : null}
      </main>
      <StatusBar />
      {ui.dialog === 'shortcuts' ? <ShortcutsDialog isMac={IS_MAC} onClose={actions.closeDialog} /> : null}
      {ui.dialog === 'about' ? <AboutDialog nativeShell={HAS_NATIVE_MENU} onClose={actions.closeDialog} /> : null}
      {hasRecording && ui.dialog === 'export' ? <ExportDialog onClose={actions.closeDialog} /> : null}
      {hasRecording ? <HistoryHost /> : null}
    </div>
  );
}
