// Window layout: menu bar, toolbar, errors, docks around the chart, status bar.
import { AboutDialog } from './components/AboutDialog';
import { AlarmPanel } from './components/AlarmPanel';
import { BreakerPanel } from './components/BreakerPanel';
import { ChartPane } from './components/ChartPane';
import { ConsolePanel } from './components/ConsolePanel';
import { DevicePanel } from './components/DevicePanel';
import { DockPanel } from './components/DockPanel';
import { ErrorBanner } from './components/ErrorBanner';
import { FaultPanel } from './components/FaultPanel';
import { IntegrityPanel } from './components/IntegrityPanel';
import { MenuBar } from './components/MenuBar';
import { MetricsPanel } from './components/MetricsPanel';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import { HAS_NATIVE_MENU, IS_MAC } from './env/platform';
import { useAlarmNotifications } from './hooks/useAlarmNotifications';
import { useGlobalShortcuts } from './hooks/useGlobalShortcuts';
import { useActions, useTelemetry } from './store/StoreContext';
import { ExportDialog } from './components/ExportDialog';
import { HistoryHost } from './components/HistoryView';
import { SessionsPanel } from './components/SessionsPanel';
import { useHasRecording } from './recording/RecordingContext';

export function App() {
  const ui = useTelemetry((s) => s.ui);
  const actions = useActions();
  useGlobalShortcuts(!HAS_NATIVE_MENU, IS_MAC);
  // Electron notifies from the main process; the browser host uses the Notification API.
  useAlarmNotifications(!HAS_NATIVE_MENU);
  const hasRecording = useHasRecording();

  return (
    <div className="app">
      {HAS_NATIVE_MENU ? null : <MenuBar isMac={IS_MAC} />}
      <Toolbar />
      <ErrorBanner />
      <main className="workspace">
        {ui.showDevicePanel ? (
          <DockPanel title="Device" side="left" onClose={() => actions.runView('view-toggle-device-panel')}>
            <DevicePanel />
          </DockPanel>
        ) : null}
        <div className="center-column">
          <ChartPane />
          {ui.showAlarmPanel || ui.showConsolePanel ? (
            <div className="dock-row">
              {ui.showAlarmPanel ? (
                <DockPanel title="Alarms" side="bottom" onClose={() => actions.runView('view-toggle-alarm-panel')}>
                  <AlarmPanel />
                </DockPanel>
              ) : null}
              {ui.showConsolePanel ? (
                <DockPanel title="Console" side="bottom" onClose={() => actions.runView('view-toggle-console-panel')}>
                  <ConsolePanel />
                </DockPanel>
              ) : null}
            </div>
          ) : null}
        </div>
        {ui.showMetricsPanel || ui.showIntegrityPanel || ui.showBreakerPanel || ui.showFaultsPanel || (hasRecording && ui.showSessionsPanel) ? (
          <div className={ui.showFaultsPanel ? 'dock-column dock-right dock-right-wide' : 'dock-column dock-right'}>
            {ui.showMetricsPanel ? (
              <DockPanel title="Metrics" side="stack" onClose={() => actions.runView('view-toggle-metrics-panel')}>
                <MetricsPanel />
              </DockPanel>
            ) : null}
            {ui.showIntegrityPanel ? (
              <DockPanel title="Data integrity" side="stack" onClose={() => actions.runView('view-toggle-integrity-panel')}>
                <IntegrityPanel />
              </DockPanel>
            ) : null}
            {ui.showBreakerPanel ? (
              <DockPanel title="Breaker" side="stack" onClose={() => actions.runView('view-toggle-breaker-panel')}>
                <BreakerPanel />
              </DockPanel>
            ) : null}
            {ui.showFaultsPanel ? (
              <DockPanel title="Faults" side="stack" onClose={() => actions.runView('view-toggle-faults-panel')}>
                <FaultPanel />
              </DockPanel>
            ) : null}
            {hasRecording && ui.showSessionsPanel ? (
              <DockPanel title="Sessions" side="stack" onClose={() => actions.runView('view-toggle-sessions-panel')}>
                <SessionsPanel />
              </DockPanel>
            ) : null}
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
