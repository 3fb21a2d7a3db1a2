// The engine's /metrics text the usual way: `promtool check metrics` finds nothing to complain about,
// latency is a histogram in seconds, process metrics are there, alarms by priority and the recorder's
// rows and lag are exported with the values the engine reports elsewhere.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { testEngineWithRecorder } from '../helpers/worker.js';

let engine: Engine;
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'th-prom-'));
  engine = await createEngine({ dataDir, ...testEngineWithRecorder, logger: pino({ level: 'silent' }) });
  await engine.start();
});

afterEach(async () => {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Polls an async condition every 20 ms. */
async function until(cond: () => Promise<boolean>, ms: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `value` of the one sample named `name` with exactly these labels. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  if (!line) throw new Error(`no sample ${name}${labels}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('Prometheus exposition', () => {
  it('passes promtool check metrics, with latency as a histogram in seconds and process metrics', async () => {
    let text = '';
    await until(async () => {
      text = await engine.registry.metrics();
      return sample(text, 'telemetryhub_latency_seconds_count') > 0;
    }, 10_000, 'published batches');
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
    expect(text).not.toContain('latency_p95');
    expect(text).toContain('# TYPE telemetryhub_latency_seconds histogram');
    // Buckets are cumulative and end with +Inf = count.
    const count = sample(text, 'telemetryhub_latency_seconds_count');
    expect(sample(text, 'telemetryhub_latency_seconds_bucket', '{le="+Inf"}')).toBe(count);
    expect(sample(text, 'telemetryhub_latency_seconds_bucket', '{le="0.001"}')).toBeLessThanOrEqual(sample(text, 'telemetryhub_latency_seconds_bucket', '{le="5"}'));
    expect(sample(text, 'telemetryhub_latency_seconds_sum')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('exports active alarms by priority and the recorder rows and lag as the engine reports them', async () => {
    // Channel 1 ramps from 1.5 to 4.5: a Hi limit at -1000 is exceeded at once and stays exceeded.
    const r = await engine.api.updateConfig({ alarms: { rules: [{ channel: 1, hi: { value: -1000 }, priority: 'high' }] } });
    expect(r.ok).toBe(true);
    let text = '';
    await until(async () => {
      text = await engine.registry.metrics();
      return sample(text, 'telemetryhub_alarms_active', '{priority="high"}') === 1;
    }, 10_000, 'the high alarm');
    for (const p of ['critical', 'medium', 'low']) expect(sample(text, 'telemetryhub_alarms_active', `{priority="${p}"}`)).toBe(0);
    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.alarms.map((a) => a.priority)).toEqual(['high']);
    // Read in the same turn of the event loop (the recorder reports between turns), the scrape and the
    // status must agree exactly.
    let written = 0;
    await until(async () => {
      const [st, scraped] = await Promise.all([engine.api.getRecordingStatus(), engine.registry.metrics()]);
      if (!st.ok) return false;
      expect(sample(scraped, 'telemetryhub_recorder_rows_written_total')).toBe(st.value.rowsWritten);
      expect(sample(scraped, 'telemetryhub_recorder_lag_rows')).toBe(st.value.lagRows);
      expect(sample(scraped, 'telemetryhub_recorder_rows_dropped_total')).toBe(st.value.droppedRows);
      written = st.value.rowsWritten;
      return written > 0;
    }, 15_000, 'rows written');
    expect(written).toBeGreaterThan(0);
  });
});
