// The operator workbench: dockable panels, saved layouts and workspaces, pop-out windows, themes.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';


const panel = (page: Page, id: string) => page.locator(`[data-panel-id="${id}"]`);

test('the default workspace docks the live plot with device, metrics, alarms and console', async ({ app }, testInfo) => {
  for (const id of ['plot', 'device', 'metrics', 'alarms', 'console']) await expect(panel(app, id)).toBeVisible();
  await expect(app.getByTestId('workspace-select')).toHaveValue('Monitoring');
  await app.screenshot({ path: testInfo.outputPath('workbench.png') });
});
