// Replay as a service: reads recorded sessions for a replay link (through the recorder),
// plays only while the device measures, answers the operator's controls (pause, seek, speed,
// loop), reports the replay's state, restarts the chart after a jump, and gives the alarms
// the replay's clock so stale-data checks run on replayed time.
import type { RequestHandlers } from '@shared/api/contract.js';
import type { TelemetryEvents } from '@shared/api/events.js';
import type { ReplayStatus } from '@shared/domain/replay.js';
import { fail, ok, type ApiResult } from '@shared/domain/result.js';
import type { CreateLinkOptions } from '../../link/create-link.js';
import type { WritableLink } from '../../link/device-link.js';
import { previewCsv } from '../../link/replay/csv-preview.js';
import { ReplayLink } from '../../link/replay/replay-link.js';
import type { ReplayBlock } from '../../link/replay/replay-reader.js';
import type { SessionFrames } from '../../link/replay/session-reader.js';
import type { SessionSpan } from '../../recorder/replay-read.js';
import type { RecorderRequest } from '../../recorder/protocol.js';
import type { Service } from '../service.js';

export interface ReplayServiceOptions {
  /** The recorder's requests (undefined answer: recording unavailable). */
  ask: <T>(req: RecorderRequest) => Promise<ApiResult<T>>;
  link: () => WritableLink | undefined;
  measuring: () => boolean;
  emit: (event: 'replay', payload: TelemetryEvents['replay']) => void;
  /** Playback jumped in sample time: the pipeline drops what is in flight and the chart starts over. */
  restartChart: () => void;
}

async function need<T>(r: Promise<ApiResult<T>>): Promise<T> {
  const a = await r;
  if (!a.ok) throw new Error(a.error.message);
  return a.value;
}

export class ReplayService implements Service<'replayControl' | 'previewCsv', 'replay'> {
  readonly handlers: Pick<RequestHandlers, 'replayControl' | 'previewCsv'> = {
    previewCsv: async (req) => {
      try {
        return ok(await previewCsv(req));
      } catch (err) {
        return fail('io', err instanceof Error ? err.message : String(err));
      }
    },
    replayControl: async (c) => {
      const player = this.player();
      if (!player) return fail('invalid-state', 'No replay to control: choose a recorded session or a CSV file as the device source');
      try {
        return ok(await player.control(c));
      } catch (err) {
        return fail('io', err instanceof Error ? err.message : String(err));
      }
    },
  };

  /** Recorded sessions, block by block, through the recorder's replay API. */
  readonly sessions: SessionFrames;

  constructor(private readonly opts: ReplayServiceOptions) {
    this.sessions = {
      span: (sessionId) => need(opts.ask<SessionSpan>({ op: 'replaySpan', sessionId })),
      read: (sessionId, channels, index, max) => need(opts.ask<ReplayBlock>({ op: 'replayRead', sessionId, channels, index, max })),
      indexAt: (sessionId, timeMs) => need(opts.ask<number>({ op: 'replayIndexAt', sessionId, timeMs })),
    };
  }

  /** What createLink needs to build a replay link. */
  linkOptions(): Pick<CreateLinkOptions, 'sessions' | 'onReplayStatus' | 'onReplayJump' | 'replayHeld'> {
    return {
      sessions: this.sessions,
      onReplayStatus: (st) => this.opts.emit('replay', st),
      onReplayJump: () => this.opts.restartChart(),
      replayHeld: true,
    };
  }

  snapshot(): { replay: ReplayStatus | null } {
    return { replay: this.player()?.status() ?? null };
  }

  start(): void {
    // nothing to start: the link session builds the replay link
  }

  close(): void {
    // the link session closes the link
  }

  /** The device status settled: a replay plays only while measuring. A new source (not a replay) clears the view. */
  sync(): void {
    const player = this.player();
    player?.setMeasuring(this.opts.measuring());
    if (!player && this.lastHadReplay) this.opts.emit('replay', null);
    this.lastHadReplay = player !== undefined;
  }

  private lastHadReplay = false;

  /** The clock alarms judge stale data by: the replay's sample time while one plays, else the wall clock. */
  now(): number {
    const player = this.player();
    const t = player?.sampleNow();
    return t !== undefined && Number.isFinite(t) ? t : Date.now();
  }

  /** A recording of the replay starts when its source did (so exported "Seconds" match), named as a replay. */
  sessionMeta(): { name: string; startedAt: number } | undefined {
    const link = this.opts.link();
    if (!(link instanceof ReplayLink)) return undefined;
    const origin = link.player.originMs;
    return { name: `Replay: ${link.description.replace(/^replay of /, '')}`, startedAt: origin ?? Date.now() };
  }

  private player() {
    const link = this.opts.link();
    return link instanceof ReplayLink ? link.player : undefined;
  }
}
