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
