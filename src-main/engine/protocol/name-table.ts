// Channel names of the dynamic formats (name:value, JSON lines), matched as raw
// bytes so no string is built per field. Names are added in order of first sight.

const UTF8 = new TextEncoder();
const TEXT = new TextDecoder();

export class NameTable {
  private bytes: Uint8Array[] = [];
  private list: string[] = [];

  constructor(readonly max: number) {}

  get size(): number {
    return this.list.length;
  }

  names(): readonly string[] {
    return this.list;
  }

  /** Makes the table exactly `names` (the main thread's view) unless it already is. */
  sync(names: readonly string[]): void {
    let same = names.length === this.list.length;
    for (let i = 0; same && i < names.length; i++) same = names[i] === this.list[i];
    if (same) return;
    this.list = names.slice(0, this.max);
    this.bytes = this.list.map((n) => UTF8.encode(n));
  }

  /** Index of the name in buf[start, end), trying `hint` first; -1 when unknown. */
  find(buf: Uint8Array, start: number, end: number, hint: number): number {
    const n = this.bytes.length;
    if (hint >= 0 && hint < n && equals(this.bytes[hint] as Uint8Array, buf, start, end)) return hint;
    for (let k = 0; k < n; k++) if (k !== hint && equals(this.bytes[k] as Uint8Array, buf, start, end)) return k;
    return -1;
  }

  /** Adds the name; -1 when the table is full. */
  add(buf: Uint8Array, start: number, end: number): number {
    const found = this.find(buf, start, end, -1);
    if (found >= 0) return found;
    if (this.list.length >= this.max) return -1;
    const b = buf.slice(start, end);
    this.bytes.push(b);
    this.list.push(TEXT.decode(b));
    return this.list.length - 1;
  }
}

export function equals(name: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  const n = name.length;
  if (end - start !== n) return false;
  for (let i = 0; i < n; i++) if (name[i] !== buf[start + i]) return false;
  return true;
}
