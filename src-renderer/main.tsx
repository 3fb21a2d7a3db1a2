// Renderer entry: get the api from the bridge, connect the store, mount the app.
// Shared styles first: features' own styles (imported by their index) build on them.
import './ui/styles/base.css';
import './ui/styles/controls.css';
import './ui/styles/tables.css';
import './ui/styles/dialogs.css';
import './app/styles/menubar.css';
import './app/styles/toolbar.css';
import './app/styles/banner.css';
import './app/styles/workbench.css';
import './app/styles/statusbar.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getApi, getShell, isElectron } from './platform';
import { FatalError } from './app/FatalError';
import { INSTANCE_PANEL_KINDS } from '@shared/workbench/panel-params.js';
import { PANEL_REGISTRY, registration } from './app/panelRegistry';
import { createProjectStore } from './app/project/projectStore';
import { ShellProvider } from './app/ShellContext';
import { createWorkbenchStore } from './app/workbench/workbenchStore';
import { browserProjectFiles } from './platform/projectFiles';
import { apiWorkbenchStorage, browserWorkbenchStorage } from './platform/workbenchStorage';
import { StoreProvider } from './state/StoreContext';
import { createTelemetryStore } from './app/telemetryStore';
import { createRecordingStore, RecordingProvider } from './features/recording';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

try {
  const api = getApi();
  // A page may only close a window a script opened; otherwise Quit stays disabled
  // (Electron has no in-window menu: it quits from its native one).
  const store = createTelemetryStore(api, { shell: getShell(), ...(window.opener ? { onQuit: () => window.close() } : {}) });
  store.getState().actions.connect();
  const recording = createRecordingStore(api);
  recording.getState().actions.connect();
  const notify = (message: string) => store.getState().actions.reportError(message);
  const workbench = createWorkbenchStore({
    storage: isElectron() ? apiWorkbenchStorage(api) : browserWorkbenchStorage(),
    notify,
    onPanelsChanged: (open) => store.getState().actions.setOpenPanels(open),
    title: (id) => registration(id).title,
    kinds: [...PANEL_REGISTRY.map((p) => p.id), ...INSTANCE_PANEL_KINDS],
  });
  void workbench.getState().actions.load();
  const project = createProjectStore({
    files: browserProjectFiles(),
    workbench,
    config: () => store.getState().config,
    updateConfig: (config) => store.getState().actions.updateConfig('Opening the project', config),
    notify,
    keepText: true,
  });
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <RecordingProvider store={recording}>
          <ShellProvider stores={{ workbench, project }}>
            <App />
          </ShellProvider>
        </RecordingProvider>
      </StoreProvider>
    </StrictMode>,
  );
} catch (err) {
  root.render(<FatalError message={err instanceof Error ? err.message : String(err)} />);
}
