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

/**
 * A plain Uint8Array view of a Node Buffer (no copy). Buffer#slice does not copy, and small
 * Buffers share a pooled ArrayBuffer, so a consumer that slices and transfers must get a real
 * Uint8Array, whose slice copies: otherwise it would detach memory other Buffers use.
 */
export function asBytes(buf: Uint8Array): Uint8Array {
  return Buffer.isBuffer(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : buf;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
