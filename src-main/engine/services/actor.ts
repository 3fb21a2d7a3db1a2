// Who a request runs for: a bridge runs the dispatch inside `runAs`, and the
// services that journal operator actions read the name here (through every await
// of that request) instead of each signature carrying it.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Actor {
  /** `operator` / `viewer` (the host token used), `local` (an open loopback host). */
  name: string;
  /** The client's address, for requests that came over the network. */
  address?: string;
}

const current = new AsyncLocalStorage<Actor>();

export function runAs<T>(actor: Actor, fn: () => T): T {
  return current.run(actor, fn);
}

/** `operator@192.168.1.7`, or `fallback` (the OS user of the desktop app) outside any bridge request. */
export function actorLabel(fallback: string): string {
  const a = current.getStore();
  if (!a) return fallback;
  return a.address ? `${a.name}@${a.address}` : a.name;
}
