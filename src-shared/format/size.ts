// Sizes and byte rates: binary units (1 KiB = 1024 B) everywhere, named as such.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** "512 B", "63.5 KiB", "3.0 GiB"; '—' when unknown. */
export function fmtBytes(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  let n = v;
  let u = 0;
  while (n >= 1024 && u < UNITS.length - 1) {
    n /= 1024;
    u++;
  }
  return `${n.toFixed(u === 0 ? 0 : 1)} ${UNITS[u]}`;
}
