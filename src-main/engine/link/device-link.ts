// A source of bytes: the simulated device now, serial/TCP/UDP later. The
// pipeline only ever sees chunks of bytes, so framing is exercised for all of them.

export interface DeviceLinkEvents {
  data: (chunk: Uint8Array) => void;
  /** The link failed (open error, vanished device…). */
  error: (error: Error) => void;
}

export interface DeviceLink {
  readonly kind: string;
  /** Opens the link; bytes may flow only after the device is told to measure. */
  open(): Promise<void>;
  close(): Promise<void>;
  /** Backpressure from the queue: slow down (or pause) until released. */
  setThrottled(throttled: boolean): void;
  onData(listener: DeviceLinkEvents['data']): void;
  onError(listener: DeviceLinkEvents['error']): void;
}

/** Connection state of a real link, as the status bar shows it. */
export type LinkPhase = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface LinkStatusEvent {
  phase: LinkPhase;
  /** Human text: what happened, naming the port/host and the OS error. */
  reason: string;
  /** While reconnecting: attempts so far and epoch ms of the next one. */
  attempt?: number;
  nextAt?: number;
}

/** A link to real hardware or a network peer: it can also send, and it reports its state. */
export interface WritableLink extends DeviceLink {
  /** Human name of the endpoint, e.g. `/dev/ttyUSB0 @ 115200` or `tcp 10.0.0.5:4000`. */
  readonly description: string;
  write(data: Uint8Array): Promise<void>;
  onStatus(listener: (status: LinkStatusEvent) => void): void;
  /** Fault injection: lose the connection now as if unplugged (links without a connection lack it). */
  drop?(error: Error): void;
}
