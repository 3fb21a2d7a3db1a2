// File names of an export, one rule for the engine, the Electron save dialog and the browser download.

/** The events sidecar next to a CSV export: `run.csv` → `run.events.csv` (any case of `.csv`). */
export function eventsSidecarName(dataFileName: string): string {
  return dataFileName.replace(/\.csv$/i, '') + '.events.csv';
}
