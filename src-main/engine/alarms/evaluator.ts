// Turns full-resolution samples into alarm conditions, sample-accurately: level
// limits with per-limit deadband, rate of change over a window, and on/off delays
// counted in sample time. It keeps per-channel state across batches, so it must see
// every batch of a channel in order (the pipeline releases batches in order).
import type { AlarmCondition, AlarmKind } from '@shared/alarms/alarm.js';
import type { AlarmPriority, AlarmRule } from '@shared/alarms/rules.js';

/** A condition change the reducer turns into an alarm transition. */
export interface ConditionEvent {
  channel: number;
  kind: AlarmKind;
  type: 'occur' | 'return';
  /** Timestamp of the sample at which the change took effect (after the on/off-delay). */
  t: number;
  /** Timestamp of the sample that first crossed (before the delay). */
  crossedAt: number;
  condition: AlarmCondition;
  value: number;
  limit: number;
  priority: AlarmPriority;
  message: string;
}

/** Level codes: sign = side, magnitude = severity. */
const CODE_CONDITION: Record<number, AlarmCondition> = { 2: 'hihi', 1: 'hi', [-1]: 'lo', [-2]: 'lolo' };

/** On/off-delay bookkeeping of one alarm (level or rate of change). */
class Debounce {
  reported = 0;
  pending = 0;
  pendingSince = NaN;

  constructor(
    private readonly onDelayMs: number,
    private readonly offDelayMs: number,
  ) {}

  /** Feeds the raw code at sample time t; returns true when `reported` changed at this sample. */
  step(code: number, t: number): boolean {
    if (code === this.reported) {
      this.pending = this.reported;
      return false;
    }
    const worse = this.isWorse(code);
    // A change within the same direction (Hi → HiHi while waiting) keeps its start time.
    if (code !== this.pending) {
      if (this.pending === this.reported || this.isWorse(this.pending) !== worse) this.pendingSince = t;
      this.pending = code;
    }
    const delay = worse ? this.onDelayMs : this.offDelayMs;
    if (t - this.pendingSince < delay) return false;
    this.reported = code;
    return true;
  }

  private isWorse(code: number): boolean {
    const r = this.reported;
    if (code === 0) return false;
    if (r === 0 || Math.sign(code) !== Math.sign(r)) return true;
    return Math.abs(code) > Math.abs(r);
  }
}

interface LevelRule {
  his: { value: number; clear: number; priority: AlarmPriority }[]; // [hihi, hi] present ones, most severe first
  hiCodes: number[];
  los: { value: number; clear: number; priority: AlarmPriority }[];
  loCodes: number[];
  latchHi: boolean[];
  latchLo: boolean[];
  debounce: Debounce;
}

interface RocRule {
  maxPerSec: number;
  windowMs: number;
  priority: AlarmPriority;
  debounce: Debounce;
  /** Ring of recent (t, v) samples spanning at least the window. */
  t: Float64Array;
  v: Float64Array;
  head: number;
  size: number;
  lastRate: number;
}

interface ChannelState {
  channel: number;
  message: string;
  priority: AlarmPriority;
  level?: LevelRule;
  roc?: RocRule;
}

function levelRule(rule: AlarmRule, onMs: number, offMs: number): LevelRule | undefined {
  const his: LevelRule['his'] = [];
  const hiCodes: number[] = [];
  const los: LevelRule['los'] = [];
  const loCodes: number[] = [];
  const add = (kind: 'hihi' | 'hi' | 'lo' | 'lolo', code: number): void => {
    const l = rule[kind];
    if (!l) return;
    const entry = { value: l.value, clear: code > 0 ? l.value - l.deadband : l.value + l.deadband, priority: l.priority ?? rule.priority };
    if (code > 0) {
      his.push(entry);
      hiCodes.push(code);
    } else {
      los.push(entry);
      loCodes.push(code);
    }
  };
  // Most severe first: the first latched limit decides the code.
  add('hihi', 2);
  add('hi', 1);
  add('lolo', -2);
  add('lo', -1);
  if (his.length === 0 && los.length === 0) return undefined;
  return { his, hiCodes, los, loCodes, latchHi: his.map(() => false), latchLo: los.map(() => false), debounce: new Debounce(onMs, offMs) };
}

export class AlarmEvaluator {
  private readonly states: ChannelState[] = [];
  private readonly lastSample: Float64Array;
  /** Channels of every enabled rule (stale-only rules too): their newest sample time is kept. */
  private readonly tracked: number[] = [];

  constructor(rules: readonly AlarmRule[], maxChannels = 32) {
    this.lastSample = new Float64Array(maxChannels).fill(NaN);
    for (const rule of rules) {
      if (!rule.enabled) continue;
      this.tracked.push(rule.channel);
      const onMs = rule.onDelaySec * 1000;
      const offMs = rule.offDelaySec * 1000;
      const st: ChannelState = { channel: rule.channel, message: rule.message, priority: rule.priority };
      const level = levelRule(rule, onMs, offMs);
      if (level) st.level = level;
      if (rule.rateOfChange) {
        st.roc = {
          maxPerSec: rule.rateOfChange.maxPerSec,
          windowMs: rule.rateOfChange.windowSec * 1000,
          priority: rule.rateOfChange.priority ?? rule.priority,
          debounce: new Debounce(onMs, offMs),
          t: new Float64Array(64),
          v: new Float64Array(64),
          head: 0,
          size: 0,
          lastRate: 0,
        };
      }
      if (st.level || st.roc) this.states.push(st);
    }
  }

  /** Sample time of the newest valid sample seen per channel (NaN: none yet). */
  lastSampleAt(channel: number): number {
    return this.lastSample[channel] ?? NaN;
  }

  /**
   * Continues from a known alarm condition (e.g. after the rules changed) so a
   * still-active alarm returns to normal when the value is back inside.
   */
  seed(channel: number, kind: AlarmKind, condition: AlarmCondition): void {
    const st = this.states.find((s) => s.channel === channel);
    if (!st) return;
    if (kind === 'level' && st.level) {
      const code = ({ hihi: 2, hi: 1, lo: -1, lolo: -2 } as Partial<Record<AlarmCondition, number>>)[condition];
      if (code === undefined) return;
      const lv = st.level;
      lv.debounce.reported = lv.debounce.pending = code;
      lv.hiCodes.forEach((c, i) => (lv.latchHi[i] = code > 0 && c <= code));
      lv.loCodes.forEach((c, i) => (lv.latchLo[i] = code < 0 && c >= code));
    }
    if (kind === 'roc' && st.roc) st.roc.debounce.reported = st.roc.debounce.pending = 1;
  }

  /** Forgets delay timers and rate windows (device reset); reported conditions stay. */
  resetTimers(): void {
    for (const st of this.states) {
      if (st.level) st.level.debounce.pending = st.level.debounce.reported;
      if (st.roc) {
        st.roc.debounce.pending = st.roc.debounce.reported;
        st.roc.size = 0;
      }
    }
    this.lastSample.fill(NaN);
  }

  /**
   * Evaluates `frames` samples: t[f] is the sample time (epoch ms), values are row-major
   * (frame f, channel c at f * channels + c). Condition changes are appended to `out`.
   */
  evaluate(t: Float64Array, values: Float64Array, frames: number, channels: number, out: ConditionEvent[]): void {
    if (frames === 0) return;
    for (const st of this.states) {
      if (st.channel >= channels) continue;
      if (st.level) this.evalLevel(st, st.level, t, values, frames, channels, out);
      if (st.roc) this.evalRoc(st, st.roc, t, values, frames, channels, out);
    }
    for (const c of this.tracked) {
      if (c >= channels) continue;
      for (let f = frames - 1; f >= 0; f--) {
        if (Number.isFinite(values[f * channels + c] as number)) {
          this.lastSample[c] = t[f] as number;
          break;
        }
      }
    }
  }

  private evalLevel(st: ChannelState, lv: LevelRule, t: Float64Array, values: Float64Array, frames: number, channels: number, out: ConditionEvent[]): void {
    const { his, los, latchHi, latchLo, hiCodes, loCodes, debounce } = lv;
    const nh = his.length;
    const nl = los.length;
    const c = st.channel;
    for (let f = 0; f < frames; f++) {
      const v = values[f * channels + c] as number;
      if (v !== v) continue; // NaN: no valid sample
      let code = 0;
      for (let i = 0; i < nh; i++) {
        const lim = his[i]!;
        let on = latchHi[i]!;
        if (on) {
          if (v < lim.clear) on = latchHi[i] = false;
        } else if (v >= lim.value) on = latchHi[i] = true;
        if (on && code === 0) code = hiCodes[i]!;
      }
      if (code === 0) {
        for (let i = 0; i < nl; i++) {
          const lim = los[i]!;
          let on = latchLo[i]!;
          if (on) {
            if (v > lim.clear) on = latchLo[i] = false;
          } else if (v <= lim.value) on = latchLo[i] = true;
          if (on && code === 0) code = loCodes[i]!;
        }
      }
      const tf = t[f] as number;
      if (code === debounce.reported && code === debounce.pending) continue;
      if (!debounce.step(code, tf)) continue;
      const r = debounce.reported;
      if (r === 0) {
        out.push({ channel: c, kind: 'level', type: 'return', t: tf, crossedAt: debounce.pendingSince, condition: 'hi', value: v, limit: NaN, priority: st.priority, message: st.message });
      } else {
        const idx = r > 0 ? hiCodes.indexOf(r) : loCodes.indexOf(r);
        const lim = (r > 0 ? his[idx] : los[idx])!;
        out.push({ channel: c, kind: 'level', type: 'occur', t: tf, crossedAt: debounce.pendingSince, condition: CODE_CONDITION[r]!, value: v, limit: lim.value, priority: lim.priority, message: st.message });
      }
    }
  }

  private evalRoc(st: ChannelState, roc: RocRule, t: Float64Array, values: Float64Array, frames: number, channels: number, out: ConditionEvent[]): void {
    const c = st.channel;
    const W = roc.windowMs;
    const limitPerMs = roc.maxPerSec / 1000;
    for (let f = 0; f < frames; f++) {
      const v = values[f * channels + c] as number;
      if (v !== v) continue;
      const tf = t[f] as number;
      this.ringPush(roc, tf, v);
      // Keep the newest sample at or before tf − W as the window's start.
      let cap = roc.t.length;
      while (roc.size > 1 && (roc.t[(roc.head + 1) & (cap - 1)] as number) <= tf - W) {
        roc.head = (roc.head + 1) & (cap - 1);
        roc.size--;
      }
      cap = roc.t.length;
      const t0 = roc.t[roc.head] as number;
      if (tf - t0 < W) continue; // the window is not filled yet
      const ratePerMs = (v - (roc.v[roc.head] as number)) / (tf - t0);
      const code = ratePerMs >= limitPerMs || ratePerMs <= -limitPerMs ? 1 : 0;
      const d = roc.debounce;
      if (code === d.reported && code === d.pending) continue;
      if (!d.step(code, tf)) continue;
      const rate = ratePerMs * 1000;
      out.push({ channel: c, kind: 'roc', type: d.reported ? 'occur' : 'return', t: tf, crossedAt: d.pendingSince, condition: 'roc', value: rate, limit: roc.maxPerSec, priority: roc.priority, message: st.message });
    }
  }

  private ringPush(roc: RocRule, t: number, v: number): void {
    let cap = roc.t.length;
    if (roc.size === cap) {
      // Grow (power of two) keeping order.
      const nt = new Float64Array(cap * 2);
      const nv = new Float64Array(cap * 2);
      for (let i = 0; i < roc.size; i++) {
        nt[i] = roc.t[(roc.head + i) & (cap - 1)] as number;
        nv[i] = roc.v[(roc.head + i) & (cap - 1)] as number;
      }
      roc.t = nt;
      roc.v = nv;
      roc.head = 0;
      cap *= 2;
    }
    const idx = (roc.head + roc.size) & (cap - 1);
    roc.t[idx] = t;
    roc.v[idx] = v;
    roc.size++;
  }
}
