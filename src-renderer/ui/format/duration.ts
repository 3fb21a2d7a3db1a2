// Durations: the one implementation lives in src-shared (the engine's messages use it too).
export { fmtClock, fmtDuration, fmtDurationSetting, secondsLeft } from '@shared/format/duration.js';
