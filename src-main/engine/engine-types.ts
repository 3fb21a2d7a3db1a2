// The engine's public types, apart from index.ts so engine.ts can use them without importing its own barrel.
import type { TelemetryApi } from '@shared/api/contract.js';
import type { IBackoffFactory } from 'cockatiel';
import type { PortLister } from './link/serial-link.js';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { AlarmJournalSink } from './alarms/journal.js';
import type { LinkFaultCounters } from './faults/link-faults.js';
import type { PipelineCounters } from './pipeline/pipeline.js';
export interface EngineOptions {
  /** Folder holding config.json (Electron: userData; host: --data-dir). */
  dataDir: string;
  /** Absolute path of the pool worker script (built: out/main/worker.js). */
  workerFile: string;
  /** Extra Node flags for worker threads (tests run the .ts worker with ['--import', 'tsx']). */
  workerExecArgv?: string[];
  logger?: Logger;
  /** Absolute path of the recorder worker (built: out/main/recorder.js). Without it nothing is recorded. */
  recorderWorkerFile?: string;
  recorderExecArgv?: string[];
  /** Serial port discovery (default: SerialPort.list); tests inject a fake list. */
  listPorts?: PortLister;
  /** Delays between reconnect attempts of a lost serial/TCP link (default: 250 ms doubling to 5 s). */
  reconnectBackoff?: IBackoffFactory<unknown>;
}

/** Counters for exact frame accounting (chaos tests, benches): where every frame went. */
export interface EngineDiagnostics {
  /** Frames the simulated device wrote since start. */
  simulatorFrames: number;
  /** Frame delimiters that arrived from a real link (before faults). */
  linkFrames: number;
  /** Frames a real link delivered while not measuring (shown in the console only). */
  ignoredFrames: number;
  faults: LinkFaultCounters;
  pipeline: PipelineCounters;
}

export interface Engine {
  /** Server-side implementation of the contract; bridges validate and forward to it. */
  readonly api: TelemetryApi;
  /** Prometheus metrics, read at scrape time (host serves them at /metrics). */
  readonly registry: Registry;
  /** Loads the configuration, starts the worker pool and, if configured, the device. */
  start(): Promise<void>;
  /** Hands every new alarm journal entry to `sink` (e.g. the recording store); returns a remover. */
  addAlarmJournalSink(sink: AlarmJournalSink): () => void;
  /** Stops the device and the pool; pending work is finished or discarded. Idempotent. */
  close(): Promise<void>;
  /** A finished export's file, for the host's GET /export/<id> and Electron's save dialog. */
  exportFile(exportId: string, part?: 'data' | 'events'): Promise<{ path: string; fileName: string } | undefined>;
  /** Waits until in-flight batches and delayed (latency-faulted) chunks are processed, then reads the counters. */
  diagnostics(): Promise<EngineDiagnostics>;
}

