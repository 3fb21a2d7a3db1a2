// Alarms as a service: the rules evaluated on every frame (a full-resolution consumer), stale data
// and timed shelves checked on a tick, operator actions, and paced alarm events that never wait
// for or get dropped with samples.
import type { RequestHandlers } from '@shared/api/contract.js';
import type { TelemetryEvents } from '@shared/api/events.js';
import type { Alarm, JournalEntry } from '@shared/alarms/alarm.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { Logger } from 'pino';
import { AlarmManager } from '../../alarms/alarm-manager.js';
import type { AlarmJournalSink } from '../../alarms/journal.js';
import type { FullFrames } from '../../pipeline/task.js';
import type { FrameConsumer } from '../acquisition/acquisition-service.js';
import type { Service } from '../service.js';

/** Stale data, timed shelves and re-alarm times are checked this often. */
const ALARM_TICK_MS = 250;
/** Alarm events go out at most this often (a chattering rule must not flood the UIs); nothing is lost, changes accumulate. */
const ALARM_EVENT_MIN_MS = 50;
/** Journal entries a freshly connected UI gets in its snapshot. */
const SNAPSHOT_JOURNAL = 500;

export interface AlarmsServiceOptions {
  operator: string;
  config: () => AppConfig;
  log: Logger;
  /** Connected and measuring: alarms only judge live data. */
  measuring: () => boolean;
  emit: <E extends 'alarms' | 'alarmJournal'>(event: E, payload: TelemetryEvents[E]) => void;
}

export class AlarmsService implements Service<'alarmAction', 'alarms' | 'alarmJournal'>, FrameConsumer {
  readonly name = 'alarms';
  readonly handlers: Pick<RequestHandlers, 'alarmAction'> = {
    alarmAction: async (action) => {
      const r = this.manager.action(action, this.opts.operator, Date.now());
      // Operator actions show at once in every UI (not paced).
      this.emitNow();
      return r;
    },
  };
  private readonly manager: AlarmManager;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastEmit = 0;
  private emitTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(private readonly opts: AlarmsServiceOptions) {
    this.manager = new AlarmManager({ onSinkError: (err) => opts.log.error({ err }, 'alarm journal sink failed') });
    const { alarms, device } = opts.config();
    this.manager.configure(alarms.rules, device.channels, Date.now());
  }

  /** Every new journal entry also goes to `sink` (the recording, a host's own store); returns a remover. */
  addJournalSink(sink: AlarmJournalSink): () => void {
    return this.manager.journal.addSink(sink);
  }

  /** Alarms not in Normal now (no side effects: a Prometheus scrape reads it). */
  active(): Alarm[] {
    return this.manager.active();
  }

  snapshot(): { alarms: Alarm[]; alarmJournal: JournalEntry[] } {
    // Held alarm changes go out first, so the snapshot and the events agree.
    if (this.manager.pending) this.emitNow();
    return { alarms: this.manager.active(), alarmJournal: this.manager.journal.recent(SNAPSHOT_JOURNAL) };
  }

  start(): void {
    this.running = true;
    this.timer = setInterval(() => this.tick(), ALARM_TICK_MS);
  }

  close(): void {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    if (this.emitTimer) clearTimeout(this.emitTimer);
  }

  wants(): boolean {
    return this.manager.needsFrames;
  }

  take(frames: FullFrames): void {
    if (!this.manager.needsFrames) return;
    const { data, frames: n, channels } = frames;
    this.manager.onFrames(data.subarray(0, n), data.subarray(n, n + n * channels), n, channels);
    this.emit();
  }

  /** The operator reset the device: delays and re-alarm times start over. */
  resetTimers(): void {
    this.manager.resetTimers(Date.now());
  }

  /** New rules or channel count; answers whether the need for frames may have changed. */
  configure(prev: AppConfig, next: AppConfig): boolean {
    if (JSON.stringify(prev.alarms.rules) === JSON.stringify(next.alarms.rules) && prev.device.channels === next.device.channels) return false;
    this.manager.configure(next.alarms.rules, next.device.channels, Date.now());
    this.emit();
    return true;
  }

  tick(): void {
    if (!this.running) return;
    const now = Date.now();
    this.manager.setMeasuring(this.opts.measuring(), now);
    this.manager.tick(now);
    this.emit();
  }

  /** At most one pair of events per ALARM_EVENT_MIN_MS; later changes are held (not lost) until then. */
  private emit(): void {
    if (this.emitTimer || !this.manager.pending) return;
    const wait = this.lastEmit + ALARM_EVENT_MIN_MS - performance.now();
    if (wait > 0) {
      this.emitTimer = setTimeout(() => {
        this.emitTimer = undefined;
        this.emitNow();
      }, wait);
      return;
    }
    this.emitNow();
  }

  private emitNow(): void {
    if (!this.running) return;
    this.lastEmit = performance.now();
    const { alarms, journal } = this.manager.flush();
    if (alarms) this.opts.emit('alarms', alarms);
    if (journal.length > 0) this.opts.emit('alarmJournal', journal);
  }
}
