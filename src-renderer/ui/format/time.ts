// Wall-clock times: the one implementation lives in src-shared.
export { fmtTime, fmtWhen } from '@shared/format/time.js';
