// Default channel colours, chosen to stay distinct on the dark background.
const PALETTE = [
  '#4e9cff', '#ff9f43', '#2ed47a', '#ff5d73', '#b388ff', '#ffd166', '#36cfc9', '#f78fb3',
  '#9ccc65', '#ff7043', '#64b5f6', '#e6ee9c', '#ba68c8', '#4dd0e1', '#ffab91', '#aed581',
] as const;

export function defaultChannelColor(index: number): string {
  // Past 16 channels the palette repeats with a lighter shade so neighbours still differ.
  const base = PALETTE[index % PALETTE.length] ?? '#4e9cff';
  return index < PALETTE.length ? base : lighten(base, 0.35);
}

function lighten(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const r = mix((n >> 16) & 0xff);
  const g = mix((n >> 8) & 0xff);
  const b = mix(n & 0xff);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}
