// Where the renderer main thread spends its time in the idle-cpu setup (default layout, 1 kHz × 8):
// a Chromium trace summed by event name. Not a bench line: run it by hand (`npx tsx test/bench/main-thread-profile.ts`).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.js';
import { startHost } from '../helpers/host.js';
import { callHost } from '../helpers/ws-client.js';

const host = await startHost();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
try {
  await callHost(host.url, 'configureDevice', { channels: 8, rateHz: 1000, autoStart: true });
  await callHost(host.url, 'updateConfig', { chart: { windowSec: 10 } });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(host.url);
  await page.waitForSelector('[data-testid="live-chart"] canvas');
  await page.waitForTimeout(3000);
  const browserCdp = await browser.newBrowserCDPSession();
  const events: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { data?: { url?: string } } }[] = [];
  browserCdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
  const done = new Promise<void>((r) => browserCdp.once('Tracing.tracingComplete', () => r()));
  await browserCdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.waitForTimeout(5000);
  await browserCdp.send('Tracing.end');
  await done;
  // The renderer main thread: the one running the most RunTask time that also has FunctionCall events.
  const threads = new Map<string, number>();
  for (const e of events) if (e.name === 'FunctionCall' || e.name === 'Paint') threads.set(`${e.pid}:${e.tid}`, (threads.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...threads.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sum = new Map<string, number>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X') continue;
    sum.set(e.name, (sum.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  for (const [k, v] of [...sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(((v / 5e6) * 100).toFixed(1).padStart(5), '% of 5 s', k);
} finally {
  await browser.close();
  await host.stop();
}
