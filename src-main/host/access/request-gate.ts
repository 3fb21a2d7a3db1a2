// What the WebSocket hub asks before dispatching a request: may this caller do it
// (role), and is there room (limits)? Each admitted request is settled after.
import type { ApiResult } from '@shared/domain/result.js';
import type { Caller } from './caller.js';
import type { RequestLimits } from './request-limits.js';
import { roleRefusal } from './roles.js';

export interface RequestGate {
  /** A refusal to answer instead of dispatching, or undefined (then `settle` must follow). */
  admit(owner: object, caller: Caller, method: string): ApiResult<never> | undefined;
  settle(owner: object, method: string, result: ApiResult<unknown>): void;
  /** The connection closed. */
  forget(owner: object): void;
}

export function accessGate(limits: RequestLimits): RequestGate {
  return {
    admit: (owner, caller, method) => roleRefusal(caller, method) ?? limits.admit(owner, method),
    settle: (owner, method, result) => limits.settle(owner, method, result),
    forget: (owner) => limits.forget(owner),
  };
}
