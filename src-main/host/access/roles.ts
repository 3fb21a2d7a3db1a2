// What a viewer token may ask: the requests the contract table marks `observe`.
// Every other one (commands, faults, config, deletion, exports, writes to the
// device) answers `forbidden`.
import { isRequestName, REQUEST_NAMES, REQUESTS, type RequestName } from '@shared/api/contract.js';
import { fail, type ApiResult } from '@shared/domain/result.js';
import type { Caller } from './caller.js';

/** Requests that change nothing (from the contract's request table). */
export const READ_ONLY_REQUESTS: ReadonlySet<RequestName> = new Set(REQUEST_NAMES.filter((n) => REQUESTS[n].role === 'observe'));

/** The refusal for `caller`, or undefined when the request may go on. */
export function roleRefusal(caller: Caller, method: string): ApiResult<never> | undefined {
  if (caller.role === 'operator') return undefined;
  // An unknown name is dispatch's to answer (not-found).
  if (!isRequestName(method) || READ_ONLY_REQUESTS.has(method)) return undefined;
  return fail('forbidden', `forbidden: ${method} needs the operator token (this connection uses the read-only viewer token)`);
}
