// One open connection to an endpoint (a serial port, a TCP socket). A Transport
// does not reconnect; ReconnectingLink opens a new one after it is lost.

export interface TransportHandlers {
  /** Bytes as they arrive; the buffer is owned by the receiver (no copy here). */
  onData(chunk: Uint8Array): void;
  /** The endpoint went away (unplug, read/write error, peer closed). Called at most once. */
  onLost(error: Error): void;
}

export interface Transport {
  write(data: Uint8Array): Promise<void>;
  /** Backpressure: stop reading until resumed (the OS buffer, then the device's flow control, holds the rest). */
  setPaused(paused: boolean): void;
  /** Closes on purpose; onLost is not called. */
  close(): Promise<void>;
}

/** Opens a transport or rejects with an error whose message names the endpoint and the OS error. */
export type TransportOpener = (handlers: TransportHandlers) => Promise<Transport>;

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
