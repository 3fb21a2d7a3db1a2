// The configuration as the renderer shows it: the server's copy with chart edits that the
// server has not confirmed yet laid over it (so a slider answers at once).
import type { AppConfig, ChartSettings } from '@shared/config/app-config.js';

export interface ConfigCell {
  server(): AppConfig | null;
  /** The server's word (an event, a snapshot or a request's answer). */
  setServer(config: AppConfig): void;
  overlay(): Partial<ChartSettings>;
  setOverlay(overlay: Partial<ChartSettings>): void;
  /** The server config with the overlay, or null before the first one. */
  effective(): AppConfig | null;
}

export function createConfigCell(): ConfigCell {
  let server: AppConfig | null = null;
  let overlay: Partial<ChartSettings> = {};
  return {
    server: () => server,
    setServer(config) {
      server = config;
    },
    overlay: () => overlay,
    setOverlay(next) {
      overlay = next;
    },
    effective: () => (server && Object.keys(overlay).length > 0 ? { ...server, chart: { ...server.chart, ...overlay } } : server),
  };
}
