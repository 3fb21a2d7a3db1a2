// `npm run bench`: one JSON line per benchmark on stdout; progress goes to stderr.
import { runChartBench } from './chart-bench.js';
import { runDecodeBench } from './decode-bench.js';
import { runLatencyBench, runPipelineBench } from './pipeline-bench.js';
import { runSerialPtyBench } from './serial-pty-bench.js';

const only = process.argv.slice(2);
// `decode` runs every decode-<format> line.
const want = (name: string) => only.length === 0 || only.includes(name) || (name.startsWith('decode-') && only.includes('decode'));

const benches: [string, () => Promise<object>][] = [
  ['pipeline', () => runPipelineBench()],
  ['latency', () => runLatencyBench()],
  ['chart', () => runChartBench()],
  ['decode-csv', async () => runDecodeBench('csv')],
  ['decode-kv', async () => runDecodeBench('kv')],
  ['decode-jsonl', async () => runDecodeBench('jsonl')],
  ['decode-binary', async () => runDecodeBench('binary')],
  ['serial-pty', () => runSerialPtyBench()],
];

let failed = false;
for (const [name, run] of benches) {
  if (!want(name)) continue;
  process.stderr.write(`bench ${name}…\n`);
  try {
    process.stdout.write(`${JSON.stringify(await run())}\n`);
  } catch (err) {
    failed = true;
    process.stdout.write(`${JSON.stringify({ bench: name, error: err instanceof Error ? err.message : String(err) })}\n`);
  }
}
process.exit(failed ? 1 : 0);
