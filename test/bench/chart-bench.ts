// Live chart frame rate in Chromium while data streams: 8 channels × 10,000
// visible points (1 kHz into a 10 s window), counted by the chart's uPlot draw hook.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.js';
import { startHost } from '../helpers/host.js';
import { callHost } from '../helpers/ws-client.js';
import { builtHostFile } from './paths.js';

export interface ChartBenchResult {
  bench: 'chart';
  channels: number;
  points: number;
  fps: number;
}

interface ChartProbe {
  draws: number;
  points: number;
}

export async function runChartBench(channels = 8, measureSec = 5): Promise<ChartBenchResult> {
  builtHostFile();
  const host = await startHost();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const dev = await callHost(host.url, 'configureDevice', { channels, rateHz: 1000, autoStart: true });
    if (!dev.ok) throw new Error(`configureDevice failed: ${dev.error.message}`);
    const cfg = await callHost(host.url, 'updateConfig', { chart: { windowSec: 10 } });
    if (!cfg.ok) throw new Error(`updateConfig failed: ${cfg.error.message}`);
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="live-chart"] canvas');
    // Fill the 10 s window so the chart really holds 10,000 points per channel.
    await page.waitForTimeout(11_000);
    const probe = () => page.evaluate(() => (globalThis as { __thChart?: ChartProbe }).__thChart ?? { draws: 0, points: 0, gaps: 0 });
    const a = await probe();
    const t0 = Date.now();
    await page.waitForTimeout(measureSec * 1000);
    const b = await probe();
    const fps = ((b.draws - a.draws) * 1000) / (Date.now() - t0);
    return { bench: 'chart', channels, points: b.points, fps: Math.round(fps * 10) / 10 };
  } finally {
    await browser.close();
    await host.stop();
  }
}
