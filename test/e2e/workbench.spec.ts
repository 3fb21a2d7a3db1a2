// The operator workbench: dockable panels, saved layouts and workspaces, pop-out windows, project
// files and themes, driven as an operator would in the browser shell over the WebSocket host.
import { readFile, writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { AppConfig } from '@shared/config/app-config.js';
import { callHost } from '../helpers/ws-client.js';
import { expect, test } from './fixtures.js';

async function shortcut(page: Page, keys: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(keys);
}

const panel = (page: Page, id: string) => page.locator(`[data-panel-id="${id}"]`);
/** The dock tab of a panel (dockview's tab carries the panel's title). */
const tab = (page: Page, title: string) => page.locator('.dv-tab', { has: page.locator('.dv-default-tab-content', { hasText: new RegExp(`^${title}$`) }) });

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not laid out');
  return { x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.width), h: Math.round(b.height) };
}

async function boxes(page: Page, ids: string[]) {
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await box(panel(page, id))] as const)));
}

async function menu(page: Page, top: string, item: string): Promise<void> {
  await page.getByTestId(`menu-${top}`).click();
  await page.getByTestId(`menuitem-${item}`).click();
}

async function config(url: string): Promise<AppConfig> {
  const r = await callHost<{ config: AppConfig }>(url, 'getSnapshot');
  if (!r.ok) throw new Error(r.error.message);
  return r.value.config;
}

const DEFAULT = ['plot', 'device', 'metrics', 'alarms', 'console'];

// Several reloads and a pop-out window per test: more than the default minute on a loaded machine.
test.describe.configure({ timeout: 180_000 });

test('the default workspace docks the live plot with device, metrics, alarms and console', async ({ app }, testInfo) => {
  for (const id of DEFAULT) await expect(panel(app, id)).toBeVisible();
  await expect(app.getByTestId('workspace-select')).toHaveValue('Monitoring');
  await app.screenshot({ path: testInfo.outputPath('workbench.png') });
});

test('four panels opened with their shortcuts split or tab, none smaller than a usable size', async ({ app }) => {
  const opened = { integrity: 'Data integrity', breaker: 'Breaker', faults: 'Fault injection', sessions: 'Sessions' };
  for (const key of ['Control+6', 'Control+7', 'Control+8', 'Control+4']) await shortcut(app, key);
  for (const [id, title] of Object.entries(opened)) {
    // A panel that shares a group with another is one tab away.
    if (!(await panel(app, id).isVisible())) await tab(app, title).click();
    await expect(panel(app, id)).toBeVisible();
    const b = await box(panel(app, id));
    expect(b.w, `${id} width`).toBeGreaterThanOrEqual(280);
    expect(b.h, `${id} height`).toBeGreaterThanOrEqual(200);
  }
  // The live plot keeps its room.
  expect((await box(panel(app, 'plot'))).w).toBeGreaterThanOrEqual(400);
});

test('a panel dragged to a new dock position stays there after a reload; Reset layout brings the default back', async ({ app }) => {
  const before = await boxes(app, DEFAULT);
  // Drag the Console tab onto the left edge of the live plot: it docks left of the plot.
  const from = await tab(app, 'Console').boundingBox();
  const plot = await box(panel(app, 'plot'));
  if (!from) throw new Error('no Console tab');
  await app.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await app.mouse.down();
  await app.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
  await app.mouse.move(plot.x + 20, plot.y + plot.h / 2, { steps: 12 });
  await app.mouse.move(plot.x + 15, plot.y + plot.h / 2, { steps: 3 });
  await app.mouse.up();
  await expect.poll(async () => (await box(panel(app, 'console'))).x).toBeLessThan(plot.x + 5);
  const moved = await boxes(app, DEFAULT);
  expect(moved.console).not.toEqual(before.console);
  expect((moved.console?.x ?? 0) + (moved.console?.w ?? 0)).toBeLessThanOrEqual((moved.plot?.x ?? 0) + 2);

  await app.reload();
  for (const id of DEFAULT) await expect(panel(app, id)).toBeVisible();
  await expect.poll(() => boxes(app, DEFAULT)).toEqual(moved);

  await menu(app, 'view', 'view-reset-layout');
  await expect.poll(() => boxes(app, DEFAULT)).toEqual(before);
});

test('workspaces: switching to Commissioning and back restores each one’s own layout', async ({ app }) => {
  await shortcut(app, 'Control+6'); // Data integrity joins Monitoring
  await expect(panel(app, 'integrity')).toBeVisible();
  const monitoring = await boxes(app, [...DEFAULT, 'integrity']);

  await menu(app, 'view', 'view-workspace-commissioning');
  await expect(app.getByTestId('workspace-select')).toHaveValue('Commissioning');
  for (const id of ['plot', 'device', 'console', 'breaker', 'faults']) await expect(panel(app, id)).toBeVisible();
  await expect(panel(app, 'metrics')).toHaveCount(0);

  await app.getByTestId('workspace-select').selectOption('Monitoring');
  await expect(panel(app, 'breaker')).toHaveCount(0);
  await expect.poll(() => boxes(app, [...DEFAULT, 'integrity'])).toEqual(monitoring);

  // An own workspace, named by the operator, is offered from then on.
  await app.getByTestId('workspace-save-as').click();
  await app.getByTestId('workspace-dialog-name').fill('');
  await app.getByTestId('workspace-dialog-submit').click();
  await expect(app.getByTestId('workspace-dialog-error')).toHaveText('a workspace needs a name');
  await app.getByTestId('workspace-dialog-name').fill('Night shift');
  await app.getByTestId('workspace-dialog-submit').click();
  await expect(app.getByTestId('workspace-select')).toHaveValue('Night shift');
  await expect(app.getByTestId('workspace-select').locator('option')).toHaveText(['Monitoring', 'Commissioning', 'Night shift']);
});

test('a panel pops out into its own window and comes back when that window closes', async ({ app }) => {
  const popup = app.waitForEvent('popup');
  await app.getByTestId('dock-popout-metrics').click();
  const win = await popup;
  await expect(win.locator('[data-panel-id="metrics"]')).toBeVisible();
  await expect(win.getByTestId('metric-frames-rate').or(win.locator('[data-panel-id="metrics"]'))).toBeVisible();
  await expect(panel(app, 'metrics')).toHaveCount(0);
  await win.close();
  await expect(panel(app, 'metrics')).toBeVisible();
});

/** Puts `text` in the saved workbench before the page's scripts run on the next load (a reload saves the current one first). */
async function seedWorkbench(page: Page, text: string): Promise<void> {
  await page.addInitScript((t) => {
    if (sessionStorage.getItem('seeded') === t) return;
    sessionStorage.setItem('seeded', t);
    localStorage.setItem('telemetryhub.workbench', t);
  }, text);
  await page.reload();
}

test('a corrupt saved layout gives the default layout and a notice', async ({ app }) => {
  await seedWorkbench(
    app,
    JSON.stringify({ schemaVersion: 1, theme: 'system', current: 'Monitoring', workspaces: { Monitoring: { schemaVersion: 1, layout: { grid: 'garbage', panels: {} } } }, recentProjects: [] }),
  );
  await expect(app.getByTestId('error-banner')).toContainText('The saved layout of workspace "Monitoring" could not be used');
  for (const id of DEFAULT) await expect(panel(app, id)).toBeVisible();

  // A layout naming a panel this version does not have: the rest is kept, the notice names it.
  const grid = {
    root: { type: 'branch', data: [{ type: 'leaf', data: { views: ['plot'], activeView: 'plot', id: '1' }, size: 700 }, { type: 'leaf', data: { views: ['w'], activeView: 'w', id: '2' }, size: 300 }], size: 800 },
    width: 1000,
    height: 800,
    orientation: 'HORIZONTAL',
  };
  const panels = { plot: { id: 'plot', contentComponent: 'plot', title: 'Live plot' }, w: { id: 'w', contentComponent: 'waterfall', title: 'Waterfall' } };
  await seedWorkbench(app, JSON.stringify({ schemaVersion: 1, theme: 'system', current: 'Monitoring', workspaces: { Monitoring: { schemaVersion: 1, layout: { grid, panels } } } }));
  await expect(app.getByTestId('error-banner')).toContainText('dropped panels this version does not have: waterfall');
  await expect(panel(app, 'plot')).toBeVisible();
  await expect(panel(app, 'device')).toHaveCount(0);
});

test('save a project, change device, rules and layout, open it: all restored exactly', async ({ app, host }, testInfo) => {
  const original = await config(host.url);
  // Save As names the project and downloads it.
  const download = app.waitForEvent('download');
  await menu(app, 'file', 'file-project-save-as');
  await app.getByTestId('project-dialog-name').fill('Line 3');
  await app.getByTestId('project-dialog-submit').click();
  const file = testInfo.outputPath('line3.thproj.json');
  await (await download).saveAs(file);
  await expect(app.getByTestId('project-title')).toHaveText('Line 3');
  expect(await app.title()).toBe('Line 3 — TelemetryHub');

  // Change the device (rate), the alarm rules and the layout.
  await app.getByTestId('device-rate').fill('250');
  await app.getByTestId('device-apply').click();
  await expect.poll(async () => (await config(host.url)).device.rateHz).toBe(250);
  const rules = [{ channel: 2, hi: { value: 2, priority: 'high' } }];
  const changed = await callHost(host.url, 'updateConfig', { alarms: { ...original.alarms, rules } });
  expect(changed.ok).toBe(true);
  await shortcut(app, 'Control+2'); // Metrics closes
  await expect(panel(app, 'metrics')).toHaveCount(0);
  await expect(app.getByTestId('project-unsaved')).toBeVisible();
  expect(await app.title()).toBe('Line 3 • — TelemetryHub');

  // Open it again: everything as saved.
  const chooser = app.waitForEvent('filechooser');
  await menu(app, 'file', 'file-project-open');
  await (await chooser).setFiles(file);
  await expect(panel(app, 'metrics')).toBeVisible();
  await expect.poll(async () => (await config(host.url)).device).toEqual(original.device);
  expect((await config(host.url)).alarms).toEqual(original.alarms);
  await expect(app.getByTestId('device-rate')).toHaveValue(String(original.device.rateHz));
  await expect(app.getByTestId('project-unsaved')).toHaveCount(0);
  // It is a recent project now.
  await app.getByTestId('menu-file').click();
  await expect(app.getByTestId('menuitem-recent-0')).toHaveText(/1\. Line 3/);
  await app.keyboard.press('Escape');

  // One bad field: refused with the field named, nothing changed.
  const bad = JSON.parse(await readFile(file, 'utf8')) as { config: { device: { channels: number } } };
  bad.config.device.channels = 500;
  const badFile = testInfo.outputPath('bad.thproj.json');
  await writeFile(badFile, JSON.stringify(bad));
  await shortcut(app, 'Control+5'); // Console closes: a layout change that must survive the refusal
  const before = await config(host.url);
  const chooser2 = app.waitForEvent('filechooser');
  await menu(app, 'file', 'file-project-open');
  await (await chooser2).setFiles(badFile);
  await expect(app.getByTestId('error-banner')).toContainText('config.device.channels');
  await expect(app.getByTestId('error-banner')).toContainText('nothing was changed');
  expect(await config(host.url)).toEqual(before);
  await expect(panel(app, 'console')).toHaveCount(0);
  await expect(app.getByTestId('project-title')).toContainText('Line 3');
});

for (const theme of ['dark', 'light'] as const) {
  test(`the ${theme} theme: axe finds no serious or critical violations`, async ({ app }) => {
    await menu(app, 'view', `view-theme-${theme}`);
    await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(panel(app, 'plot')).toBeVisible();
    const result = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });
}

test.afterEach(async ({ host }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('host-output', { body: host.output().slice(-6000) });
});
