// Window layout: menu bar, toolbar, errors, docks around the chart, status bar.
import { AboutDialog } from './AboutDialog';
import { AlarmPanel } from '../features/alarms/AlarmPanel';
import { BreakerPanel } from '../features/breaker/BreakerPanel';
import { ChartPane } from '../features/plots/ChartPane';
import { ConsolePanel } from '../features/console/ConsolePanel';
import { DevicePanel } from '../features/device/DevicePanel';
import { DockPanel } from './DockPanel';
import { ErrorBanner } from './ErrorBanner';
import { FaultPanel } from '../features/faults/FaultPanel';
import { IntegrityPanel } from '../features/integrity/IntegrityPanel';
import { MenuBar } from './MenuBar';
import { MetricsPanel } from '../features/metrics/MetricsPanel';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { HAS_NATIVE_MENU, IS_MAC } from '../platform/env';
import { useAlarmNotifications } from '../features/alarms/useAlarmNotifications';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { useActions, useTelemetry } from '../state/StoreContext';
import { ExportDialog } from '../features/recording/ExportDialog';
import { HistoryHost } from '../features/recording/HistoryView';
import { SessionsPanel } from '../features/recording/SessionsPanel';
import { useHasRecording } from '../features/recording/RecordingContext';

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
