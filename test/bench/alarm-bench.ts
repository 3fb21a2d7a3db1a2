// The alarm evaluator alone on one thread: 8 channels × 4 level limits (HiHi/Hi/Lo/LoLo,
// with deadbands and delays) = 32 limit checks per frame, over signals that cross them.
import { AlarmRuleSchema } from '../../src-shared/alarms/rules.js';
import { AlarmManager } from '../../src-main/engine/alarms/alarm-manager.js';
import { AlarmEvaluator, type ConditionEvent } from '../../src-main/engine/alarms/evaluator.js';
import { runPipelineBench } from './pipeline-bench.js';

function benchRules(channels: number) {
  return Array.from({ length: channels }, (_, c) =>
    AlarmRuleSchema.parse({
      channel: c,
      hihi: { value: 0.9, deadband: 0.02 },
      hi: { value: 0.7, deadband: 0.02 },
      lo: { value: -0.7, deadband: 0.02 },
      lolo: { value: -0.9, deadband: 0.02 },
      onDelaySec: 0.002,
      offDelaySec: 0.002,
    }),
  );
}

/** The whole pipeline flood (as `pipeline`) with alarm rules on every channel: what alarms cost end to end. */
export async function runPipelineAlarmsBench(seconds = 10): Promise<object> {
  const channels = 8;
  const manager = new AlarmManager();
  manager.configure(benchRules(channels), channels, Date.now());
  const r = await runPipelineBench(seconds, channels, ({ data, frames, channels: ch }) => {
    manager.onFrames(data.subarray(0, frames), data.subarray(frames), frames, ch);
    manager.flush();
  });
  return { ...r, bench: 'pipeline-alarms', rules: channels * 4, journal: manager.journal.recent(1)[0]?.seq ?? 0 };
}

export async function runAlarmBench(seconds = 3): Promise<object> {
  const channels = 8;
  const rules = benchRules(channels);
  const evaluator = new AlarmEvaluator(rules);
  // One batch as the workers hand it over: 4096 frames at 1 kHz, row-major values.
  const frames = 4096;
  const t = new Float64Array(frames);
  const values = new Float64Array(frames * channels);
  const out: ConditionEvent[] = [];
  let batches = 0;
  let events = 0;
  let t0 = 1_700_000_000_000;
  const fill = (): void => {
    for (let f = 0; f < frames; f++) {
      t[f] = t0 + f;
      for (let c = 0; c < channels; c++) values[f * channels + c] = Math.sin((t0 + f) / (150 + c * 20)) + ((f * 7919 + c * 104729) % 1000) / 20_000;
    }
    t0 += frames;
  };
  // Pre-filled variants so the timed loop measures evaluation, not signal generation.
  const variants = Array.from({ length: 16 }, () => {
    fill();
    return { t: t.slice(), v: values.slice() };
  });
  const warmEnd = performance.now() + 500;
  let i = 0;
  while (performance.now() < warmEnd || i % variants.length !== 0) {
    const b = variants[i++ % variants.length]!;
    for (let f = 0; f < frames; f++) b.t[f] = (b.t[f] as number) + 16 * frames;
    evaluator.evaluate(b.t, b.v, frames, channels, out);
    out.length = 0;
  }
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let k = 0; k < 16; k++) {
      const b = variants[k]!;
      // Move the reused buffers forward in time so sample time keeps increasing (delays count as live).
      for (let f = 0; f < frames; f++) b.t[f] = (b.t[f] as number) + 16 * frames;
      evaluator.evaluate(b.t, b.v, frames, channels, out);
      events += out.length;
      out.length = 0;
      batches++;
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  const samples = batches * frames * channels;
  return { bench: 'alarm-eval', channels, rules: channels * 4, samplesPerSec: Math.round(samples / elapsed), conditionEvents: events, seconds: Math.round(elapsed * 10) / 10 };
}
