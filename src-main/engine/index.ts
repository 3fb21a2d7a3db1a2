// Public surface of the engine library. Both shells (Electron, host) use only this.
export type { Engine, EngineDiagnostics, EngineOptions } from './engine-types.js';
export { createEngine } from './engine.js';
export type { AlarmJournalSink } from './alarms/journal.js';
