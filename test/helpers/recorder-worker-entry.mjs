// Tests run the recorder worker from source: a plain Worker does not get tsx from
// execArgv on Node 20, so this entry registers it and imports the .ts worker.
import { register } from 'tsx/esm/api';

register();
await import('../../src-main/engine/recorder/recorder-worker.ts');
