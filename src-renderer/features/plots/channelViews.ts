// Per-channel chart options (visible, colour) as the config stores them, by channel index.
import type { ChartSettings } from '@shared/config/app-config.js';
import { defaultChannelColor } from './palette';

export type ChannelView = ChartSettings['channels'][number];

export interface ResolvedChannelView {
  visible: boolean;
  color: string;
}

/** What channel `index` should look like, filling the palette colour when none is stored. */
export function resolveChannelView(views: readonly ChannelView[], index: number): ResolvedChannelView {
  const v = views[index];
  return { visible: v?.visible ?? true, color: v?.color ?? defaultChannelColor(index) };
}

/**
 * A new views array with `patch` applied to channel `index`; missing entries up to it
 * are filled with defaults so the array stays index-aligned. Never longer than 32.
 */
export function patchChannelView(views: readonly ChannelView[], index: number, patch: Partial<ResolvedChannelView>): ChannelView[] {
  const out: ChannelView[] = views.map((v) => ({ ...v }));
  while (out.length <= index) out.push({ visible: true });
  const cur = out[index] ?? { visible: true };
  out[index] = { ...cur, ...patch };
  return out.slice(0, 32);
}
