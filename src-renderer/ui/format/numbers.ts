// Number formatting shared by the panels and the status bar.

/** Integer with thousands separators; '—' when unknown. */
export function fmtInt(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.round(v).toLocaleString('en-US');
}

/** Fixed decimals; '—' when unknown. */
export function fmtFixed(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB'];

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

/** A plain integer for machine-read status fields (no separators): "1234". */
export function plainInt(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '0' : String(Math.round(v));
}
