// Who sent a request: the name of the token it presented (or "local" on an open
// loopback host), what that token may do, and the client's address.

/** `viewer` watches everything and changes nothing. */
export type Role = 'operator' | 'viewer';

export interface Caller {
  /** `local` (open loopback host), `operator` or `viewer` (the token used), `anonymous` (public pages only). */
  name: 'local' | 'operator' | 'viewer' | 'anonymous';
  role: Role;
  /** Remote address of the connection, e.g. `127.0.0.1` or `192.168.1.7`. */
  address: string;
}

/** One line for logs: `viewer@192.168.1.7`. */
export function describeCaller(c: Caller): string {
  return `${c.name}@${c.address}`;
}
