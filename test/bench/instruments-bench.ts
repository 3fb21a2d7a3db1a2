// The instruments' speed lines, measured in Chromium over the WebSocket host:
// - workspace: 4 time plots × 8 channels (10 s window ≈ 10 k visible points each), 1 FFT of 4096 and a
//   widget set while the simulator sends 10 k frames/s × 32 channels: fps and p95 frame time.
// - idle-cpu: the default layout at the default 1 kHz × 8 channels for 10 s: renderer main thread
//   busy share from the DevTools Performance metrics (TaskDuration).
// - e2e-latency: sample timestamp (the engine's time of the newest frame) → the frame after the
//   plot drew it, p95.
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.js';
import { startHost, type RunningHost } from '../helpers/host.js';
import { callHost } from '../helpers/ws-client.js';
import { builtHostFile } from './paths.js';

const p95 = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] as number) : Number.NaN;
};
const round = (x: number): number => Math.round(x * 10) / 10;

async function withPage<T>(device: object, run: (page: Page, host: RunningHost) => Promise<T>, init?: string): Promise<T> {
  builtHostFile();
  const host = await startHost();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const dev = await callHost(host.url, 'configureDevice', { ...device, autoStart: true });
    if (!dev.ok) throw new Error(`configureDevice failed: ${dev.error.message}`);
    const cfg = await callHost(host.url, 'updateConfig', { chart: { windowSec: 10 } });
    if (!cfg.ok) throw new Error(`updateConfig failed: ${cfg.error.message}`);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    if (init) await page.addInitScript({ content: init });
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="statusbar"]');
    return await run(page, host);
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** rAF deltas over `sec` seconds, measured in the page. */
// Page scripts as strings: tsx would wrap named inner functions in a helper the page lacks.

/** rAF deltas over `sec` seconds, measured in the page. */
async function frameTimes(page: Page, sec: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const end = last + ${sec * 1000};
    function tick(now) {
      out.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolve(out);
    }
    requestAnimationFrame(tick);
  })`);
}

export async function runWorkspaceBench(measureSec = 5) {
  const plot = (id: string, mode: string, channels: string[]) => ({ id, title: id, mode, windowSec: 10, series: channels.map((channel) => ({ channel, axis: 0 })), fft: { size: 4096, window: 'hann', scale: 'db' } });
  const ch = (from: number) => Array.from({ length: 8 }, (_, i) => `ch${from + i}`);
  const plots = [plot('p1', 'time', ch(1)), plot('p2', 'time', ch(9)), plot('p3', 'time', ch(17)), plot('p4', 'time', ch(25)), plot('p5', 'fft', ['ch1'])];
  const names = Array.from({ length: 32 }, (_, i) => `ch${i + 1}`);
  const widgets = [{ id: 'w1', kind: 'table', channels: names }, ...['readout', 'gauge', 'bar', 'led'].map((kind, i) => ({ id: `w${i + 2}`, kind, channels: ['ch1'], min: -1, max: 1 }))];
  const init = `localStorage.setItem('telemetryhub.plots.v1', ${JSON.stringify(JSON.stringify(plots))}); localStorage.setItem('telemetryhub.widgets.v1', ${JSON.stringify(JSON.stringify(widgets))});`;
  return withPage(
    { channels: 32, rateHz: 10_000 },
    async (page) => {
      // The plots (moved from the old localStorage key into dock panels) and the widgets fill the
      // window: the default layout's panels are closed (each shortcut toggles its panel).
      await page.waitForSelector('[data-testid="plot-panel-p5"]');
      for (const key of ['Control+1', 'Control+2', 'Control+3', 'Control+5', 'Control+9', 'Control+.']) await page.keyboard.press(key);
      await page.waitForSelector('[data-testid="widgets-panel"]');
      await page.waitForTimeout(11_000);
      const draws = () => page.evaluate(() => Object.fromEntries(Object.entries(window.__thPlots ?? {}).map(([k, p]) => [k, { draws: p.draws, points: p.data()[0]?.length ?? 0 }])));
      const a = await draws();
      const frames = await frameTimes(page, measureSec);
      const b = await draws();
      const total = frames.reduce((s, x) => s + x, 0);
      return {
        bench: 'workspace',
        panels: Object.keys(b).length + 1,
        fps: round((frames.length * 1000) / total),
        p95FrameMs: round(p95(frames)),
        plotDrawsPerSec: Object.fromEntries(Object.entries(b).map(([k, v]) => [k, round(((v.draws - (a[k]?.draws ?? 0)) * 1000) / total)])),
        visiblePoints: Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.points])),
      };
    },
    init,
  );
}

export async function runIdleCpuBench(measureSec = 10) {
  return withPage({ channels: 8, rateHz: 1000 }, async (page) => {
    await page.waitForSelector('[data-testid="live-chart"] canvas');
    await page.waitForTimeout(3000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (): Promise<Record<string, number>> => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const a = await metric();
    await page.waitForTimeout(measureSec * 1000);
    const b = await metric();
    const wall = (b.Timestamp ?? 0) - (a.Timestamp ?? 0);
    const busy = ((b.TaskDuration ?? 0) - (a.TaskDuration ?? 0)) / wall;
    const script = ((b.ScriptDuration ?? 0) - (a.ScriptDuration ?? 0)) / wall;
    return { bench: 'idle-cpu', seconds: round(wall), rendererBusyPct: round(busy * 100), scriptPct: round(script * 100) };
  });
}

export async function runE2eLatencyBench(measureSec = 10) {
  const plots = [{ id: 'lat', title: 'lat', mode: 'time', windowSec: 10, series: [{ channel: 'ch1', axis: 0 }] }];
  const init = `localStorage.setItem('telemetryhub.plots.v1', ${JSON.stringify(JSON.stringify(plots))});`;
  return withPage(
    { channels: 8, rateHz: 1000 },
    async (page) => {
      // The plot (moved from the old localStorage key into a dock panel) maximised.
      await page.waitForSelector('[data-testid="plot-panel-lat"]');
      await page.getByTestId('dock-maximize-plot-view').click();
      await page.waitForTimeout(3000);
      // The frame after the draw: its timestamp is when the drawn pixels reach the screen.
      const samples: number[] = await page.evaluate(`new Promise((resolve) => {
        const out = [];
        let seen = 0;
        const end = performance.now() + ${measureSec * 1000};
        function tick(now) {
          const d = window.__thPlots && window.__thPlots.lat && window.__thPlots.lat.lastDrawn;
          if (d && d.sampleMs !== seen) {
            seen = d.sampleMs;
            out.push(performance.timeOrigin + now - d.sampleMs);
          }
          if (now < end) requestAnimationFrame(tick);
          else resolve(out);
        }
        requestAnimationFrame(tick);
      })`);
      return { bench: 'e2e-latency', draws: samples.length, p50Ms: round(samples.sort((x, y) => x - y)[samples.length >> 1] ?? Number.NaN), p95Ms: round(p95(samples)) };
    },
    init,
  );
}
