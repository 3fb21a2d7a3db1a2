// Time-window presets for the live chart (config allows 10…600 s).

export const WINDOW_PRESETS_SEC = [10, 20, 30, 60, 120, 300, 600] as const;
export const MIN_WINDOW_SEC = 10;
export const MAX_WINDOW_SEC = 600;

/** The next preset longer (+1) or shorter (−1) than `current`; stays put at either end. */
export function stepWindow(current: number, direction: 1 | -1): number {
  if (direction > 0) return WINDOW_PRESETS_SEC.find((w) => w > current) ?? MAX_WINDOW_SEC;
  return [...WINDOW_PRESETS_SEC].reverse().find((w) => w < current) ?? MIN_WINDOW_SEC;
}

export function windowLabel(sec: number): string {
  return sec < 60 ? `${sec} s` : `${sec / 60} min`;
}

/** Options for the window select: the presets plus `current` if it is not one of them. */
export function windowOptions(current: number): number[] {
  const all = new Set<number>(WINDOW_PRESETS_SEC);
  all.add(current);
  return [...all].sort((a, b) => a - b);
}
