// What a viewer token may ask: reads only. Every other request (commands, faults,
// config, deletion, exports, writes to the device) answers `forbidden`.
import type { RequestName } from '@shared/api/contract.js';
import { fail, type ApiResult } from '@shared/domain/result.js';
import type { Caller } from './caller.js';

/** Requests that change nothing. A new request is write-protected until it is listed here. */
export const READ_ONLY_REQUESTS: ReadonlySet<RequestName> = new Set<RequestName>([
  'getSnapshot',
  'getRecordingStatus',
  'listSessions',
  'historyQuery',
  'listPorts',
]);

/** The refusal for `caller`, or undefined when the request may go on. */
export function roleRefusal(caller: Caller, method: string): ApiResult<never> | undefined {
  if (caller.role === 'operator') return undefined;
  if (READ_ONLY_REQUESTS.has(method as RequestName)) return undefined;
  return fail('forbidden', `forbidden: ${method} needs the operator token (this connection uses the read-only viewer token)`);
}
