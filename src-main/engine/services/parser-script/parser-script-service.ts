// Parser scripts before they run: the device panel's "try" (compile, then decode a pasted sample)
// and the check that keeps a script that does not compile from being applied. Both run in a
// worker-pool thread, in the QuickJS sandbox the batches use, never on the main thread.
import type { RequestHandlers } from '@shared/api/contract.js';
import type { AppConfig } from '@shared/config/app-config.js';
import { fail, ok, type FieldIssue } from '@shared/domain/result.js';
import { describeCompileError, type ScriptTryResult } from '@shared/domain/script-try.js';
import type { WorkerPool } from '../../pipeline/worker-pool.js';
import type { Service } from '../service.js';

export interface ParserScriptServiceOptions {
  /** The acquisition's pool (it is rebuilt when the thread count changes). */
  pool: () => WorkerPool;
}

function why(err: unknown): string {
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) return 'the script did not finish in time (its thread was ended)';
  return err instanceof Error ? err.message : String(err);
}

/** The config path of the script source. */
export const SCRIPT_SOURCE_PATH = 'device.format.source';

export class ParserScriptService implements Service<'tryParserScript'> {
  readonly handlers: Pick<RequestHandlers, 'tryParserScript'> = {
    tryParserScript: async (input) => {
      try {
        return ok(await this.opts.pool().tryScript(input));
      } catch (err) {
        return fail('internal', `The script could not be tried: ${why(err)}`);
      }
    },
  };

  constructor(private readonly opts: ParserScriptServiceOptions) {}

  /**
   * Issues (paths from the config root) when `next` brings a parser script that does not
   * compile. A script already running is not checked again, so other settings stay changeable.
   */
  async check(prev: AppConfig, next: AppConfig): Promise<FieldIssue[]> {
    const f = next.device.format;
    if (f.kind !== 'script') return [];
    const p = prev.device.format;
    if (p.kind === 'script' && p.source === f.source) return [];
    let r: ScriptTryResult;
    try {
      r = await this.opts.pool().tryScript({ format: f });
    } catch (err) {
      return [{ path: SCRIPT_SOURCE_PATH, message: `${SCRIPT_SOURCE_PATH}: the script could not be checked: ${why(err)}` }];
    }
    if (!r.compileError) return [];
    return [{ path: SCRIPT_SOURCE_PATH, message: `${SCRIPT_SOURCE_PATH}: ${describeCompileError(r.compileError)}` }];
  }

  snapshot(): Record<string, never> {
    return {};
  }

  start(): void {}

  close(): void {}
}
