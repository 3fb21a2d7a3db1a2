// The one contract between the engine and any UI, derived from the request table (requests.ts)
// and the event list (events.ts). The Electron preload, the WebSocket client, the engine and the
// test fake all satisfy TelemetryApi; dispatch validates once, at the bridge.
import { fail, parseWith, type ApiResult } from '../domain/result.js';
import type { EventName, Listener, Unsubscribe } from './events.js';
import {
  REQUESTS,
  isRequestName,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type RequestValue,
} from './requests.js';

/** A caller's view of one request: requests without input take no argument. */
type Method<K extends RequestName> = undefined extends RequestInput<K>
  ? (input?: RequestInput<K>) => Promise<ApiResult<RequestOutput<K>>>
  : (input: RequestInput<K>) => Promise<ApiResult<RequestOutput<K>>>;

export type RequestMethods = { [K in RequestName]: Method<K> };

export interface TelemetryApi extends RequestMethods {
  on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe;
}

/** The engine's side of a request: it receives the validated value (defaults filled in). */
export type RequestHandler<K extends RequestName> = (input: RequestValue<K>) => Promise<ApiResult<RequestOutput<K>>>;
export type RequestHandlers = { [K in RequestName]: RequestHandler<K> };

/** Every request name mapped to the contract's input schema (kept for callers that only need schemas). */
export const REQUEST_SCHEMAS = Object.fromEntries(Object.entries(REQUESTS).map(([k, v]) => [k, v.input])) as {
  [K in RequestName]: (typeof REQUESTS)[K]['input'];
};

type AnyHandler = (input: unknown) => Promise<ApiResult<unknown>>;

/** APIs made by `apiFromHandlers`: dispatch calls their handlers directly, so nothing is validated twice. */
const HANDLERS = new WeakMap<object, RequestHandlers>();

/**
 * Validates an untrusted request (name + payload) and calls the implementation.
 * Never throws: a bad name, a bad payload or a throwing handler all become an ApiResult error.
 */
export async function dispatchRequest(impl: TelemetryApi | RequestHandlers, name: unknown, payload: unknown): Promise<ApiResult<unknown>> {
  if (!isRequestName(name)) return fail('not-found', `unknown request ${JSON.stringify(name)}`);
  const parsed = parseWith(REQUESTS[name].input, payload);
  if (!parsed.ok) return parsed;
  const target = HANDLERS.get(impl) ?? impl;
  try {
    // The table ties each name to its schema, so the parsed value is what this method takes.
    return await (target[name] as AnyHandler).call(target, parsed.value);
  } catch (err) {
    return fail('internal', `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** One method per request, each forwarding name and input to `call` (preload, WebSocket client, fakes). */
export function requestProxy(call: (name: RequestName, input: unknown) => Promise<ApiResult<unknown>>): RequestMethods {
  const methods: Partial<Record<RequestName, (input?: unknown) => Promise<ApiResult<unknown>>>> = {};
  for (const name of Object.keys(REQUESTS) as RequestName[]) methods[name] = (input?: unknown) => call(name, input);
  return methods as RequestMethods;
}

/** The in-process TelemetryApi over validated handlers: every call is validated once, then handled. */
export function apiFromHandlers(handlers: RequestHandlers, on: TelemetryApi['on']): TelemetryApi {
  const api: TelemetryApi = { ...requestProxy((name, input) => dispatchRequest(handlers, name, input)), on };
  HANDLERS.set(api, handlers);
  return api;
}

export type { RequestName, RequestInput, RequestOutput, RequestValue } from './requests.js';
export { REQUESTS, REQUEST_NAMES, isRequestName } from './requests.js';
export type { Snapshot } from './snapshot.js';
export { AppConfigSchema } from '../config/app-config.js';
