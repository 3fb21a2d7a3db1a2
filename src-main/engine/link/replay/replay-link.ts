// A replay as a link: the player behind the same reconnecting link as serial and TCP,
// so fault injection, the breaker and integrity counters treat it like any device.
import type { IBackoffFactory } from 'cockatiel';
import { describeReplay, replayChannels, type ReplayLinkSettings } from '@shared/domain/link-replay.js';
import type { ReplayStatus } from '@shared/domain/replay.js';
import { ReconnectingLink } from '../reconnect.js';
import { CsvReplayReader } from './csv-reader.js';
import { ReplayPlayer } from './replay-player.js';
import type { ReplayReader } from './replay-reader.js';
import { SessionReplayReader, type SessionFrames } from './session-reader.js';

export interface ReplayLinkOptions {
  /** Recorded sessions; without it only CSV files can be replayed. */
  sessions?: SessionFrames | undefined;
  backoff?: IBackoffFactory<unknown> | undefined;
  gate?: (() => void) | undefined;
  onStatus?: ((status: ReplayStatus) => void) | undefined;
  onJump?: (() => void) | undefined;
  /** Frames wait for `player.setMeasuring(true)` (the engine measures). */
  held?: boolean | undefined;
}

export function replayReader(settings: ReplayLinkSettings, sessions: SessionFrames | undefined): ReplayReader {
  const src = settings.source;
  if (src.type === 'csv') return new CsvReplayReader(src.path, src.mapping);
  if (!sessions) {
    return {
      open: () => Promise.reject(new Error('Recorded sessions cannot be replayed: recording is not available in this build')),
      read: () => Promise.reject(new Error('not open')),
      indexAt: () => Promise.reject(new Error('not open')),
      close: async () => undefined,
    };
  }
  return new SessionReplayReader(sessions, src.sessionId);
}

export class ReplayLink extends ReconnectingLink {
  readonly player: ReplayPlayer;
  readonly settings: ReplayLinkSettings;

  constructor(settings: ReplayLinkSettings, opts: ReplayLinkOptions = {}) {
    const description = describeReplay(settings);
    const player = new ReplayPlayer(replayReader(settings, opts.sessions), {
      description,
      channels: replayChannels(settings).length,
      speed: settings.speed,
      asFastAsPossible: settings.asFastAsPossible,
      loop: settings.loop,
      held: opts.held ?? false,
      ...(opts.onStatus ? { onStatus: opts.onStatus } : {}),
      ...(opts.onJump ? { onJump: opts.onJump } : {}),
    });
    super({
      kind: 'replay',
      description,
      open: (handlers) => player.attach(handlers),
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
      ...(opts.gate ? { gate: opts.gate } : {}),
    });
    this.player = player;
    this.settings = settings;
  }
}
