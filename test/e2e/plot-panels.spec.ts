// Each plot is its own dock panel whose settings live in the panel's params: they come back with
// the saved workbench (reload), with a project file, and from the old localStorage key (moved once).
// Settings are read from the DOM and the plotted series from the chart probe (window.__thPlots).
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

test.describe.configure({ timeout: 180_000 });

async function menu(page: Page, top: string, item: string): Promise<void> {
  await page.getByTestId(`menu-${top}`).click();
  await page.getByTestId(`menuitem-${item}`).click();
}

async function labels(app: Page, id: string): Promise<string[] | null> {
  return app.evaluate((pid) => window.__thPlots?.[pid]?.labels ?? null, id);
}

async function points(app: Page, id: string): Promise<number> {
  return app.evaluate((pid) => window.__thPlots?.[pid]?.data()[0]?.length ?? 0, id);
}

/** Plot 1: time, ch1 + ch3 over 30 s. Plot 2: FFT of ch6, 4096 points, Hamming, linear. */
async function expectBothPlots(app: Page): Promise<void> {
  await expect(app.getByTestId('plot-panel-plot-1')).toBeVisible();
  await expect(app.getByTestId('plot-panel-plot-2')).toBeVisible();
  await expect(app.getByTestId('plot-mode-plot-1')).toHaveValue('time');
  await expect(app.getByTestId('plot-window-plot-1')).toHaveValue('30');
  await expect(app.getByTestId('plot-mode-plot-2')).toHaveValue('fft');
  await expect.poll(() => labels(app, 'plot-1')).toEqual(['ch1', 'ch3']);
  await expect.poll(() => labels(app, 'plot-2')).toEqual(['ch6']);
  await expect.poll(() => points(app, 'plot-1')).toBeGreaterThan(100);
  await app.getByTestId('plot-settings-toggle-plot-2').click();
  await expect(app.getByTestId('fft-size')).toHaveValue('4096');
  await expect(app.getByTestId('fft-window')).toHaveValue('hamming');
  await expect(app.getByTestId('fft-scale')).toHaveValue('linear');
  await app.getByTestId('plot-settings-toggle-plot-2').click();
}

async function setUpTwoPlots(app: Page): Promise<void> {
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
  await app.keyboard.press('Control+0');
  await app.getByTestId('plots-add-time').click();
  await expect(app.getByTestId('plot-panel-plot-1')).toBeVisible();
  await app.getByTestId('plot-plot-1').getByRole('button', { name: 'Remove ch2' }).click();
  await app.getByTestId('plot-add-channel-plot-1').selectOption('ch3');
  await app.getByTestId('plot-window-plot-1').selectOption('30');
  await app.getByTestId('plots-add-fft').click();
  await expect(app.getByTestId('plot-panel-plot-2')).toBeVisible();
  await app.getByTestId('plot-add-channel-plot-2').selectOption('ch6');
  await app.getByTestId('plot-plot-2').getByRole('button', { name: 'Remove ch1' }).click();
  await app.getByTestId('plot-settings-toggle-plot-2').click();
  await app.getByTestId('fft-size').selectOption('4096');
  await app.getByTestId('fft-window').selectOption('hamming');
  await app.getByTestId('fft-scale').selectOption('linear');
  await app.getByTestId('plot-settings-toggle-plot-2').click();
}

test('two plots with their own channels and modes come back after a reload and from a project file', async ({ app }, testInfo) => {
  await setUpTwoPlots(app);
  await expectBothPlots(app);

  // The saved workbench (written on every layout change and when the page goes) carries them.
  await app.reload();
  await expectBothPlots(app);

  // A project file carries them too.
  const download = app.waitForEvent('download');
  await menu(app, 'file', 'file-project-save-as');
  await app.getByTestId('project-dialog-name').fill('Two plots');
  await app.getByTestId('project-dialog-submit').click();
  const file = testInfo.outputPath('two-plots.thproj.json');
  await (await download).saveAs(file);
  const saved = JSON.parse(await readFile(file, 'utf8')) as { workspace: { layout: { layout: { panels: Record<string, { contentComponent: string; params?: Record<string, unknown> }> } } } };
  const plotPanels = Object.values(saved.workspace.layout.layout.panels).filter((p) => p.contentComponent === 'plot-view');
  expect(plotPanels.map((p) => [p.params?.id, p.params?.mode])).toEqual([
    ['plot-1', 'time'],
    ['plot-2', 'fft'],
  ]);

  // Both plots closed, then the project opened: both back with their settings.
  await app.getByTestId('plot-plot-2').getByRole('button', { name: 'Remove Spectrum' }).click();
  await app.getByTestId('plot-plot-1').getByRole('button', { name: 'Remove Plot' }).click();
  await expect(app.getByTestId('plot-panel-plot-1')).toHaveCount(0);
  await expect(app.getByTestId('plot-panel-plot-2')).toHaveCount(0);
  const chooser = app.waitForEvent('filechooser');
  await menu(app, 'file', 'file-project-open');
  await (await chooser).setFiles(file);
  await expectBothPlots(app);

  // A project with one bad plot setting is refused whole, naming the panel and field; nothing changes.
  const bad = JSON.parse(await readFile(file, 'utf8')) as typeof saved;
  const p2 = bad.workspace.layout.layout.panels['plot-2'];
  if (!p2?.params) throw new Error('plot-2 has no params in the saved project');
  p2.params.fft = { size: 1000, window: 'hann', scale: 'db' };
  const badFile = testInfo.outputPath('bad.thproj.json');
  await writeFile(badFile, JSON.stringify(bad));
  await app.getByTestId('plot-plot-1').getByRole('button', { name: 'Remove Plot' }).click();
  const chooser2 = app.waitForEvent('filechooser');
  await menu(app, 'file', 'file-project-open');
  await (await chooser2).setFiles(badFile);
  await expect(app.getByTestId('error-banner')).toContainText('workspace.layout.layout.panels.plot-2.params.fft.size');
  await expect(app.getByTestId('plot-panel-plot-1')).toHaveCount(0);
  await expect(app.getByTestId('plot-panel-plot-2')).toBeVisible();
});

test('plots an earlier version kept in localStorage move into the layout once, and the old key is dropped', async ({ app }) => {
  const legacy = [
    { id: 'plot-1', title: 'Old XY', mode: 'xy', windowSec: 10, series: [], xy: { x: 'ch1', y: 'ch6', trail: 700 } },
    { id: 'plot-2', title: 'Old time', mode: 'time', windowSec: 5, series: [{ channel: 'ch3', axis: 0 }] },
  ];
  await app.evaluate((text) => localStorage.setItem('telemetryhub.plots.v1', text), JSON.stringify(legacy));
  await app.reload();
  await expect(app.getByTestId('plot-panel-plot-1')).toBeVisible();
  await expect(app.getByTestId('plot-mode-plot-1')).toHaveValue('xy');
  await expect(app.getByTestId('plot-window-plot-2')).toHaveValue('5');
  await expect.poll(() => labels(app, 'plot-1')).toEqual(['ch1', 'ch6']);
  await expect.poll(() => points(app, 'plot-1')).toBe(700);
  await expect.poll(() => labels(app, 'plot-2')).toEqual(['ch3']);
  expect(await app.evaluate(() => localStorage.getItem('telemetryhub.plots.v1'))).toBeNull();

  // Next start: the plots come from the layout, once each (not moved again).
  await app.reload();
  await expect(app.getByTestId('plot-panel-plot-2')).toBeVisible();
  await expect.poll(() => labels(app, 'plot-2')).toEqual(['ch3']);
  await expect(app.locator('[data-panel-id="plot-view"]')).toHaveCount(2);
});
