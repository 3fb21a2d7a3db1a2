// Renderer entry: get the api from the bridge, connect the store, mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getApi } from './bridge/index';
import { FatalError } from './components/FatalError';
import { StoreProvider } from './store/StoreContext';
import { createTelemetryStore } from './store/telemetryStore';
import './styles/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

try {
  const api = getApi();
  // Quit only means something in a window the app opened itself; Electron quits from its native menu.
  const store = createTelemetryStore(api, { onQuit: () => window.close() });
  store.getState().actions.connect();
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
} catch (err) {
  root.render(<FatalError message={err instanceof Error ? err.message : String(err)} />);
}
