// Number formatting shared by the panels and the status bar.

/** Integer with thousands separators; '—' when unknown. */
export function fmtInt(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.round(v).toLocaleString('en-US');
}

/** Fixed decimals; '—' when unknown. */
export function fmtFixed(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

/** Sizes in binary units: the one implementation lives in src-shared. */
export { fmtBytes } from '@shared/format/size.js';

/** A plain integer for machine-read status fields (no separators): "1234". */
export function plainInt(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '0' : String(Math.round(v));
}
