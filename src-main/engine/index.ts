// Public surface of the engine library. Both shells (Electron, host) use only this.
export type { Engine, EngineDiagnostics, EngineOptions } from './engine-types.js';
export { createEngine } from './compose.js';
export type { AlarmJournalSink } from './alarms/journal.js';
