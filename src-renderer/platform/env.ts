// Facts about where the renderer runs, read once (node unit tests import them without a DOM).
import { isElectron } from './index';

interface NavigatorUAData {
  platform?: string;
}

function platformName(): string {
  if (typeof navigator === 'undefined') return '';
  const nav = navigator as Navigator & { userAgentData?: NavigatorUAData };
  return nav.userAgentData?.platform ?? navigator.platform ?? '';
}

/** macOS shows Cmd for CmdOrCtrl accelerators. */
export const IS_MAC = /mac|iphone|ipad/i.test(platformName());

/**
 * Inside Electron the native menu owns the menu bar and every accelerator, so the
 * in-window copies stay off (otherwise a key would be handled twice).
 */
export const HAS_NATIVE_MENU = typeof window !== 'undefined' && isElectron();
