// Bridges TelemetryApi over WebSocket connections. Events are subscribed once
// and fanned out (one JSON string / one encoded sample buffer per publish,
// shared by every client); requests are validated by dispatchRequest.
import type { Logger } from 'pino';
import { WebSocket, type RawData } from 'ws';
import { dispatchRequest, type TelemetryApi } from '@shared/api/contract.js';
import { CLIENT_EVENTS, EVENT_NAMES, type EventName, type TelemetryEvents, type Unsubscribe } from '@shared/api/events.js';
import { encodeSampleBatch, type SampleBatch } from '@shared/api/samples.js';
import { WsRequestSchema, type WsEvent, type WsResponse } from '@shared/api/wire.js';
import { validationError } from '@shared/domain/result.js';
import { runAs } from '../engine/index.js';
import type { Caller } from './access/caller.js';
import type { RequestGate } from './access/request-gate.js';

export type HostLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface WsHubOptions {
  api: TelemetryApi;
  logger: HostLogger;
  /** Above this many queued bytes a client misses sample batches instead of queueing more. */
  maxBufferedBytes?: number;
  /** Above this a client is hopelessly behind and is disconnected. */
  dropClientBytes?: number;
  /** Ping interval; a client that did not answer the previous ping is dropped. 0 disables. */
  heartbeatMs?: number;
  /** Roles and limits, checked before each request is dispatched. */
  gate?: RequestGate;
}

export interface HubStats {
  clients: number;
  /** Sample batches not sent to slow clients since start. */
  skippedSampleBatches: number;
}

interface Client {
  ws: WebSocket;
  alive: boolean;
  caller: Caller;
}

const ANONYMOUS_LOCAL: Caller = { name: 'local', role: 'operator', address: 'unknown' };

/** Events a browser gets: not those its bridge makes itself (the Electron shell's menu is not an event at all). */
type HostEventName = Exclude<EventName, 'resync'>;
const HOST_EVENTS = EVENT_NAMES.filter((e): e is HostEventName => !CLIENT_EVENTS.includes(e));

export class WsHub {
  private readonly clients = new Set<Client>();
  private unsubscribers: Unsubscribe[] = [];
  private skipped = 0;
  private readonly heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly maxBuffered: number;
  private readonly dropBytes: number;

  constructor(private readonly opts: WsHubOptions) {
    this.maxBuffered = opts.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.dropBytes = opts.dropClientBytes ?? 64 * 1024 * 1024;
    const every = opts.heartbeatMs ?? 30_000;
    if (every > 0) {
      this.heartbeat = setInterval(() => this.ping(), every);
      this.heartbeat.unref();
    }
  }

  stats(): HubStats {
    return { clients: this.clients.size, skippedSampleBatches: this.skipped };
  }

  handleConnection(ws: WebSocket, caller: Caller = ANONYMOUS_LOCAL): void {
    const client: Client = { ws, alive: true, caller };
    this.clients.add(client);
    if (this.clients.size === 1) this.subscribe();
    ws.on('message', (data, isBinary) => void this.onMessage(client, data, isBinary));
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('error', (err) => this.opts.logger.warn({ err }, 'ws client error'));
    ws.on('close', () => {
      this.clients.delete(client);
      this.opts.gate?.forget(client);
      if (this.clients.size === 0) this.unsubscribe();
    });
  }

  /** Disconnects everybody and drops the event subscriptions. */
  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const c of this.clients) c.ws.terminate();
    this.clients.clear();
    this.unsubscribe();
  }

  private subscribe(): void {
    const { api } = this.opts;
    this.unsubscribers = HOST_EVENTS.map((name) =>
      name === 'samples' ? api.on('samples', (batch) => this.sendSamples(batch)) : this.forwardJson(name),
    );
  }

  private forwardJson<E extends HostEventName>(name: E): Unsubscribe {
    return this.opts.api.on(name, (payload: TelemetryEvents[E]) => {
      const msg: WsEvent = { type: 'evt', event: name, payload };
      let text: string;
      try {
        text = JSON.stringify(msg);
      } catch (err) {
        this.opts.logger.error({ err, event: name }, 'event payload is not serialisable');
        return;
      }
      for (const c of this.clients) if (c.ws.readyState === WebSocket.OPEN) c.ws.send(text);
    });
  }

  private unsubscribe(): void {
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
  }

  private sendSamples(batch: SampleBatch): void {
    if (this.clients.size === 0) return;
    const buf = encodeSampleBatch(batch);
    for (const c of this.clients) {
      if (c.ws.readyState !== WebSocket.OPEN) continue;
      const queued = c.ws.bufferedAmount;
      if (queued > this.dropBytes) {
        this.opts.logger.warn({ queued }, 'ws client too far behind, disconnecting');
        c.ws.terminate();
        continue;
      }
      // A slow client misses batches (it sees a seq jump) rather than growing memory without bound.
      if (queued > this.maxBuffered) {
        this.skipped++;
        continue;
      }
      c.ws.send(buf, { binary: true });
    }
  }

  private async onMessage(client: Client, data: RawData, isBinary: boolean): Promise<void> {
    const { logger } = this.opts;
    if (isBinary) {
      logger.warn('ignoring binary frame from ws client');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawToString(data));
    } catch {
      logger.warn('ignoring ws message that is not JSON');
      return;
    }
    const req = WsRequestSchema.safeParse(json);
    if (!req.success) {
      const id = idOf(json);
      if (id === undefined) logger.warn('ignoring malformed ws request without an id');
      else this.reply(client, { type: 'res', id, result: validationError(req.error) });
      return;
    }
    const { id, method, input } = req.data;
    const { gate } = this.opts;
    const refused = gate?.admit(client, client.caller, method);
    if (refused) {
      logger.warn({ method, caller: client.caller }, 'request refused');
      return this.reply(client, { type: 'res', id, result: refused });
    }
    // The engine journals operator actions under this caller's name and address.
    const { name, address } = client.caller;
    const result = await runAs({ name, address }, () => dispatchRequest(this.opts.api, method, input));
    gate?.settle(client, method, result);
    this.reply(client, { type: 'res', id, result });
  }

  private reply(client: Client, msg: WsResponse): void {
    if (client.ws.readyState === WebSocket.OPEN) client.ws.send(JSON.stringify(msg));
  }

  private ping(): void {
    for (const c of this.clients) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** The request id of a message that failed validation, if it has a usable one. */
function idOf(json: unknown): number | undefined {
  if (typeof json !== 'object' || json === null || !('id' in json)) return undefined;
  const { id } = json;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : undefined;
}
