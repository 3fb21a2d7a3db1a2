// `npm run bench`: one JSON line per benchmark on stdout; progress goes to stderr.
import { runAlarmBench, runPipelineAlarmsBench } from './alarm-bench.js';
import { runChartBench } from './chart-bench.js';
import { runDecodeBench, runDecodeScriptBench, runDecodeScriptNodeVmBench } from './decode-bench.js';
import { runE2eLatencyBench, runIdleCpuBench, runWorkspaceBench } from './instruments-bench.js';
import { runLatencyBench, runPipelineBench } from './pipeline-bench.js';
import { runExportAndHistoryBench, runRecordBench } from './recording-bench.js';
import { runBreakerRecoveryBench, runPipelineUnderFaultsBench } from './resilience-bench.js';
import { runSerialPtyBench } from './serial-pty-bench.js';
import { runSoakBench, soakMinutesFromArgv } from './soak-bench.js';
import { runModbusBench, runMqttBench, runReplayBench } from './sources-bench.js';

// `--minutes N` sets the soak's length; the other arguments name the benchmarks to run.
const args = process.argv.slice(2);
const soakMinutes = soakMinutesFromArgv(args);
const only = args.filter((a, i) => a !== '--minutes' && args[i - 1] !== '--minutes');
// `decode` runs every decode-<format> line.
const want = (name: string) => only.length === 0 || only.includes(name) || (name.startsWith('decode-') && only.includes('decode'));

const benches: [string, () => Promise<object | object[]>][] = [
  ['pipeline', () => runPipelineBench()],
  ['latency', () => runLatencyBench()],
  ['chart', () => runChartBench()],
  ['workspace', () => runWorkspaceBench()],
  ['idle-cpu', () => runIdleCpuBench()],
  ['e2e-latency', () => runE2eLatencyBench()],
  ['alarm-eval', () => runAlarmBench()],
  ['pipeline-alarms', () => runPipelineAlarmsBench()],
  ['pipeline-under-faults', () => runPipelineUnderFaultsBench()],
  ['breaker-recovery', () => runBreakerRecoveryBench()],
  ['record', () => runRecordBench()],
  // One 10 M-row session serves both: the export lines and the history line.
  ['export', () => runExportAndHistoryBench(Number(process.env.BENCH_EXPORT_ROWS ?? 10_000_000))],
  ['decode-csv', async () => runDecodeBench('csv')],
  ['decode-kv', async () => runDecodeBench('kv')],
  ['decode-jsonl', async () => runDecodeBench('jsonl')],
  ['decode-binary', async () => runDecodeBench('binary')],
  ['decode-sync-length-crc16', async () => runDecodeBench('sync-length-crc16')],
  ['decode-sync-fixed-crc16', async () => runDecodeBench('sync-fixed-crc16')],
  ['decode-nmea', async () => runDecodeBench('nmea')],
  ['decode-script', () => runDecodeScriptBench()],
  // The sandbox the app does not use, measured for the README's comparison.
  ['decode-script-node-vm', async () => runDecodeScriptNodeVmBench()],
  ['serial-pty', () => runSerialPtyBench()],
  ['replay', () => runReplayBench()],
  ['mqtt', () => runMqttBench()],
  ['modbus', () => runModbusBench()],
  ['soak', () => runSoakBench(soakMinutes)],
];

let failed = false;
for (const [name, run] of benches) {
  if (!want(name)) continue;
  process.stderr.write(`bench ${name}…\n`);
  try {
    const out = await run();
    for (const line of Array.isArray(out) ? out : [out]) process.stdout.write(`${JSON.stringify(line)}\n`);
  } catch (err) {
    failed = true;
    process.stdout.write(`${JSON.stringify({ bench: name, error: err instanceof Error ? err.message : String(err) })}\n`);
  }
}
process.exit(failed ? 1 : 0);
