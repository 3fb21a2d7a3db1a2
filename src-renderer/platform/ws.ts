// TelemetryApi over a WebSocket (browser mode, served by the headless host).
// Requests are JSON with ids and time out; sample batches arrive as binary
// frames; the socket reconnects with backoff and the UI is resynchronised.
import { requestProxy, type RequestName, type Snapshot, type TelemetryApi } from '@shared/api/contract.js';
import { EventHub, isEventName } from '@shared/api/event-hub.js';
import type { EventName, Listener, TelemetryEvents, Unsubscribe } from '@shared/api/events.js';
import { decodeSampleBatch } from '@shared/api/samples.js';
import { SNAPSHOT_KEYS, type SnapshotKey } from '@shared/api/snapshot.js';
import type { WsRequest } from '@shared/api/wire.js';
import { fail, type ApiResult } from '@shared/domain/result.js';

/** The part of the WebSocket interface used here (the browser's, or `ws` in tests). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
}

export interface WsApiOptions {
  /** A request not answered within this time resolves to an `internal` error. */
  requestTimeoutMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  createSocket?: (url: string) => SocketLike;
}

export interface WsApi extends TelemetryApi {
  readonly connected: boolean;
  /** Closes the socket for good; pending requests fail. */
  close(): void;
}

interface Pending {
  method: RequestName;
  frame: string;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve(result: ApiResult<unknown>): void;
}

const OPEN = 1;

function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

export function createWsApi(url: string, opts: WsApiOptions = {}): WsApi {
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  const minBackoff = opts.minBackoffMs ?? 250;
  const maxBackoff = opts.maxBackoffMs ?? 5_000;
  const createSocket = opts.createSocket ?? ((u: string): SocketLike => new WebSocket(u));

  const pending = new Map<number, Pending>();
  const hub = new EventHub((name, err) => console.error(`telemetry: ${name} listener threw`, err));
  let nextId = 1;
  let socket: SocketLike | undefined;
  let isOpen = false;
  let everOpened = false;
  let attempts = 0;
  let disposed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const emit = <E extends EventName>(name: E, payload: TelemetryEvents[E]): void => hub.emit(name, payload);

  function settle(id: number, result: ApiResult<unknown>): void {
    const p = pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(id);
    p.resolve(result);
  }

  function trySend(p: Pending): void {
    if (!socket || !isOpen || socket.readyState !== OPEN) return;
    try {
      socket.send(p.frame);
      p.sent = true;
    } catch {
      // Stays unsent; flushed on the next open.
    }
  }

  function onMessage(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      try {
        emit('samples', decodeSampleBatch(data));
      } catch (err) {
        console.error('telemetry: dropping a malformed sample batch', err);
      }
      return;
    }
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null || !('type' in msg)) return;
    if (msg.type === 'res' && 'id' in msg && typeof msg.id === 'number') {
      const result = 'result' in msg ? msg.result : undefined;
      settle(msg.id, isApiResult(result) ? result : fail('internal', 'malformed reply from the server'));
    } else if (msg.type === 'evt' && 'event' in msg && isEventName(msg.event)) {
      const name = msg.event as EventName;
      // Samples only ever come as binary frames.
      if (name !== 'samples') emit(name, ('payload' in msg ? msg.payload : undefined) as TelemetryEvents[typeof name]);
    }
  }

  /**
   * After a reconnect the server may have restarted: load its whole snapshot and hand it over as one
   * `resync` event, so the UI replaces every part of its state (journals, breaker and faults included).
   */
  async function resync(): Promise<void> {
    const res = (await request('getSnapshot', undefined)) as ApiResult<Snapshot>;
    if (!res.ok) return;
    const snap = res.value;
    // State events replace what a listener holds; the journals only append, so they come whole in `resync`.
    for (const key of SNAPSHOT_KEYS) if (key !== 'alarmJournal' && key !== 'faultJournal') replay(key, snap);
    emit('resync', snap);
  }

  function replay<K extends SnapshotKey>(key: K, snap: Snapshot): void {
    // Each snapshot field is the payload of the event of the same name (this assignment checks it).
    const asEvents: Pick<TelemetryEvents, SnapshotKey> = snap;
    emit(key, asEvents[key] as TelemetryEvents[K]);
  }

  function scheduleReconnect(): void {
    if (disposed || reconnectTimer) return;
    const base = Math.min(maxBackoff, minBackoff * 2 ** attempts);
    attempts++;
    // Jitter keeps many tabs from reconnecting in lockstep after a host restart.
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect();
    }, base * (0.5 + Math.random() / 2));
  }

  function connect(): void {
    if (disposed) return;
    let s: SocketLike;
    try {
      s = createSocket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = s;
    s.binaryType = 'arraybuffer';
    s.addEventListener('open', () => {
      if (socket !== s) return;
      isOpen = true;
      attempts = 0;
      for (const p of pending.values()) if (!p.sent) trySend(p);
      if (everOpened) void resync();
      everOpened = true;
    });
    s.addEventListener('message', (ev) => {
      if (socket === s) onMessage(ev.data);
    });
    s.addEventListener('close', () => {
      if (socket !== s) return;
      socket = undefined;
      isOpen = false;
      // Requests already sent will never be answered by this connection; resending
      // could repeat a device command, so they fail and the caller decides.
      for (const [id, p] of pending) if (p.sent) settle(id, fail('internal', `${p.method}: connection lost`));
      scheduleReconnect();
    });
    // 'error' is always followed by 'close', which does the work.
    s.addEventListener('error', () => undefined);
  }

  function request(method: RequestName, input: unknown): Promise<ApiResult<unknown>> {
    if (disposed) return Promise.resolve(fail('internal', `${method}: connection closed`));
    return new Promise((resolve) => {
      const id = nextId++;
      const msg: WsRequest = { type: 'req', id, method, input };
      const p: Pending = {
        method,
        frame: JSON.stringify(msg),
        sent: false,
        resolve,
        timer: setTimeout(() => settle(id, fail('internal', `${method} timed out after ${timeoutMs} ms`)), timeoutMs),
      };
      pending.set(id, p);
      trySend(p);
    });
  }


  connect();

  return {
    get connected() {
      return isOpen;
    },
    ...requestProxy(request),
    on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
      return hub.on(event, listener);
    },
    close() {
      if (disposed) return;
      disposed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const [id, p] of pending) settle(id, fail('internal', `${p.method}: connection closed`));
      socket?.close();
      socket = undefined;
      isOpen = false;
    },
  };
}
